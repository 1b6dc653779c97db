// "Tried before?": the earlier proposals, and the dropped or parked ones, whose text is closest to a
// proposal's, with what was decided about them and why.
//
// Similarity is FTS5's bm25 over the titles and bodies of the other proposals, queried with the
// proposal's salient words OR-joined: every title word, and the body words with the highest tf-idf
// (term count in the proposal × log inverse share of proposals that contain the word, counted by
// the same FTS5 index, so stemming agrees). A word no other proposal contains cannot match and is
// left out. The score is shown as a share of the proposal's own score against the same query (1 =
// as close as the proposal is to itself). Below MIN_SIMILARITY a match is a coincidence and is not
// shown: 0.15 was chosen on the demo lab, where the pairs under it share one or two generic words.
import type Database from 'better-sqlite3';
import type { TriedBefore, TriedBeforeDecision, TriedBeforeItem } from '../../../../shared/api/search-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { buildAnyWordExpression, quoteTerm } from './match-expression';
import { MARK_CLOSE, MARK_OPEN, markedWords, splitMarkedText } from './marked-text';

const BODY_TERMS = 12;
/** Distinct body words whose document frequency is looked up (the most frequent ones). */
const CANDIDATE_WORDS = 80;
const MIN_SIMILARITY = 0.15;
const PARKED_OR_DROPPED = new Set(['dropped', 'inconclusive']);

const STOP_WORDS = new Set(
  ('the and for with that this from are was were will not but has have had its our you can into than then when what which who all any ' +
    'also more most each per only over out use used using should would could may might been being there their they them these those ' +
    'does did done how why where here such other some same very just about after before while because between both under above')
    .split(' '),
);

interface ProposalText {
  id: string;
  title: string | null;
  body: string;
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

export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 3 && !/^\d+$/.test(word) && !STOP_WORDS.has(word));
}

function statements(sqlite: Database.Database) {
  return {
    proposal: sqlite.prepare('SELECT id, title, body, created FROM proposals WHERE id = ?'),
    proposalCount: sqlite.prepare("SELECT count(*) FROM search_docs WHERE kind = 'proposal'").pluck(),
    proposalFrequency: sqlite
      .prepare(
        `SELECT count(*) FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid
         WHERE search_index MATCH ? AND d.kind = 'proposal'`,
      )
      .pluck(),
    candidates: sqlite.prepare(
      `SELECT d.doc, d.ref AS id, bm25(search_index, 4.0, 1.0, 0.0) AS score, p.title, p.status, p.area, p.owner, p.created
       FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid JOIN proposals AS p ON p.id = d.ref
       WHERE search_index MATCH ? AND d.kind = 'proposal' ORDER BY score`,
    ),
    marks: sqlite.prepare(
      `SELECT highlight(search_index, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS title, highlight(search_index, 1, '${MARK_OPEN}', '${MARK_CLOSE}') AS body,
         snippet(search_index, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 20) AS snippet
       FROM search_index WHERE search_index MATCH ? AND rowid = CAST(? AS INTEGER)`,
    ),
    decisions: sqlite.prepare(
      `SELECT id, at, author, json_extract(payload_json, '$.decision') AS decision, coalesce(json_extract(payload_json, '$.rationale'), '') AS rationale
       FROM events WHERE type = 'decision' AND target = ? ORDER BY at DESC, id DESC`,
    ),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof statements>>();

/** The proposal's title words and its most distinctive body words that some other proposal contains too. */
export function salientTerms(sqlite: Database.Database, proposal: ProposalText): string[] {
  const st = statementsFor(sqlite);
  const total = st.proposalCount.get() as number;
  const frequency = new Map<string, number>();
  const proposalsWith = (word: string) => {
    let n = frequency.get(word);
    if (n === undefined) frequency.set(word, (n = st.proposalFrequency.get(`{title body} : ${quoteTerm(word)}`) as number));
    return n;
  };
  const titleWords = [...new Set(wordsOf(proposal.title ?? ''))].filter((word) => proposalsWith(word) >= 2);
  const counts = new Map<string, number>();
  for (const word of wordsOf(proposal.body)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const frequent = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).slice(0, CANDIDATE_WORDS);
  const bodyWords = frequent
    .filter(([word]) => !titleWords.includes(word))
    .map(([word, tf]) => ({ word, df: proposalsWith(word), tf }))
    .filter((entry) => entry.df >= 2)
    .map((entry) => ({ word: entry.word, weight: entry.tf * Math.log(1 + (total - entry.df + 0.5) / (entry.df + 0.5)) }))
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1))
    .slice(0, BODY_TERMS)
    .map((entry) => entry.word);
  return [...titleWords, ...bodyWords];
}

function statementsFor(sqlite: Database.Database) {
  let st = cache.get(sqlite);
  if (!st) cache.set(sqlite, (st = statements(sqlite)));
  return st;
}

/** null when there is no such proposal. */
export function findTriedBefore(sqlite: Database.Database, proposalId: string, limit: number): TriedBefore | null {
  const st = statementsFor(sqlite);
  const proposal = st.proposal.get(proposalId) as ProposalText | undefined;
  if (!proposal) return null;
  const terms = salientTerms(sqlite, proposal);
  const any = buildAnyWordExpression(terms);
  if (any === null) return { proposalId, terms, items: [] };
  const match = `{title body} : (${any})`;
  const rows = st.candidates.all(match) as CandidateRow[];
  const self = rows.find((row) => row.id === proposalId);
  const best = self?.score ?? rows[0]?.score ?? -1;
  const items: TriedBeforeItem[] = [];
  for (const row of rows) {
    if (items.length >= limit) break;
    if (row.id === proposalId || !isEarlierOrSettled(row, proposal)) continue;
    const similarity = Math.min(1, row.score / best);
    if (!(similarity >= MIN_SIMILARITY)) continue;
    const marks = st.marks.get(match, row.doc) as { title: string; body: string; snippet: string };
    items.push({
      id: row.id,
      title: row.title,
      status: row.status,
      area: row.area,
      owner: row.owner,
      created: row.created,
      similarity,
      sharedTerms: [...new Set([...markedWords(splitMarkedText(marks.title)), ...markedWords(splitMarkedText(marks.body))])],
      snippet: splitMarkedText(marks.snippet),
      decisions: (st.decisions.all(row.id) as TriedBeforeDecision[]).map((d) => ({ ...d, decision: d.decision as DecisionOutcome })),
    });
  }
  return { proposalId, terms, items };
}

/** Written before the proposal (or undated), or already dropped or parked whenever it was written. */
function isEarlierOrSettled(row: CandidateRow, proposal: ProposalText): boolean {
  if (row.status !== null && PARKED_OR_DROPPED.has(row.status)) return true;
  if (row.created === null || proposal.created === null) return true;
  return row.created <= proposal.created;
}
