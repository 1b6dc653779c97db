// tessera-store.json marks the root of a lab store and says which format version it is written in.
import { FieldReader, fieldSpecs } from './field-reader';
import type { IssueList } from './sync-issue';
import { decodeStoreText, isPlainObject, parseJsonText } from './store-text';

export const STORE_MARKER_FILE = 'tessera-store.json';
export const SUPPORTED_FORMAT_VERSION = 1;
const EXPECTED = '{"format": "tessera-store", "version": 1, "name": "…"}';

export interface StoreMarker {
  name: string | null;
  /** The version the marker declares; null when it could not be read. */
  version: number | null;
}

export function parseStoreMarker(bytes: Uint8Array, issues: IssueList): StoreMarker {
  const text = decodeStoreText(bytes, issues, EXPECTED);
  const json = text === null ? undefined : parseJsonText(text, issues, EXPECTED);
  if (json === undefined) return { name: null, version: null };
  if (!isPlainObject(json)) {
    issues.add('not-object', 'tessera-store.json is not a JSON object.', EXPECTED);
    return { name: null, version: null };
  }
  const fields = new FieldReader(json, issues);
  const format = fields.required('format', { ...fieldSpecs.text, expected: '"tessera-store"' });
  if (format !== undefined && format !== 'tessera-store') {
    issues.add('invalid-field', `Field "format" is "${format}".`, '"tessera-store"');
  }
  const version = fields.required('version', { ...fieldSpecs.integer, expected: `the format version, ${SUPPORTED_FORMAT_VERSION}` });
  const name = fields.optional('name', fieldSpecs.label);
  return { name: name ?? null, version: version ?? null };
}
