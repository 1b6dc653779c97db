// While a fit without intervals is computed: how many of its starting points the compute worker has
// searched (the fit and its holdout refit, as one count), with Cancel; after a cancel, a way to
// fit again. A fit of a few hundred runs is done before this shows; a lab's every run takes seconds.
import { callOrThrow } from '../../api/use-api';
import { useTaskProgress } from './use-bootstrapped';

export function FitProgress({ task, what }: { task: string; what: string }) {
  const progress = useTaskProgress(task);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="bootstrap-status running" data-testid="fit-progress" role="status">
      <span>
        Fitting {what}
        {total > 0 ? `: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} starting points searched` : '…'}
      </span>
      <div className="progress bootstrap-bar" aria-hidden="true">
        <div style={{ width: `${total > 0 ? (100 * done) / total : 0}%` }} />
      </div>
      <button className="btn" onClick={() => void callOrThrow('cancelTask', { task }).catch(() => {})}>
        Cancel
      </button>
    </div>
  );
}

export function FitCancelled({ onRetry }: { onRetry(): void }) {
  return (
    <div className="bootstrap-status" data-testid="fit-progress">
      <span>The fit was cancelled.</span>
      <button className="btn" onClick={onRetry}>
        Fit again
      </button>
    </div>
  );
}
