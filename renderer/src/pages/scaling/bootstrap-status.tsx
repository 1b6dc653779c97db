// Where the intervals stand: a progress bar with Cancel while the bootstrap runs, what they were
// computed from once it is done, and a way to run it again after a cancel.
import type { BootstrapView } from '../../../../shared/api/scaling-methods';
import type { BootstrapState } from './use-bootstrapped';

export function BootstrapStatus({ state, result, resamples }: { state: BootstrapState; result: BootstrapView | null | undefined; resamples: number }) {
  if (state.running) {
    const done = state.progress?.done ?? 0;
    const total = state.progress?.total ?? resamples;
    return (
      <div className="bootstrap-status running" data-testid="bootstrap-status" role="status">
        <span>
          Bootstrap: {done.toLocaleString('en-US')} of {total.toLocaleString('en-US')} resamples
        </span>
        <div className="progress bootstrap-bar" aria-hidden="true">
          <div style={{ width: `${(100 * done) / Math.max(1, total)}%` }} />
        </div>
        <button className="btn" onClick={state.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (result?.cancelled) {
    return (
      <div className="bootstrap-status" data-testid="bootstrap-status">
        <span>
          Intervals from {result.completed.toLocaleString('en-US')} of {result.requested.toLocaleString('en-US')} resamples (cancelled).
        </span>
        <button className="btn" onClick={state.rerun}>
          Run all {result.requested.toLocaleString('en-US')}
        </button>
      </div>
    );
  }
  if (result) {
    return (
      <div className="bootstrap-status" data-testid="bootstrap-status">
        <span className="muted">
          Intervals from {result.completed.toLocaleString('en-US')} bootstrap resamples over runs{result.failed > 0 ? ` (${result.failed} refits failed)` : ''}.
        </span>
      </div>
    );
  }
  return (
    <div className="bootstrap-status" data-testid="bootstrap-status">
      <span className="muted">No intervals yet.</span>
      <button className="btn" onClick={state.rerun}>
        Run the bootstrap
      </button>
    </div>
  );
}
