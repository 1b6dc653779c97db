// Team servers whose self-signed certificate a person has trusted, like SSH's known_hosts: the origin,
// the certificate and its fingerprint. A pinned server must present exactly that certificate; a
// different one is refused until the person confirms the new fingerprint.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const knownServerSchema = z.object({ origin: z.string().url(), fingerprint: z.string().min(1), pem: z.string().min(1), trustedAt: z.string() }).strict();
const knownServersSchema = z.object({ servers: z.array(knownServerSchema) }).strict();

export type KnownServer = z.infer<typeof knownServerSchema>;

export class KnownServers {
  constructor(readonly file: string) {}

  find(origin: string): KnownServer | null {
    return this.read().find((server) => server.origin === origin) ?? null;
  }

  trust(origin: string, certificate: { fingerprint: string; pem: string }, now = new Date()): KnownServer {
    const entry: KnownServer = { origin, fingerprint: certificate.fingerprint, pem: certificate.pem, trustedAt: now.toISOString() };
    this.write([...this.read().filter((server) => server.origin !== origin), entry]);
    return entry;
  }

  private read(): KnownServer[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = knownServersSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file}: not a list of trusted servers (${parsed.error.issues[0]!.message}). Fix or delete the file.`);
    return parsed.data.servers;
  }

  private write(servers: KnownServer[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify({ servers }, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
