// Writes a local file so that a crash or a full disk never leaves half of it: the bytes go to a
// temporary name in the same folder, are flushed to disk, then renamed into place.
import fs from 'node:fs';
import path from 'node:path';

/** Temporary files start with this, so readers can skip them and a restart can clear them. */
export const LOCAL_TEMP_PREFIX = '.tmp-';

export function writeLocalFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `${LOCAL_TEMP_PREFIX}${process.pid}-${Math.random().toString(36).slice(2)}-${path.basename(file)}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, file);
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Leftover temporary files of writes a crash interrupted. */
export function removeStaleTempFiles(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(LOCAL_TEMP_PREFIX)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
