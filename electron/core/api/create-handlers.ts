// The whole handler table: one slice per domain. The type makes a missing method a compile error.
import type { CoreDeps } from '../host/core-deps';
import { createAlertsHandlers } from './alerts-handlers';
import { createAppHandlers } from './app-handlers';
import { createEvalsHandlers } from './evals-handlers';
import { createProposalsHandlers } from './proposals-handlers';
import { createReviewHandlers } from './review-handlers';
import { createRunsHandlers } from './runs-handlers';
import { createSearchHandlers } from './search-handlers';
import { createScalingHandlers } from './scaling-handlers';
import { createSourcesHandlers } from './sources-handlers';
import { createTeamHandlers } from './team-handlers';
import type { Handlers } from './handlers';

export function createHandlers(deps: CoreDeps): Handlers {
  return {
    ...createAlertsHandlers(deps),
    ...createAppHandlers(deps),
    ...createEvalsHandlers(deps),
    ...createProposalsHandlers(deps),
    ...createReviewHandlers(deps),
    ...createRunsHandlers(deps),
    ...createSearchHandlers(deps),
    ...createScalingHandlers(deps),
    ...createSourcesHandlers(deps),
    ...createTeamHandlers(deps),
  };
}
