// The hash that recognises a file's bytes again: a document unchanged since its last read, a metrics
// file whose head was not rewritten.
import { createHash } from 'node:crypto';

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
