// How an MLflow run is doing, in either backend: its status (RUNNING, SCHEDULED, FINISHED, FAILED,
// KILLED, as text or the file store's RunStatus number already named) and the latest of its start,
// end and last logged time.
import type { RunStatus } from '../../store/parse-run-status';

const STATE: Record<string, RunStatus['state']> = { running: 'running', scheduled: 'running', finished: 'finished', failed: 'failed', killed: 'killed' };

export function mlflowRunStatus(status: string, startTimeMs: number | undefined, endTimeMs: number | undefined, lastTimeSeconds: number | null): RunStatus {
  const times = [startTimeMs, endTimeMs, lastTimeSeconds === null ? undefined : lastTimeSeconds * 1000].filter((t): t is number => t !== undefined && Number.isFinite(t));
  const known = STATE[status];
  return {
    state: known ?? 'running',
    updatedAt: times.length > 0 ? new Date(Math.max(...times)).toISOString() : null,
    message: status === 'scheduled' ? 'scheduled' : known ? null : `MLflow status ${status.toUpperCase()}`,
  };
}
