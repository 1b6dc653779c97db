// Lab-store run ids for runs found in foreign layouts (a TensorBoard folder path, an MLflow run id).
// Ids match ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ and are used to build paths, so they are derived,
// never copied: a clean path maps to itself with '/' → '.', anything else gets a hash of the
// whole original after '..', which a clean id can never contain. Two different paths therefore
// never share an id (short of a 64-bit hash collision).

import { createHash } from 'node:crypto';

export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const MAX_ID = 128;
const HASH_CHARS = 16;
const CLEAN_SEGMENT = /^[A-Za-z0-9_-]+$/;

export function deriveRunId(sourcePath: string): string {
  const path = sourcePath.normalize('NFC');
  const segments = path === '' ? [] : path.split('/');
  const clean =
    segments.length > 0 &&
    segments.every((s) => CLEAN_SEGMENT.test(s)) &&
    /^[A-Za-z0-9]/.test(path) &&
    path.length <= MAX_ID;
  if (clean) return segments.join('.');

  const hash = createHash('sha256').update(path, 'utf8').digest('hex').slice(0, HASH_CHARS);
  const readable = segments
    .map((s) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((s) => s !== '')
    .join('.');
  let prefix = readable.replace(/^[^A-Za-z0-9]+/, '') || 'run';
  prefix = prefix.slice(0, MAX_ID - HASH_CHARS - 2).replace(/[.]+$/, '');
  return `${prefix}..${hash}`;
}
