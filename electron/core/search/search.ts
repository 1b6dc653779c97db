// Full-text search over the lab's memory (the FTS5 index of migrations/0002_search_index.sql): ranked by
// bm25 with titles weighted over text, filtered by kind, area, owner, status and date, matched words
// marked. Filters read the source tables at query time, so a proposal's new status or area applies to
// its decisions, comments, ablations and runs at once.
import type Database from 'better-sqlite3';
import { SEARCH_KINDS, type MarkedSegment, type SearchHit, type SearchKind, type SearchResult, type SearchTarget } from '../../../shared/api/search-methods';
import { buildMatchExpression } from './match-expression';
import { hasMark, plainSegments, splitMarkedText, withoutMarkdown } from './marked-text';
import { COUNTS_SQL, FACETS_SQL, FILTERED_SQL, HIT_MARKS, TOP_SQL } from './search-sql';
import { markRow } from './window-marks';

export { SEARCH_WEIGHTS } from './search-sql';

export interface SearchOptions {
  query: string;
  kinds?: SearchKind[];
  area?: string;
  owner?: string;
  status?: string;
  from?: string;
  to?: string;
  limit: number;
  perKind?: number;
}

interface RankedRow {
  doc: number;
  score: number;
  kind: SearchKind;
  ref: string;
}

interface FacetRow {
  doc: number;
  target: string | null;
  decision: string | null;
  area: string | null;
  owner: string | null;
  status: string | null;
  at: string | null;
}

type Row = RankedRow & FacetRow;

type Statements = ReturnType<typeof prepare>;
const statements = new WeakMap<Database.Database, Statements>();

function prepare(sqlite: Database.Database) {
  return {
    counts: sqlite.prepare(COUNTS_SQL),
    top: sqlite.prepare(TOP_SQL),
    filtered: sqlite.prepare(FILTERED_SQL),
    facets: sqlite.prepare(FACETS_SQL),
    /** A long row whose window does not match (its matches lie further on) shows its start, unmarked. */
    unmarked: sqlite.prepare(`SELECT substr(title, 1, 200) AS title, substr(body, 1, 200) AS body, substr(meta, 1, 200) AS meta FROM search_index WHERE rowid = CAST(? AS INTEGER)`),
    proposalTitle: sqlite.prepare('SELECT title FROM proposals WHERE id = ?').pluck(),
    ablationTitle: sqlite.prepare('SELECT title FROM ablations WHERE id = ?').pluck(),
    runName: sqlite.prepare('SELECT name FROM runs WHERE id = ?').pluck(),
  };
}

function emptyCounts(): Record<SearchKind, number> {
  return Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, 0])) as Record<SearchKind, number>;
}

export function searchLab(sqlite: Database.Database, options: SearchOptions): SearchResult {
  const { match, terms } = buildMatchExpression(options.query);
  const counts = emptyCounts();
  if (match === null || options.kinds?.length === 0) return { query: options.query, terms, total: 0, counts, hits: [] };
  let st = statements.get(sqlite);
  if (!st) statements.set(sqlite, (st = prepare(sqlite)));
  const rows = rankedRows(st, match, options, counts);
  const total = SEARCH_KINDS.reduce((sum, kind) => sum + (!options.kinds || options.kinds.includes(kind) ? counts[kind] : 0), 0);
  const targetOf = (id: string): SearchTarget => describeTarget(st, id);
  const hits = withFacets(st, rows).map((row): SearchHit => {
    const marks = markRow<{ title: string; body: string; meta: string }>(sqlite, HIT_MARKS, match, row.doc) ?? (st.unmarked.get(row.doc) as { title: string; body: string; meta: string });
    const title = splitMarkedText(marks.title);
    const body = row.kind === 'run' || row.kind === 'ablation' ? splitMarkedText(marks.body) : withoutMarkdown(splitMarkedText(marks.body));
    const meta = splitMarkedText(marks.meta);
    const target = row.target !== null ? targetOf(row.target) : null;
    return {
      kind: row.kind,
      id: row.ref,
      title: hitTitle(row, title, target),
      snippet: hasMark(body) || !hasMark(meta) ? body : meta,
      area: row.area,
      owner: row.owner,
      status: row.status,
      at: row.at,
      target,
      score: -row.score,
    };
  });
  return { query: options.query, terms, total, counts, hits };
}

