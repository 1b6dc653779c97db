// Handlers of alerts and watches. Whose they are comes from the call's context (a team server's
// token) or else the "Who am I" the calling window sent; never from anything stored on the server.
import { ApiFailure } from '../../../shared/api/api-result';
import type { WatchKind } from '../../../shared/api/alerts-methods';
import type { CoreDeps } from './core-deps';
import { listAlerts } from '../queries/alerts/list-alerts';
import { addWatch, readAlertSettings, removeWatch, saveAlertPreferences } from '../queries/alerts/watches';
import type { HandlerContext, HandlerSlice } from './handlers';

type AlertsMethod = 'listAlerts' | 'getAlertSettings' | 'setAlertSettings' | 'watch' | 'unwatch';

/** The caller: the request's own identity when the transport knows it, else the window's; '' when neither. */
export function personOf(ctx: HandlerContext, input: { person?: string | undefined }): string {
  return ctx.person ?? input.person ?? '';
}

const WATCH_TARGETS: Record<WatchKind, { sql: string; what: string }> = {
  run: { sql: 'SELECT 1 FROM runs WHERE id = ?', what: 'run' },
  group: { sql: 'SELECT 1 FROM runs WHERE group_name = ? LIMIT 1', what: 'group (no run has it)' },
  ablation: { sql: 'SELECT 1 FROM ablations WHERE id = ?', what: 'ablation' },
  proposal: { sql: 'SELECT 1 FROM proposals WHERE id = ?', what: 'proposal' },
};

export function createAlertsHandlers(deps: CoreDeps): HandlerSlice<AlertsMethod> {
  const { sqlite } = deps.cache;
  return {
    async listAlerts(input, ctx) {
      return listAlerts(sqlite, { ...input, person: personOf(ctx, input) });
    },
    async getAlertSettings(input, ctx) {
      return readAlertSettings(sqlite, personOf(ctx, input));
    },
    async setAlertSettings(input, ctx) {
      const person = personOf(ctx, input);
      saveAlertPreferences(sqlite, person, input);
      return readAlertSettings(sqlite, person);
    },
    async watch(input, ctx) {
      const target = WATCH_TARGETS[input.kind];
      if (sqlite.prepare(target.sql).get(input.target) === undefined) {
        throw new ApiFailure('not-found', `There is no ${target.what} "${input.target}" in this lab to watch.`);
      }
      const person = personOf(ctx, input);
      addWatch(sqlite, person, input.kind, input.target);
      return readAlertSettings(sqlite, person);
    },
    async unwatch(input, ctx) {
      const person = personOf(ctx, input);
      removeWatch(sqlite, person, input.kind, input.target);
      return readAlertSettings(sqlite, person);
    },
  };
}
