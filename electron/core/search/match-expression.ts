// Turns what a user typed into an FTS5 MATCH expression that means exactly those words. Nothing the
// user types is FTS5 syntax: each whitespace-separated word becomes a quoted string (inner quotes
// doubled), so `"`, `*`, `-`, `:`, `^`, parentheses, NEAR, AND, OR and NOT are plain text. Inside the
// quotes FTS5's own tokenizer splits the word (train/loss → train + loss, as a phrase), exactly as it
// split the indexed text. The last word is matched as a prefix, for type-ahead.

/** Words with no letter or digit have no tokens: FTS5 would match nothing with them, so they are dropped. */
const HAS_TOKEN = /[\p{L}\p{N}]/u;
const MAX_TERMS = 32;
const OPEN_WORD_END = /[\p{L}\p{N}]{2}$/u;

export interface MatchExpression {
  /** null when the query has no searchable word. */
  match: string | null;
  terms: string[];
}

export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

export function splitQueryTerms(query: string): string[] {
  return query
    .split(/\s+/u)
    .filter((word) => HAS_TOKEN.test(word))
    .slice(0, MAX_TERMS);
}

/** All words must occur (AND); the last may be the start of a word when `prefixLast`. */
export function buildMatchExpression(query: string, options: { prefixLast?: boolean } = {}): MatchExpression {
  const terms = splitQueryTerms(query);
  if (terms.length === 0) return { match: null, terms };
  const quoted = terms.map(quoteTerm);
  if ((options.prefixLast ?? true) && OPEN_WORD_END.test(terms[terms.length - 1]!)) quoted[quoted.length - 1] += '*';
  return { match: quoted.join(' '), terms };
}

/** Any of the words may occur (OR): for similarity, where more shared words rank higher. */
export function buildAnyWordExpression(words: string[]): string | null {
  const terms = words.filter((word) => HAS_TOKEN.test(word));
  return terms.length === 0 ? null : terms.map(quoteTerm).join(' OR ');
}
