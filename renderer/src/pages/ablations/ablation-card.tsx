// One ablation in the list: its question and, per model size, each variant at the comparison point —
// value, delta against the baseline, seed spread, 95 % interval and verdict.
import type { AblationAtSize, AblationSummary } from '../../../../shared/domain/run-views';
import { updateParams } from '../../app/router';
import { formatX } from '../../components/series-chart/chart-format';
import { TrustBadge } from '../../components/series-chart/trust-badge';
import { metricValue, sizeLabel, signed, spread, verdictColor, VERDICT_TEXT } from './ablation-format';
import { WatchButton } from '../../components/watch-button';

function SizeRows({ ablation, size }: { ablation: AblationSummary; size: AblationAtSize }) {
  return (
    <>
      <tr className="size-row">
        <th colSpan={7}>
          {sizeLabel(size.params)}
          {size.x !== null && <span className="muted"> · compared at {ablation.compareAt} {formatX(ablation.compareAt, size.x)}</span>}
          {size.note && <span className="muted"> · {size.note}</span>}
        </th>
      </tr>
      {size.variants.map((v) => (
        <tr key={v.variant} data-testid="variant-row" data-variant={v.variant}>
          <td>
            {v.variant} {v.isBaseline && <span className="badge">baseline</span>}
          </td>
          <td className="num">{v.n}</td>
          <td className="num">{v.mean === null ? '—' : metricValue(v.mean)}</td>
          <td className="num">{v.delta === null ? '—' : signed(v.delta)}</td>
          <td className="muted">{spread(v)}</td>
          <td className="num">{v.interval ? `[${signed(v.interval[0])}, ${signed(v.interval[1])}]` : v.isBaseline ? '' : '—'}</td>
          <td>
            {v.verdict && (
              <span className="badge verdict" style={{ color: verdictColor(v.verdict), borderColor: verdictColor(v.verdict) }} title={v.noiseNote ?? (v.pValue !== null ? `p = ${v.pValue.toPrecision(2)}` : undefined)} data-testid="verdict">
                {VERDICT_TEXT[v.verdict]}
              </span>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

export function AblationCard({ ablation, open }: { ablation: AblationSummary; open: boolean }) {
  return (
    <section className={`panel ablation-card${open ? ' open' : ''}`} data-testid="ablation-card" data-ablation={ablation.id} data-deep-link={ablation.id} aria-labelledby={`abl-${ablation.id}`}>
      <div className="chart-panel-head">
        <h2 id={`abl-${ablation.id}`}>{ablation.title ?? ablation.id}</h2>
        <span className="muted">{ablation.id}</span>
        {ablation.metric && <code>{ablation.metric}</code>}
        <TrustBadge trust={ablation.trust} />
        <span className="muted small">{ablation.better} is better · {ablation.runCount} runs</span>
        <div className="grow" />
        <WatchButton kind="ablation" target={ablation.id} small />
        <button type="button" className="btn small" aria-pressed={open} onClick={() => updateParams({ id: open ? undefined : ablation.id })} data-testid="open-ablation">
          {open ? 'Hide curves' : 'Curves'}
        </button>
      </div>
      {ablation.question && <p className="ablation-question">{ablation.question}</p>}
      {ablation.note && <p className="muted">{ablation.note}</p>}
      {ablation.sizes.length > 0 && (
        <table className="data ablation-table">
          <thead>
            <tr>
              <th>variant</th>
              <th className="num">seeds</th>
              <th className="num">{ablation.metric}</th>
              <th className="num">Δ vs {ablation.baseline ?? 'baseline'}</th>
              <th>seed spread</th>
              <th className="num">95 % interval of Δ</th>
              <th>verdict</th>
            </tr>
          </thead>
          <tbody>
            {ablation.sizes.map((size) => (
              <SizeRows key={String(size.params)} ablation={ablation} size={size} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
