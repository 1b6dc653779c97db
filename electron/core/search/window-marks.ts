// The matched words of one indexed row, marked with FTS5's highlight() and snippet(), in bounded time.
// Both read the whole column and snippet() weighs every match against every other: over a 2 MB proposal
// of ordinary words that took minutes, on the thread that answers every call. A row whose text is
// longer than MARK_WINDOW_CHARS is marked over a window instead: its first MARK_WINDOW_CHARS characters
// of each column, copied into a temporary FTS5 table with the same tokenizer, so the marks are the ones
// FTS5 gives (stems, prefixes), only never past the window. Shorter rows, nearly all, are marked in place.
import type Database from 'better-sqlite3';
import { MARK_CLOSE, MARK_OPEN } from './marked-text';

export const MARK_WINDOW_CHARS = 16_384;

/** What to mark: each entry is an SQL expression over `{table}`, e.g. `highlight({table}, 0, …)`. */
export type MarkColumns = Record<string, string>;

export const highlightOf = (column: number) => `highlight({table}, ${column}, '${MARK_OPEN}', '${MARK_CLOSE}')`;
export const snippetOf = (column: number, tokens: number) => `snippet({table}, ${column}, '${MARK_OPEN}', '${MARK_CLOSE}', '…', ${tokens})`;

interface Statements {
  inPlace: Database.Statement;
  inWindow: Database.Statement;
  length: Database.Statement;
  fill: Database.Statement;
  clear: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Map<string, Statements>>();

function marksSql(columns: MarkColumns, table: string): string {
  const select = Object.entries(columns).map(([name, expression]) => `${expression.replaceAll('{table}', table)} AS ${name}`);
  // better-sqlite3 binds JS numbers as REAL, and FTS5 then ignores a `rowid = ?` beside MATCH: the CAST keeps it.
  return `SELECT ${select.join(', ')} FROM ${table} WHERE ${table} MATCH ? AND rowid = CAST(? AS INTEGER)`;
}

function statementsFor(sqlite: Database.Database, columns: MarkColumns): Statements {
  let byColumns = prepared.get(sqlite);
  if (!byColumns) prepared.set(sqlite, (byColumns = new Map()));
  const key = JSON.stringify(columns);
  let st = byColumns.get(key);
  if (!st) {
    sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_mark_window USING fts5(title, body, meta, tokenize = 'porter unicode61')`);
    st = {
      inPlace: sqlite.prepare(marksSql(columns, 'search_index')),
      inWindow: sqlite.prepare(marksSql(columns, 'search_mark_window')),
      length: sqlite.prepare('SELECT max(length(title), length(body), length(meta)) FROM search_index WHERE rowid = CAST(? AS INTEGER)').pluck(),
      fill: sqlite.prepare(
        `INSERT INTO temp.search_mark_window (rowid, title, body, meta)
         SELECT rowid, substr(title, 1, ${MARK_WINDOW_CHARS}), substr(body, 1, ${MARK_WINDOW_CHARS}), substr(meta, 1, ${MARK_WINDOW_CHARS})
         FROM search_index WHERE rowid = CAST(? AS INTEGER)`,
      ),
      clear: sqlite.prepare('DELETE FROM temp.search_mark_window'),
    };
    byColumns.set(key, st);
  }
  return st;
}

/** The marked columns of row `doc` for the MATCH expression `match`; undefined when the row does not match. */
export function markRow<T extends Record<string, string>>(sqlite: Database.Database, columns: MarkColumns, match: string, doc: number): T | undefined {
  const st = statementsFor(sqlite, columns);
  const longest = (st.length.get(doc) as number | null | undefined) ?? 0;
  if (longest <= MARK_WINDOW_CHARS) return st.inPlace.get(match, doc) as T | undefined;
  st.clear.run();
  try {
    st.fill.run(doc);
    return st.inWindow.get(match, doc) as T | undefined;
  } finally {
    st.clear.run();
  }
}
