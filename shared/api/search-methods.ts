// Methods of the lab's memory: full-text search over what the team proposed, decided, said and ran,
// and "Tried before?" — the earlier directions closest to a proposal, with what was decided about them.
import { z } from 'zod';
import { STORE_ID_RE, type DecisionOutcome } from '../domain/store-events';
import { defineMethod } from './define-method';

export const SEARCH_KINDS = ['proposal', 'decision', 'comment', 'ablation', 'run'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A piece of text; `mark` pieces matched the query. The renderer shows them as <mark>, never as HTML. */
export interface MarkedSegment {
  text: string;
  mark: boolean;
}

/** What a decision or comment is about. */
export interface SearchTarget {
  kind: 'proposal' | 'ablation' | 'run' | null;
  id: string;
  title: string | null;
}

export interface SearchHit {
  kind: SearchKind;
  /** The proposal, ablation or run id; the event id for decisions and comments. */
  id: string;
  title: MarkedSegment[];
  /** A few words around the best match in the text, or its start when only the title matched. */
  snippet: MarkedSegment[];
  area: string | null;
  owner: string | null;
  /** Proposal status; the status a decision sets; a run's state; the linked proposal's for the others. */
  status: string | null;
  /** Created (proposals, runs), written (decisions, comments), first run (ablations). */
  at: string | null;
  target: SearchTarget | null;
  /** Relevance, higher is better (bm25 with titles weighted over text). */
  score: number;
}

export interface SearchResult {
  query: string;
  /** The words searched for, as the query was split; the last is matched as a prefix. */
  terms: string[];
  /** Matches of the selected kinds after the other filters, before `limit` and `perKind`. */
  total: number;
  /** Matches of every kind after the other filters, whichever kinds are selected. */
  counts: Record<SearchKind, number>;
  hits: SearchHit[];
}

export interface TriedBeforeDecision {
  id: string;
  at: string;
  author: string | null;
  decision: DecisionOutcome;
  rationale: string;
}

export interface TriedBeforeItem {
  id: string;
  title: string | null;
  status: string | null;
  area: string | null;
  owner: string | null;
  created: string | null;
  /** Its text match against the proposal's salient terms, as a share of the proposal's match with itself (0–1). */
  similarity: number;
  /** Salient words of the proposal that this one contains too. */
  sharedTerms: string[];
  snippet: MarkedSegment[];
  /** Latest first. */
  decisions: TriedBeforeDecision[];
}

export interface TriedBefore {
  proposalId: string;
  /** The proposal's salient words that were searched for: its title words and its most distinctive body words. */
  terms: string[];
  items: TriedBeforeItem[];
}

const dayOrTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'a date YYYY-MM-DD or an ISO 8601 time')
  .refine(isCalendarDay, 'a real calendar date');

function isCalendarDay(value: string): boolean {
  const day = value.slice(0, 10);
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

export const searchInput = z
  .object({
    query: z.string().max(1000),
    kinds: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).optional(),
    area: z.string().min(1).max(200).optional(),
    owner: z.string().min(1).max(200).optional(),
    status: z.string().min(1).max(50).optional(),
    from: dayOrTime.optional(),
    /** Inclusive: a date includes its whole day. */
    to: dayOrTime.optional(),
    limit: z.number().int().min(1).max(500).default(50),
    /** At most this many hits of each kind (the palette's groups). */
    perKind: z.number().int().min(1).max(500).optional(),
  })
  .strict();

export const searchMethods = {
  search: defineMethod<SearchResult>()({ input: searchInput }),
  triedBefore: defineMethod<TriedBefore>()({
    input: z
      .object({
        proposalId: z.string().regex(STORE_ID_RE, 'an id of letters, digits, ".", "_", "-"'),
        limit: z.number().int().min(1).max(50).default(6),
      })
      .strict(),
  }),
};
