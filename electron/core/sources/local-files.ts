// The local-folder transport for format readers: a listing of a tree and byte access inside it.
// Paths never leave the root: listing paths are built here, and requested paths are checked.

import { createReadStream, promises as fs } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isSafeRelativePath, type SourceFileAccess, type SourceListingEntry } from './source-types';

export interface LocalListingOptions {
  /** Folders (relative, '/'-separated) not to descend into, such as MLflow artifacts. */
  skipDir?: (relativeDir: string, name: string) => boolean;
}

/** Every regular file under `root`. Symbolic links are not followed, so link loops cannot trap the walk. */
export async function listLocalTree(root: string, options: LocalListingOptions = {}): Promise<SourceListingEntry[]> {
  const out: SourceListingEntry[] = [];
  const walk = async (relDir: string): Promise<void> => {
    const entries = await fs.readdir(relDir === '' ? root : join(root, relDir), { withFileTypes: true });
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!options.skipDir?.(rel, entry.name)) await walk(rel);
      } else if (entry.isFile()) {
        const stat = await fs.stat(join(root, rel)).catch(() => undefined);
        if (stat) out.push({ path: rel, size: stat.size, mtimeMs: stat.mtimeMs });
      }
    }
  };
  await walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function localFileAccess(root: string, chunkBytes = 1024 * 1024): SourceFileAccess {
  const base = resolve(root);
  const inside = (path: string): string => {
    const full = resolve(base, path);
    if (!isSafeRelativePath(path) || !full.startsWith(base + sep)) {
      throw new Error(`refusing to read "${path}": not a plain relative path inside ${base}`);
    }
    return full;
  };
  return {
    readFrom(path, offset) {
      return createReadStream(inside(path), { start: offset, highWaterMark: chunkBytes });
    },
    readText(path) {
      return fs.readFile(inside(path), 'utf8');
    },
  };
}
