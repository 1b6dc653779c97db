// A proposal's salient words for "Tried before?": its title words and the body words with the highest
// tf-idf. Words are stemmed by FTS5 itself, so counts agree with the index: the proposal's distinct
// words go into a small temporary FTS5 table with the same tokenizer, whose vocabulary maps each stem
// to the words it came from; document frequencies come from the index's own vocabulary (fts5vocab).
import type Database from 'better-sqlite3';

/** Body stems whose document frequency is looked up: the most frequent in the proposal, longer first on ties. */
const CANDIDATE_STEMS = 40;
const BODY_TERMS = 12;
/** A body's salient words come from its first 256 K characters: enough to characterise it, bounded in time. */
const SALIENT_TEXT_CHARS = 256 * 1024;

const STOP_WORDS = new Set(
  ('the and for with that this from are was were will not but has have had its our you can into than then when what which who all any ' +
    'also more most each per only over out use used using should would could may might been being there their they them these those ' +
    'does did done how why where here such other some same very just about after before while because between both under above')
    .split(' '),
);

export interface ProposalText {
  title: string | null;
  body: string;
}

interface Stem {
  stem: string;
  /** The proposal's first word with this stem: searching for it finds every form. */
  word: string;
  count: number;
}

function prepare(sqlite: Database.Database) {
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_probe USING fts5(word, tokenize = 'porter unicode61')`);
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_probe_terms USING fts5vocab(temp, 'search_probe', 'instance')`);
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_index', 'row')`);
  return {
    clearProbe: sqlite.prepare('DELETE FROM temp.search_probe'),
    addWord: sqlite.prepare('INSERT INTO temp.search_probe (rowid, word) VALUES (?, ?)'),
    probeTerms: sqlite.prepare('SELECT term, doc FROM temp.search_probe_terms'),
    documentFrequency: sqlite.prepare('SELECT doc FROM temp.search_vocab WHERE term = ?').pluck(),
    documents: sqlite.prepare('SELECT count(*) FROM search_docs').pluck(),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 3 && !/^\d+$/.test(word) && !STOP_WORDS.has(word));
}

/** The stems of `words` with how often they occur, in order of first occurrence. */
function stemsOf(st: ReturnType<typeof prepare>, words: string[]): Stem[] {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const distinct = [...counts.keys()];
  st.clearProbe.run();
  distinct.forEach((word, i) => st.addWord.run(i + 1, word));
  const stems = new Map<string, Stem & { first: number }>();
  for (const { term, doc } of st.probeTerms.all() as { term: string; doc: number }[]) {
    const word = distinct[doc - 1]!;
    const stem = stems.get(term);
    if (!stem) stems.set(term, { stem: term, word, count: counts.get(word)!, first: doc });
    else {
      stem.count += counts.get(word)!;
      if (doc < stem.first) Object.assign(stem, { word, first: doc });
    }
  }
  st.clearProbe.run();
  return [...stems.values()].sort((a, b) => a.first - b.first);
}

/** Title words, then up to BODY_TERMS body words by tf-idf; only words some other row of the index contains. */
export function salientTerms(sqlite: Database.Database, proposal: ProposalText): string[] {
  let st = cache.get(sqlite);
  if (!st) cache.set(sqlite, (st = prepare(sqlite)));
  const statements = st;
  const total = statements.documents.get() as number;
  const frequency = new Map<string, number>();
  const documentsWith = (stem: string) => {
    let n = frequency.get(stem);
    if (n === undefined) frequency.set(stem, (n = (statements.documentFrequency.get(stem) as number | undefined) ?? 0));
    return n;
  };
  return sqlite.transaction(() => {
    const title = stemsOf(statements, wordsOf(proposal.title ?? '')).filter((s) => documentsWith(s.stem) >= 2);
    const inTitle = new Set(title.map((s) => s.stem));
    const body = stemsOf(statements, wordsOf(proposal.body.slice(0, SALIENT_TEXT_CHARS)))
      .filter((s) => !inTitle.has(s.stem))
      .sort((a, b) => b.count - a.count || b.word.length - a.word.length)
      .slice(0, CANDIDATE_STEMS)
      .map((s) => ({ ...s, df: documentsWith(s.stem) }))
      .filter((s) => s.df >= 2)
      .map((s) => ({ word: s.word, weight: s.count * Math.log(1 + (total - s.df + 0.5) / (s.df + 0.5)) }))
      .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1))
      .slice(0, BODY_TERMS);
    return [...title.map((s) => s.word), ...body.map((s) => s.word)];
  })();
}
