// Every demo proposal, across the four areas.
import { DATA_PROPOSALS } from './proposals-data';
import { EVAL_PROPOSALS } from './proposals-eval';
import { INFRA_PROPOSALS } from './proposals-infra';
import { MODEL_PROPOSALS } from './proposals-model';
import type { ProposalSpec } from './proposal-spec';

export const PROPOSALS: readonly ProposalSpec[] = [...MODEL_PROPOSALS, ...DATA_PROPOSALS, ...INFRA_PROPOSALS, ...EVAL_PROPOSALS].sort((a, b) =>
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
);
