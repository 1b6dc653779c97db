// One run opened from the table, in a drawer beside it (the table keeps its height and its scroll):
// its status with the status message in words ("loss became NaN at step 4350"), what it is, its
// metrics (with eval-trust badges and last values) and its config. Escape closes it.
import { useEffect, useRef } from 'react';
import type { RunRow } from '../../../../shared/domain/run-views';
import { useApiQuery } from '../../api/use-api';
import { navigate } from '../../app/router';
import { WatchButton } from '../../components/watch-button';
import { formatCount, formatPowerOfTen } from '../../components/series-chart/chart-format';
import { TrustBadge } from '../../components/series-chart/trust-badge';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { showConfigValue } from '../../components/config-value';

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';
}

function RunStatusLine({ run }: { run: RunRow }) {
  return (
    <div className={`run-status-line status-${run.status}`} data-testid="run-status">
      <span className={`badge status-${run.status}`}>{run.status}</span>
      <span className="muted"> since {when(run.statusUpdatedAt)}</span>
      {run.statusMessage && <p className="run-status-message">{run.statusMessage}</p>}
    </div>
  );
}

function RunFacts({ run }: { run: RunRow }) {
  const facts: [string, string][] = [
    ['Owner', run.owner ?? '—'],
    ['Group', run.group ?? '—'],
    ['Ablation · variant', run.ablation ? `${run.ablation} · ${run.variant ?? '?'}` : '—'],
    ['Seed', run.seed === null ? '—' : String(run.seed)],
    ['Proposal', run.proposal ?? '—'],
    ['Params', run.params === null ? '—' : formatCount(run.params)],
    ['Tokens', run.tokens === null ? '—' : formatCount(run.tokens)],
    ['FLOPs', run.flops === null ? '—' : `${formatPowerOfTen(run.flops)}${run.flopsGiven ? '' : ' (6·N·D)'}`],
    ['Last step', run.lastStep === null ? '—' : formatCount(run.lastStep)],
    ['Created', when(run.createdAt)],
  ];
  return (
    <dl className="run-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="muted">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RunDetailPanel({ runId, onClose }: { runId: string; onClose(): void }) {
  const detail = useApiQuery('getRun', { runId });
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => close.current?.focus({ preventScroll: true }), [runId]);
  const run = detail.data?.run;
  return (
    <aside className="run-drawer" data-testid="run-detail" aria-label={`Run ${runId}`} data-keep-scroll="run-drawer">
      <header className="run-drawer-head">
        <h2>
          {run?.name ?? runId} <span className="muted">{runId}</span>
        </h2>
        <div className="row">
          <button type="button" className="btn small" onClick={() => navigate('compare', { runs: [runId] })}>
            Chart
          </button>
          <WatchButton kind="run" target={runId} small />
          {run?.group && <WatchButton kind="group" target={run.group} small label={` group ${run.group}`} />}
          <button type="button" className="btn small" ref={close} onClick={onClose} aria-label="Close run details">
            Close
          </button>
        </div>
      </header>
      {detail.isLoading && <LoadingState what="the run" />}
      {detail.error && <ErrorPanel error={detail.error} />}
      {detail.data && run && (
        <>
          <RunStatusLine run={run} />
          <RunFacts run={run} />
          {run.tags.length > 0 && <p className="muted">{run.tags.map((t) => `#${t}`).join(' ')}</p>}
          <h3>Metrics</h3>
          <table className="data">
            <colgroup>
              <col />
              <col className="value-col" />
              <col className="points-col" />
            </colgroup>
            <tbody>
              {detail.data.metrics.map((m) => (
                <tr key={m.key}>
                  <td className="wrap">
                    <code>{m.key}</code> <TrustBadge trust={m.trust} />
                    {m.nonFiniteCount > 0 && <span className="badge danger">{m.nonFiniteCount} non-finite</span>}
                  </td>
                  <td className="num">{m.lastValue === null ? '—' : showConfigValue(m.lastValue)}</td>
                  <td className="num muted">{m.pointCount} pts</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Config</h3>
          <table className="data">
            <colgroup>
              <col />
              <col className="value-col" />
            </colgroup>
            <tbody>
              {detail.data.config.map((c) => (
                <tr key={c.key}>
                  <td className="wrap">
                    <code>{c.key}</code>
                  </td>
                  <td className="num">{showConfigValue(c.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
