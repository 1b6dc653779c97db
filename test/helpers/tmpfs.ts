// A real full disk for fault-injection tests: a small tmpfs (mounting needs root, as in CI here),
// filled to the last byte on demand. Callers unmount in afterAll, whatever happened.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Mounts a tmpfs of `size` ("2m") on `dir`. */
export function mountTmpfs(dir: string, size: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
}

/** Unmounts, lazily if something still holds a file there. */
export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir]);
  } catch {
    execFileSync('umount', ['-l', dir]);
  }
}

/** Fills the file system holding `dir` to the last byte. */
export function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  try {
    const block = Buffer.alloc(64 * 1024, 0x5a);
    for (;;) {
      try {
        fs.writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        break;
      }
    }
    const byte = Buffer.alloc(1, 0x5a);
    for (;;) {
      try {
        fs.writeSync(fd, byte);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        return filler;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Every file under `root`, as '/'-separated relative paths. */
export function listTree(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listTree(root, rel) : [rel];
  });
}
