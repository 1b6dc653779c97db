// The whole handler table: one slice per domain. The type makes a missing method a compile error.
// Services two slices share are built here once and handed to them: the event writer (one outbox, one
// retry timer) and the scaling service (one cache of fits for the Scaling page and the review).
import { createCoreEventWriter } from '../events/core-event-writer';
import type { CoreDeps } from './core-deps';
import { createScalingService } from '../scaling/scaling-service';
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
  const events = createCoreEventWriter(deps, deps.config.pollIntervalMs ?? 10_000);
  const scaling = createScalingService(deps);
  return {
    ...createAlertsHandlers(deps),
    ...createAppHandlers(deps),
    ...createEvalsHandlers(deps),
    ...createProposalsHandlers(deps, events),
    ...createReviewHandlers(deps, scaling, events),
    ...createRunsHandlers(deps),
    ...createSearchHandlers(deps),
    ...createScalingHandlers(deps, scaling),
    ...createSourcesHandlers(deps),
    ...createTeamHandlers(deps),
  };
}
