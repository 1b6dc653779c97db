// The certificate and key `serve` speaks HTTPS with: both given or neither, each readable PEM, and
// the key the certificate's own. Checked before the server starts, so a mistake is one clear line.
import fs from 'node:fs';
import tls from 'node:tls';
import { CliUsageError } from './cli-command';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

function readPem(flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliUsageError(`--${flag} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

export function readTlsFiles(certFile: string | undefined, keyFile: string | undefined): TlsFiles | null {
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) throw new CliUsageError('--tls-cert and --tls-key go together: give both, or neither.');
  const files = { cert: readPem('tls-cert', certFile), key: readPem('tls-key', keyFile) };
  try {
    tls.createSecureContext(files);
  } catch (error) {
    throw new CliUsageError(
      `--tls-cert ${certFile} / --tls-key ${keyFile}: not a usable PEM certificate and its private key (${(error as Error).message}).`,
    );
  }
  return files;
}
