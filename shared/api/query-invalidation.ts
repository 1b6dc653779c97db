// Which cached answers a "data changed" push makes stale. A chart (or seed band) is of its runs only:
// when the push names the runs that changed and the chart shows none of them, its answer stands, so
// an appended point does not make every open chart of every client ask again. Anything else is
// asked again, as before.
import type { PushEvent } from './push-events';

type DataChanged = Extract<PushEvent, { type: 'data-changed' }>;

const METHODS_OF_THEIR_RUNS = new Set(['getSeries', 'getSeedGroups']);

export function answerMayChange(method: unknown, input: unknown, event: DataChanged): boolean {
  if (typeof method !== 'string' || !METHODS_OF_THEIR_RUNS.has(method) || event.runIds === undefined) return true;
  const runIds = (input as { runIds?: unknown } | null)?.runIds;
  if (!Array.isArray(runIds)) return true;
  const changed = new Set(event.runIds);
  return runIds.some((id) => changed.has(id as string));
}
