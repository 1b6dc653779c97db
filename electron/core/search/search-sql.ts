// The SQL of search. Ranking needs only the index and search_docs; the facets (area, owner, status,
// date, what a decision or comment is about) join the source tables. Without facet filters, counts are
// a GROUP BY, the best rows of each kind a top-n sort, and facets are read for the shown rows only, so
// a word in every run still ranks in a few milliseconds.
import { highlightOf, snippetOf } from './window-marks';

/** Column weights for bm25: title, body (proposal text, rationale, comment, question, run config), meta (ids, front matter, tags). */
export const SEARCH_WEIGHTS = { title: 8, body: 1, meta: 2 } as const;

const MATCHED = `matched AS (
  SELECT search_index.rowid AS doc, bm25(search_index, ${SEARCH_WEIGHTS.title}, ${SEARCH_WEIGHTS.body}, ${SEARCH_WEIGHTS.meta}) AS score, d.kind, d.ref
  FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid
  WHERE search_index MATCH @match AND (@kinds IS NULL OR d.kind IN (SELECT value FROM json_each(@kinds)))
)`;

const DECISION_STATUS = `CASE json_extract(e.payload_json, '$.decision')
  WHEN 'adopt' THEN 'adopted' WHEN 'drop' THEN 'dropped' WHEN 'park' THEN 'inconclusive' WHEN 'continue' THEN 'active' END`;

/** Facets of the rows of `source` (which has doc, kind and ref columns). */
function facets(source: string): string {
  return `SELECT m.*,
    e.target AS target,
    json_extract(e.payload_json, '$.decision') AS decision,
    coalesce(p.area, tp.area, person.area) AS area,
    coalesce(p.owner, r.owner, a.owner, e.author) AS owner,
    CASE m.kind WHEN 'proposal' THEN p.status WHEN 'decision' THEN ${DECISION_STATUS} WHEN 'run' THEN r.state ELSE tp.status END AS status,
    CASE m.kind WHEN 'proposal' THEN p.created WHEN 'run' THEN r.created_at
      WHEN 'ablation' THEN (SELECT min(created_at) FROM runs WHERE runs.ablation = a.id) ELSE e.at END AS at
  FROM ${source} AS m
  LEFT JOIN proposals AS p ON m.kind = 'proposal' AND p.id = m.ref
  LEFT JOIN events AS e ON m.kind IN ('decision', 'comment') AND e.id = m.ref
  LEFT JOIN ablations AS a ON m.kind = 'ablation' AND a.id = m.ref
  LEFT JOIN runs AS r ON m.kind = 'run' AND r.id = m.ref
  LEFT JOIN proposals AS tp ON tp.id = coalesce(e.target, a.proposal, r.proposal)
  LEFT JOIN people AS person ON person.id = coalesce(p.owner, r.owner, a.owner, e.author)`;
}

const IN_KINDS = `(@kinds IS NULL OR d.kind IN (SELECT value FROM json_each(@kinds)))`;

/** Matches per kind. */
export const COUNTS_SQL = `
SELECT d.kind, count(*) AS n FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid
WHERE search_index MATCH @match AND ${IN_KINDS} GROUP BY d.kind`;

/** The best @n matches, of kind @kind when it is not null (a top-n sort, no facets). */
export const TOP_SQL = `
SELECT search_index.rowid AS doc, bm25(search_index, ${SEARCH_WEIGHTS.title}, ${SEARCH_WEIGHTS.body}, ${SEARCH_WEIGHTS.meta}) AS score, d.kind, d.ref
FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid
WHERE search_index MATCH @match AND ${IN_KINDS} AND (@kind IS NULL OR d.kind = @kind)
ORDER BY score, doc LIMIT @n`;

/** Every match that passes the facet filters, best first, with its facets. */
export const FILTERED_SQL = `
WITH ${MATCHED},
described AS (${facets('matched')})
SELECT doc, score, kind, ref, target, decision, area, owner, status, at FROM described
WHERE (@area IS NULL OR area = @area)
  AND (@owner IS NULL OR owner = @owner)
  AND (@status IS NULL OR status = @status)
  AND (@from IS NULL OR at >= @from)
  AND (@to IS NULL OR substr(at, 1, length(@to)) <= @to)
ORDER BY score, doc`;

/** Facets of the docs in the JSON array @docs. */
export const FACETS_SQL = `
WITH wanted AS (SELECT d.doc, d.kind, d.ref FROM json_each(@docs) AS j JOIN search_docs AS d ON d.doc = j.value)
${facets('wanted')}`;

/** What a hit shows: its title with matches marked, and a window of its body and meta around them. */
export const HIT_MARKS = { title: highlightOf(0), body: snippetOf(1, 16), meta: snippetOf(2, 16) };