/**
 * The rows to show, best first (at most perKind of each kind, limit in all). Fills in `counts` for every
 * kind, selected or not, so a user narrowed to runs still sees how many proposals match.
 */
function rankedRows(st: Statements, match: string, options: SearchOptions, counts: Record<SearchKind, number>): (RankedRow | Row)[] {
  const selected = new Set<SearchKind>(options.kinds ?? SEARCH_KINDS);
  const { limit, perKind, area, owner, status, from, to } = options;
  const byScore = (a: RankedRow, b: RankedRow) => a.score - b.score || a.doc - b.doc;
  if (area === undefined && owner === undefined && status === undefined && from === undefined && to === undefined) {
    for (const row of st.counts.all({ match, kinds: null }) as { kind: SearchKind; n: number }[]) counts[row.kind] = row.n;
    const kinds = options.kinds ? JSON.stringify(options.kinds) : null;
    if (perKind === undefined) return st.top.all({ match, kinds, kind: null, n: limit }) as RankedRow[];
    const n = Math.min(perKind, limit);
    const best = SEARCH_KINDS.filter((kind) => selected.has(kind) && counts[kind] > 0).flatMap((kind) => st.top.all({ match, kinds: null, kind, n }) as RankedRow[]);
    return best.sort(byScore).slice(0, limit);
  }
  const filters = { area: area ?? null, owner: owner ?? null, status: status ?? null, from: from ?? null, to: to ?? null };
  const shown: Row[] = [];
  for (const row of st.filtered.all({ match, kinds: null, ...filters }) as Row[]) {
    counts[row.kind] += 1;
    if (selected.has(row.kind) && shown.length < limit && (perKind === undefined || counts[row.kind] <= perKind)) shown.push(row);
  }
  return shown;
}

/** The facets of the rows shown, read for them alone when the ranking did not need them. */
function withFacets(st: Statements, rows: (RankedRow | Row)[]): Row[] {
  if (rows.length === 0 || 'area' in rows[0]!) return rows as Row[];
  const facets = new Map((st.facets.all({ docs: JSON.stringify(rows.map((row) => row.doc)) }) as FacetRow[]).map((row) => [row.doc, row]));
  return rows.map((row) => ({ ...row, ...facets.get(row.doc)! }));
}

function describeTarget(st: Statements, id: string): SearchTarget {
  const proposal = st.proposalTitle.get(id) as string | null | undefined;
  if (proposal !== undefined) return { kind: 'proposal', id, title: proposal };
  const ablation = st.ablationTitle.get(id) as string | null | undefined;
  if (ablation !== undefined) return { kind: 'ablation', id, title: ablation };
  const run = st.runName.get(id) as string | null | undefined;
  if (run !== undefined) return { kind: 'run', id, title: run };
  return { kind: null, id, title: null };
}

const DECISION_WORD: Record<string, string> = { adopt: 'Adopt', drop: 'Drop', park: 'Park', continue: 'Continue' };

function hitTitle(row: Row, marked: MarkedSegment[], target: SearchTarget | null): MarkedSegment[] {
  const about = target ? (target.title ?? target.id) : 'nothing';
  if (row.kind === 'decision') return plainSegments(`${DECISION_WORD[row.decision ?? ''] ?? 'Decision'} · ${about}`);
  if (row.kind === 'comment') return plainSegments(`Comment on ${about}`);
  return marked.length > 0 ? marked : plainSegments(row.ref);
}
