// Lets the format readers run over any lab-store transport (local folder today, SFTP later):
// a recursive listing built from `list`, and byte access from `readRange` / `readSmallFile`.

import type { StoreTransport } from '../store-access/store-transport';
import type { SourceFileAccess, SourceListingEntry } from './source-types';

/** meta.yaml, params and tags are small; anything bigger is not what it claims to be. */
export const MAX_SOURCE_TEXT_BYTES = 4 * 1024 * 1024;

export function transportFileAccess(
  transport: Pick<StoreTransport, 'readRange' | 'readSmallFile'>,
  maxTextBytes = MAX_SOURCE_TEXT_BYTES,
): SourceFileAccess {
  return {
    readFrom: (path, offset) => transport.readRange(path, offset),
    readText: async (path) => (await transport.readSmallFile(path, maxTextBytes)).toString('utf8'),
  };
}

/** Every file under the transport's root; symbolic links are not followed. */
export async function listTransportTree(
  transport: Pick<StoreTransport, 'list'>,
  skipDir?: (relativeDir: string, name: string) => boolean,
): Promise<SourceListingEntry[]> {
  const out: SourceListingEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await transport.list(dir)) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.kind === 'dir') {
        if (!skipDir?.(path, entry.name)) await walk(path);
      } else if (entry.kind === 'file') out.push({ path, size: entry.size, mtimeMs: entry.mtimeMs });
    }
  };
  await walk('');
  return out;
}
