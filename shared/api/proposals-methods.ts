// Methods about research directions: proposals and their evidence, complexity, triage decisions,
// comments, the decision log, what was decided against, gain against cost, and the local outbox.
import { z } from 'zod';
import type { CostWeights } from '../domain/complexity-cost';
import type { DecisionConflict } from '../domain/decision-conflicts';
import type { GainRegion, RegionThresholds } from '../domain/gain-vs-cost';
import { COMPLEXITY_SCORE_KEYS, DECISION_OUTCOMES, PROPOSAL_STATUSES, STORE_ID_RE, type ComplexityScores, type DecisionOutcome, type StoreEvent } from '../domain/store-events';
import { defineMethod } from './define-method';

const storeId = z.string().regex(STORE_ID_RE, 'an id of letters, digits, ".", "_", "-"');
const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date or time');
const score = z.number().finite().min(0).max(5);

/**
 * Who writes an event: a person id of team.yaml, sent with every write by the window that writes it.
 * Each browser or desktop window keeps its own "Who am I", so two people on one server stay two people.
 * A team server puts its token's person here instead, whatever was sent (`caller: 'author'`).
 */
export const authorInput = z
  .string({ error: (issue) => (issue.input === undefined ? 'who writes this is required: choose "Who am I" (a person id of team.yaml)' : 'a person id') })
  .regex(STORE_ID_RE, 'a person id of letters, digits, ".", "_", "-"');

export const complexityInput = z
  .object({
    ...Object.fromEntries(COMPLEXITY_SCORE_KEYS.map((key) => [key, score])),
    usability_tax: z.number().finite().min(0).max(1),
  } as Record<(typeof COMPLEXITY_SCORE_KEYS)[number] | 'usability_tax', z.ZodNumber>)
  .strict();

const weight = z.number().finite().min(0).max(1000);
export const costWeightsInput = z.object({ code: weight, knobs: weight, infra: weight, risk: weight, usability_tax: weight }).strict();

export interface DecisionRef {
  id: string;
  at: string;
  author: string | null;
  decision: DecisionOutcome;
  rationale: string;
}

/** The best measured delta of a direction's ablations against their baselines. */
export interface GainEstimate {
  ablationId: string;
  ablationTitle: string | null;
  metric: string;
  /** 'lower' for losses: the gain is baseline − variant then. */
  better: 'lower' | 'higher';
  variant: string;
  baseline: string;
  /** The model size (N) compared at; null when the runs do not say. */
  params: number | null;
  compareAt: string;
  /** Where both arms were read: the largest compare_at value all their runs reached. */
  x: number;
  /** Improvement in metric units (positive = better), its 95 % interval, and both in % of the baseline. */
  gain: number;
  interval: [number, number] | null;
  relativeGain: number | null;
  relativeInterval: [number, number] | null;
  variantSeeds: number;
  baselineSeeds: number;
  /** The interval includes 0, or there are too few seeds for one. */
  unproven: boolean;
  note: string | null;
}

