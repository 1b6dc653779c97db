// Full-text search over the lab's memory (the FTS5 index of migrations/0002_search_index.sql): ranked by
// bm25 with titles weighted over text, filtered by kind, area, owner, status and date, matched words
// marked. Filters read the source tables at query time, so a proposal's new status or area applies to
// its decisions, comments, ablations and runs at once.
import type Database from 'better-sqlite3';
import { SEARCH_KINDS, type MarkedSegment, type SearchHit, type SearchKind, type SearchResult, type SearchTarget } from '../../../../shared/api/search-methods';
import { buildMatchExpression } from './match-expression';
import { hasMark, MARK_CLOSE, MARK_OPEN, plainSegments, splitMarkedText } from './marked-text';

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

/** Column weights for bm25: title, body (proposal text, rationale, comment, question, run config), meta (ids, front matter, tags). */
export const SEARCH_WEIGHTS = { title: 8, body: 1, meta: 2 } as const;

const DECISION_STATUS_SQL = `CASE json_extract(e.payload_json, '$.decision')
  WHEN 'adopt' THEN 'adopted' WHEN 'drop' THEN 'dropped' WHEN 'park' THEN 'inconclusive' WHEN 'continue' THEN 'active' END`;

const RANKED_SQL = `
WITH matched AS (
  SELECT rowid AS doc, bm25(search_index, ${SEARCH_WEIGHTS.title}, ${SEARCH_WEIGHTS.body}, ${SEARCH_WEIGHTS.meta}) AS score
  FROM search_index WHERE search_index MATCH @match
),
described AS (
  SELECT m.doc, m.score, d.kind, d.ref,
    e.target AS target,
    json_extract(e.payload_json, '$.decision') AS decision,
    coalesce(p.area, tp.area, person.area) AS area,
    coalesce(p.owner, r.owner, a.owner, e.author) AS owner,
    CASE d.kind WHEN 'proposal' THEN p.status WHEN 'decision' THEN ${DECISION_STATUS_SQL} WHEN 'run' THEN r.state ELSE tp.status END AS status,
    CASE d.kind WHEN 'proposal' THEN p.created WHEN 'run' THEN r.created_at
      WHEN 'ablation' THEN (SELECT min(created_at) FROM runs WHERE runs.ablation = a.id) ELSE e.at END AS at
  FROM matched AS m
  JOIN search_docs AS d ON d.doc = m.doc
  LEFT JOIN proposals AS p ON d.kind = 'proposal' AND p.id = d.ref
  LEFT JOIN events AS e ON d.kind IN ('decision', 'comment') AND e.id = d.ref
  LEFT JOIN ablations AS a ON d.kind = 'ablation' AND a.id = d.ref
  LEFT JOIN runs AS r ON d.kind = 'run' AND r.id = d.ref
  LEFT JOIN proposals AS tp ON tp.id = coalesce(e.target, a.proposal, r.proposal)
  LEFT JOIN people AS person ON person.id = coalesce(p.owner, r.owner, a.owner, e.author)
  WHERE (@kinds IS NULL OR d.kind IN (SELECT value FROM json_each(@kinds)))
),
filtered AS (
  SELECT *, count(*) OVER () AS total, count(*) OVER (PARTITION BY kind) AS kind_total,
    row_number() OVER (PARTITION BY kind ORDER BY score, doc) AS kind_rank
  FROM described
  WHERE (@area IS NULL OR area = @area)
    AND (@owner IS NULL OR owner = @owner)
    AND (@status IS NULL OR status = @status)
    AND (@from IS NULL OR at >= @from)
    AND (@to IS NULL OR substr(at, 1, length(@to)) <= @to)
)
SELECT doc, score, kind, ref, target, decision, area, owner, status, at, total, kind_total AS kindTotal
FROM filtered WHERE kind_rank <= @perKind ORDER BY score, doc`;

// better-sqlite3 binds JS numbers as REAL, and FTS5 (SQLite 3.53) then ignores a `rowid = ?` beside MATCH
// and returns every match: the CAST keeps the constraint.
const MARKS_SQL = `
SELECT highlight(search_index, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS title,
  snippet(search_index, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 16) AS body,
  snippet(search_index, 2, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 16) AS meta
FROM search_index WHERE search_index MATCH ? AND rowid = CAST(? AS INTEGER)`;

interface RankedRow {
  doc: number;
  score: number;
  kind: SearchKind;
  ref: string;
  target: string | null;
  decision: string | null;
  area: string | null;
  owner: string | null;
  status: string | null;
  at: string | null;
  total: number;
  kindTotal: number;
}

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    ranked: sqlite.prepare(RANKED_SQL),
    marks: sqlite.prepare(MARKS_SQL),
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
  const rows = st.ranked.all({
    match,
    kinds: options.kinds ? JSON.stringify(options.kinds) : null,
    area: options.area ?? null,
    owner: options.owner ?? null,
    status: options.status ?? null,
    from: options.from ?? null,
    to: options.to ?? null,
    perKind: options.perKind ?? options.limit,
  }) as RankedRow[];
  // Every kind with a match has its first row here (at most perKind rows per kind), so all counts are known.
  for (const row of rows) counts[row.kind] = row.kindTotal;
  const total = rows[0]?.total ?? 0;
  const targetOf = (id: string): SearchTarget => describeTarget(st, id);
  const hits = rows.slice(0, options.limit).map((row): SearchHit => {
    const marks = st.marks.get(match, row.doc) as { title: string; body: string; meta: string };
    const title = splitMarkedText(marks.title);
    const body = splitMarkedText(marks.body);
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

function describeTarget(st: ReturnType<typeof prepare>, id: string): SearchTarget {
  const proposal = st.proposalTitle.get(id) as string | null | undefined;
  if (proposal !== undefined) return { kind: 'proposal', id, title: proposal };
  const ablation = st.ablationTitle.get(id) as string | null | undefined;
  if (ablation !== undefined) return { kind: 'ablation', id, title: ablation };
  const run = st.runName.get(id) as string | null | undefined;
  if (run !== undefined) return { kind: 'run', id, title: run };
  return { kind: null, id, title: null };
}

const DECISION_WORD: Record<string, string> = { adopt: 'Adopt', drop: 'Drop', park: 'Park', continue: 'Continue' };

function hitTitle(row: RankedRow, marked: MarkedSegment[], target: SearchTarget | null): MarkedSegment[] {
  const about = target ? (target.title ?? target.id) : 'nothing';
  if (row.kind === 'decision') return plainSegments(`${DECISION_WORD[row.decision ?? ''] ?? 'Decision'} · ${about}`);
  if (row.kind === 'comment') return plainSegments(`Comment on ${about}`);
  return marked.length > 0 ? marked : plainSegments(row.ref);
}
