// Where the desktop app keeps a team server's token between starts: sealed by the operating system's
// keychain (Electron's safeStorage, behind the SecretSealer interface so this file runs in plain Node)
// when one is available, otherwise as plain text in a file only its owner can read, and it says which.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Encryption by the OS keychain; electron/main wraps safeStorage in it. */
export interface SecretSealer {
  /** For the UI: "the macOS Keychain", "libsecret", … */
  readonly name: string;
  isAvailable(): boolean;
  seal(text: string): Buffer;
  open(sealed: Buffer): string;
}

const storedTokenSchema = z.object({ sealedBy: z.string().nullable(), value: z.string() }).strict();
const vaultSchema = z.object({ tokens: z.record(z.string(), storedTokenSchema) }).strict();

export class TokenVault {
  constructor(
    readonly file: string,
    private readonly sealer: SecretSealer,
  ) {}

  /** Keeps the token for `origin`; says whether the keychain sealed it. */
  save(origin: string, token: string): { sealedBy: string | null } {
    const sealed = this.sealer.isAvailable();
    const value = sealed ? this.sealer.seal(token).toString('base64') : token;
    const tokens = { ...this.read(), [origin]: { sealedBy: sealed ? this.sealer.name : null, value } };
    this.write(tokens);
    return { sealedBy: sealed ? this.sealer.name : null };
  }

  load(origin: string): { token: string; sealedBy: string | null } | null {
    const stored = this.read()[origin];
    if (!stored) return null;
    if (stored.sealedBy === null) return { token: stored.value, sealedBy: null };
    if (!this.sealer.isAvailable()) throw new Error(`The token for ${origin} is sealed by ${stored.sealedBy}, which is not available now; sign in again.`);
    return { token: this.sealer.open(Buffer.from(stored.value, 'base64')), sealedBy: stored.sealedBy };
  }

  forget(origin: string): void {
    const { [origin]: _gone, ...rest } = this.read();
    this.write(rest);
  }

  private read(): Record<string, z.infer<typeof storedTokenSchema>> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = vaultSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file}: not a token store (${parsed.error.issues[0]!.message}). Delete it and sign in again.`);
    return parsed.data.tokens;
  }

  private write(tokens: Record<string, z.infer<typeof storedTokenSchema>>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