export interface PendingEventInfo {
  event: StoreEvent;
  /** The store it was made for and will only be written to; null when an older Tessera did not record it. */
  store: { url: string; name: string | null } | null;
  path: string;
  queuedAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface ProposalRow {
  id: string;
  title: string | null;
  owner: string | null;
  area: string | null;
  kind: string | null;
  /** After the latest decision; the front matter's when there is none. */
  status: string | null;
  declaredStatus: string | null;
  created: string | null;
  complexity: Partial<ComplexityScores> | null;
  /** With the default weights. */
  cost: number | null;
  lastDecision: DecisionRef | null;
  conflict: boolean;
  /** Decisions on it waiting in the outbox, latest last. */
  pendingDecisions: DecisionOutcome[];
  chipHoursSpent: number;
  chipHoursBudget: number | null;
}

export interface ComplexityHistoryEntry {
  eventId: string | null;
  at: string | null;
  author: string | null;
  complexity: Partial<ComplexityScores>;
  source: 'front-matter' | 'event';
}

export interface CommentRow {
  id: string;
  at: string;
  author: string | null;
  target: string;
  text: string;
}

export interface ProposalDetail extends ProposalRow {
  body: string;
  frontMatter: Record<string, unknown>;
  people: { id: string; share: number | null; name: string | null }[];
  expected: Record<string, unknown> | null;
  computeBudget: Record<string, unknown> | null;
  file: string;
  ablations: { id: string; title: string | null; metric: string | null; baseline: string | null; compareAt: string; runCount: number; gain: GainEstimate | null; gainNote: string | null }[];
  runs: { id: string; name: string | null; ablation: string | null; variant: string | null; seed: number | null; params: number | null; state: string | null; chipHours: number | null }[];
  /** Runs linked to it whose run.json gives no chip_hours (the spent figure leaves them out). */
  runsWithoutChipHours: number;
  evidence: GainEstimate | null;
  complexityHistory: ComplexityHistoryEntry[];
  comments: CommentRow[];
  decisions: DecisionRef[];
  conflicts: DecisionConflict[];
  pending: PendingEventInfo[];
}

export interface DecisionLogRow extends DecisionRef {
  proposalId: string;
  proposalTitle: string | null;
  /** Waiting in the local outbox, not yet in the store. */
  pending: boolean;
  /** Part of a conflicting pair (see shared/domain/decision-conflicts). */
  conflict: boolean;
  /** This decision is the one that sets the proposal's status now. */
  current: boolean;
}

export interface NotPursuedRow {
  proposal: ProposalRow;
  /** The drop or park decision behind it; null when only the front matter says dropped. */
  decision: DecisionRef | null;
  evidence: GainEstimate | null;
  chipHoursSpent: number;
}

export interface GainVsCostPoint {
  id: string;
  title: string | null;
  status: string | null;
  area: string | null;
  kind: string | null;
  complexity: Partial<ComplexityScores>;
  cost: number;
  costParts: Record<string, number>;
  costMissing: string[];
  /** In % of the baseline metric; null when nothing was measured. */
  gain: number | null;
  interval: [number, number] | null;
  unproven: boolean;
  region: GainRegion | null;
  onFrontier: boolean;
  evidence: GainEstimate | null;
}

export interface GainVsCost {
  weights: CostWeights;
  thresholds: RegionThresholds;
  formula: string;
  points: GainVsCostPoint[];
  /** Frontier ids in order of cost. */
  frontier: string[];
}

export type WriteEventResult =
  | { state: 'written'; event: StoreEvent; path: string }
  | { state: 'pending'; event: StoreEvent; path: string; reason: string };

export interface IdentityChoices {
  /** The people of team.yaml, to choose who I am from. */
  people: { id: string; name: string | null; area: string | null }[];
}

export const proposalsMethods = {
  listIdentityChoices: defineMethod<IdentityChoices>()({ input: z.object({}).strict() }),
  listProposals: defineMethod<{ proposals: ProposalRow[]; areas: string[]; owners: string[] }>()({
    input: z
      .object({
        area: z.string().max(200).optional(),
        kind: z.enum(['critical-path', 'exploratory']).optional(),
        status: z.enum(PROPOSAL_STATUSES).optional(),
        owner: storeId.optional(),
      })
      .strict(),
  }),
  getProposal: defineMethod<ProposalDetail>()({ input: z.object({ id: storeId }).strict() }),
  decide: defineMethod<WriteEventResult>()({
    input: z
      .object({ proposalId: storeId, decision: z.enum(DECISION_OUTCOMES), rationale: z.string().trim().min(1, 'a rationale is required').max(20_000), author: authorInput })
      .strict(),
    writes: true,
    caller: 'author',
  }),
  comment: defineMethod<WriteEventResult>()({
    input: z.object({ target: storeId, text: z.string().trim().min(1, 'the comment is empty').max(20_000), author: authorInput }).strict(),
    writes: true,
    caller: 'author',
  }),
  setComplexity: defineMethod<WriteEventResult>()({
    input: z.object({ proposalId: storeId, complexity: complexityInput, author: authorInput }).strict(),
    writes: true,
    caller: 'author',
  }),
  listDecisions: defineMethod<{ decisions: DecisionLogRow[]; authors: string[] }>()({
    input: z
      .object({
        author: storeId.optional(),
        decision: z.enum(DECISION_OUTCOMES).optional(),
        proposalId: storeId.optional(),
        from: isoTime.optional(),
        to: isoTime.optional(),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
  }),
  listNotPursued: defineMethod<{ items: NotPursuedRow[] }>()({ input: z.object({}).strict() }),
  getGainVsCost: defineMethod<GainVsCost>()({
    input: z
      .object({
        weights: costWeightsInput.optional(),
        minGain: z.number().finite().min(-100).max(100).optional(),
        maxCost: z.number().finite().min(0).max(100_000).optional(),
      })
      .strict(),
  }),
  /** `events`: this store's; `otherStores`: events waiting for other stores opened from this data folder. */
  listPendingEvents: defineMethod<{ count: number; events: PendingEventInfo[]; otherStores: PendingEventInfo[]; unreadable: string[] }>()({
    input: z.object({}).strict(),
  }),
  retryPendingEvents: defineMethod<{ written: number; pending: number; lastError: string | null }>()({
    input: z.object({}).strict(),
    writes: true,
  }),
};
