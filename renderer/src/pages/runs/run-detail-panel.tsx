// One run opened from the table: its metrics (with eval-trust badges and last values) and its config.
import { useApiQuery } from '../../api/use-api';
import { navigate } from '../../app/router';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { WatchButton } from '../../components/watch-button';
import { TrustBadge } from '../../components/series-chart/trust-badge';
import { showConfigValue } from './run-columns';

export function RunDetailPanel({ runId, onClose }: { runId: string; onClose(): void }) {
  const detail = useApiQuery('getRun', { runId });
  return (
    <section className="panel run-detail" data-testid="run-detail" aria-label={`Run ${runId}`}>
      <div className="row">
        <h2 className="grow">
          {detail.data?.run.name ?? runId} <span className="muted">{runId}</span>
        </h2>
        <button type="button" className="btn small" onClick={() => navigate('compare', { runs: [runId] })}>
          Chart
        </button>
        <WatchButton kind="run" target={runId} small />
        {detail.data?.run.group && <WatchButton kind="group" target={detail.data.run.group} small label={` group ${detail.data.run.group}`} />}
        <button type="button" className="btn small" onClick={onClose} aria-label="Close run details">
          Close
        </button>
      </div>
      {detail.isLoading && <LoadingState what="the run" />}
      {detail.error && <ErrorPanel error={detail.error} />}
      {detail.data && (
        <div className="run-detail-grid">
          <div>
            <h3>Metrics</h3>
            <table className="data">
              <tbody>
                {detail.data.metrics.map((m) => (
                  <tr key={m.key}>
                    <td>
                      <code>{m.key}</code> <TrustBadge trust={m.trust} />
                    </td>
                    <td className="num">{m.lastValue === null ? '—' : showConfigValue(m.lastValue)}</td>
                    <td className="num muted">{m.pointCount} pts</td>
                    <td className="num">{m.nonFiniteCount > 0 ? <span className="badge danger">{m.nonFiniteCount} non-finite</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>Config</h3>
            <table className="data">
              <tbody>
                {detail.data.config.map((c) => (
                  <tr key={c.key}>
                    <td>
                      <code>{c.key}</code>
                    </td>
                    <td className="num">{showConfigValue(c.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
