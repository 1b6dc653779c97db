// "Tried before?": the earlier proposals, and the dropped or parked ones, whose text is closest to a
// proposal's, with what was decided about them and why.
//
// Similarity is FTS5's bm25 over the titles and bodies of the other proposals, queried with the
// proposal's salient words OR-joined (salient-terms.ts: every title word, and the body words with the
// highest tf-idf, document frequencies from the index's vocabulary). A word no other indexed row
// contains cannot match and is left out. The score is shown as a share of the proposal's own score
// against the same query (1 = as close as the proposal is to itself). Below MIN_SIMILARITY a match is
// a coincidence and is not shown: 0.15 was chosen on the demo lab, where the pairs under it share one
// or two generic words.
import type Database from 'better-sqlite3';
import type { TriedBefore, TriedBeforeDecision, TriedBeforeItem } from '../../../shared/api/search-methods';
import type { DecisionOutcome } from '../../../shared/domain/store-events';
import { buildAnyWordExpression } from './match-expression';
import { markedWords, splitMarkedText, withoutMarkdown } from './marked-text';
import { highlightOf, markRow, snippetOf } from './window-marks';
import { salientTerms, type ProposalText } from './salient-terms';

const MIN_SIMILARITY = 0.15;
/** The best-ranked candidates looked at: enough that the earlier or settled ones among them fill the list. */
const CANDIDATES = 60;
const PARKED_OR_DROPPED = new Set(['dropped', 'inconclusive']);
/** The words a candidate shares, from its title and (a window of) its body, and a snippet to show. */
const CANDIDATE_MARKS = { title: highlightOf(0), body: highlightOf(1), snippet: snippetOf(1, 20) };

interface ProposalRow extends ProposalText {
  id: string;
  created: string | null;
}

interface CandidateRow {
  doc: number;
  id: string;
  score: number;
  title: string | null;
  status: string | null;
  area: string | null;
  owner: string | null;
  created: string | null;
}

function statements(sqlite: Database.Database) {
  return {
    proposal: sqlite.prepare(
      `SELECT p.id, p.title, p.body, p.created, d.doc FROM proposals AS p JOIN search_docs AS d ON d.kind = 'proposal' AND d.ref = p.id WHERE p.id = ?`,
    ),
    candidates: sqlite.prepare(
      `SELECT d.doc, d.ref AS id, bm25(search_index, 4.0, 1.0, 0.0) AS score, p.title, p.status, p.area, p.owner, p.created
       FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid JOIN proposals AS p ON p.id = d.ref
       WHERE search_index MATCH ? AND d.kind = 'proposal' ORDER BY score LIMIT ${CANDIDATES}`,
    ),
    ownScore: sqlite.prepare('SELECT bm25(search_index, 4.0, 1.0, 0.0) FROM search_index WHERE search_index MATCH ? AND rowid = CAST(? AS INTEGER)').pluck(),
    decisions: sqlite.prepare(
      `SELECT id, at, author, json_extract(payload_json, '$.decision') AS decision, coalesce(json_extract(payload_json, '$.rationale'), '') AS rationale
       FROM events WHERE type = 'decision' AND target = ? ORDER BY at DESC, id DESC`,
    ),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof statements>>();

function statementsFor(sqlite: Database.Database) {
  let st = cache.get(sqlite);
  if (!st) cache.set(sqlite, (st = statements(sqlite)));
  return st;
}

/** null when there is no such proposal. */
export function findTriedBefore(sqlite: Database.Database, proposalId: string, limit: number): TriedBefore | null {
  const st = statementsFor(sqlite);
  const proposal = st.proposal.get(proposalId) as (ProposalRow & { doc: number }) | undefined;
  if (!proposal) return null;
  const terms = salientTerms(sqlite, proposal);
  const any = buildAnyWordExpression(terms);
  if (any === null) return { proposalId, terms, items: [] };
  const match = `{title body} : (${any})`;
  const rows = st.candidates.all(match) as CandidateRow[];
  const best = (st.ownScore.get(match, proposal.doc) as number | undefined) ?? rows[0]?.score ?? -1;
  const items: TriedBeforeItem[] = [];
  for (const row of rows) {
    if (items.length >= limit) break;
    if (row.id === proposalId || !isEarlierOrSettled(row, proposal)) continue;
    const similarity = Math.min(1, row.score / best);
    if (!(similarity >= MIN_SIMILARITY)) continue;
    const marks = markRow<{ title: string; body: string; snippet: string }>(sqlite, CANDIDATE_MARKS, match, row.doc) ?? { title: '', body: '', snippet: '' };
    items.push({
      id: row.id,
      title: row.title,
      status: row.status,
      area: row.area,
      owner: row.owner,
      created: row.created,
      similarity,
      sharedTerms: [...new Set([...markedWords(splitMarkedText(marks.title)), ...markedWords(splitMarkedText(marks.body))])],
      snippet: withoutMarkdown(splitMarkedText(marks.snippet)),
      decisions: (st.decisions.all(row.id) as TriedBeforeDecision[]).map((d) => ({ ...d, decision: d.decision as DecisionOutcome })),
    });
  }
  return { proposalId, terms, items };
}

/** Written before the proposal (or undated), or already dropped or parked whenever it was written. */
function isEarlierOrSettled(row: CandidateRow, proposal: ProposalRow): boolean {
  if (row.status !== null && PARKED_OR_DROPPED.has(row.status)) return true;
  if (row.created === null || proposal.created === null) return true;
  return row.created <= proposal.created;
}
