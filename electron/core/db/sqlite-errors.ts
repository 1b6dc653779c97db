// SQLite failures sorted into what the user can act on: a damaged file is rebuilt from the store,
// a read-only or busy one is explained, a newer schema or a file that is no cache is left alone.
export type CacheDatabaseErrorKind = 'corrupt' | 'not-a-cache' | 'read-only' | 'busy' | 'full' | 'newer-schema' | 'schema' | 'io' | 'other';

export class CacheDatabaseError extends Error {
  constructor(
    readonly kind: CacheDatabaseErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CacheDatabaseError';
  }
}

const codeKinds: Record<string, CacheDatabaseErrorKind> = {
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_READONLY: 'read-only',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_FULL: 'full',
  SQLITE_IOERR: 'io',
  SQLITE_CANTOPEN: 'io',
};

export function classifySqliteError(error: unknown, file: string): CacheDatabaseError {
  const code = (error as { code?: string })?.code ?? '';
  const base = Object.keys(codeKinds).find((prefix) => code === prefix || code.startsWith(`${prefix}_`));
  const kind = base ? codeKinds[base]! : 'other';
  const detail = error instanceof Error ? error.message : String(error);
  const advice: Record<CacheDatabaseErrorKind, string> = {
    corrupt: 'The cache is damaged; `tessera sync` or the app moves it aside and rebuilds it from the store.',
    'read-only': 'The cache file or its folder is not writable.',
    busy: 'Another process holds the cache; close it or wait.',
    full: 'The disk is full; free space and sync again.',
    io: 'The cache file could not be read or written.',
    'not-a-cache': '',
    'newer-schema': '',
    schema: '',
    other: '',
  };
  return new CacheDatabaseError(kind, `${file}: ${detail}. ${advice[kind]}`.trim(), error);
}
