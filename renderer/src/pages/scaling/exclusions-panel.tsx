// Leaving runs out of a fit: the editor a clicked point opens (exclude with a reason, or include
// again), the list of excluded runs with their reasons and an undo each, and the runs that could
// not enter the fit at all, with why.
import { useState } from 'react';
import type { ScalingPointView, ScalingScopeInput, SkippedRunView } from '../../../../shared/api/scaling-methods';
import { ErrorPanel } from '../../components/state-views';
import { formatCount, formatLoss, formatPercent, num } from '../../components/scaling-charts/scaling-format';
import { useExclusion } from './use-exclusion';

interface ExclusionEditorProps {
  scope: ScalingScopeInput;
  point: ScalingPointView;
  canWrite: boolean;
  onClose(): void;
}

export function ExclusionEditor({ scope, point, canWrite, onClose }: ExclusionEditorProps) {
  const [reason, setReason] = useState('outlier');
  const mutation = useExclusion();
  const residual = point.logResidual === null ? null : num(point.logResidual);
  const submit = (excluded: boolean) => mutation.mutate({ ...scope, runId: point.runId, excluded, reason: excluded ? reason : undefined }, { onSuccess: onClose });
  return (
    <section className="panel exclusion-editor" data-testid="exclusion-editor" aria-label={`Run ${point.runId}`}>
      <div className="row">
        <strong>{point.runId}</strong>
        {point.name && <span className="muted">{point.name}</span>}
        <span>
          N {formatCount(point.N)} · D {formatCount(point.D)} · loss {formatLoss(point.L)}
          {residual !== null && ` · fit ${formatLoss(num(point.predicted))} (${residual >= 0 ? '+' : ''}${formatPercent(residual)})`}
        </span>
        <span className="grow" />
        <button className="btn" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {!canWrite && <p className="muted">This server is read-only: exclusions cannot be changed here.</p>}
      {point.excluded ? (
        <div className="row">
          <span>
            Excluded{point.exclusionReason ? `: ${point.exclusionReason}` : ''}.
          </span>
          <button className="btn primary" disabled={!canWrite || mutation.isPending} onClick={() => submit(false)}>
            Include again
          </button>
        </div>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            submit(true);
          }}
        >
          <label className="row">
            Reason <input className="input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} aria-label="Reason for excluding" />
          </label>
          <button className="btn primary" type="submit" disabled={!canWrite || mutation.isPending}>
            Exclude from the fit
          </button>
        </form>
      )}
      {mutation.error && <ErrorPanel error={mutation.error} title="Not saved" />}
    </section>
  );
}

export function ExcludedRuns({ scope, points, skipped, canWrite }: { scope: ScalingScopeInput; points: ScalingPointView[]; skipped: SkippedRunView[]; canWrite: boolean }) {
  const mutation = useExclusion();
  const excluded = points.filter((p) => p.excluded);
  return (
    <section className="panel" data-testid="excluded-runs">
      <h2>Runs left out</h2>
      {excluded.length === 0 ? (
        <p className="muted">No run is excluded from this fit. Click a point in the chart to exclude it.</p>
      ) : (
        <ul className="excluded-list">
          {excluded.map((p) => (
            <li key={p.runId} data-run-id={p.runId}>
              <s>{p.runId}</s> <span className="muted">{p.exclusionReason ?? 'no reason given'}</span>
              {p.excludedAt && <span className="muted"> · {p.excludedAt.slice(0, 10)}</span>}{' '}
              <button className="btn" disabled={!canWrite || mutation.isPending} onClick={() => mutation.mutate({ ...scope, runId: p.runId, excluded: false })}>
                Undo
              </button>
            </li>
          ))}
        </ul>
      )}
      {mutation.error && <ErrorPanel error={mutation.error} title="Not saved" />}
      {skipped.length > 0 && (
        <details>
          <summary>
            {skipped.length} {skipped.length === 1 ? 'run' : 'runs'} of this scope cannot enter the fit
          </summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.runId}>
                <code>{s.runId}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
