// The Evals page: which evals can carry a decision. Every eval grouped by suite with its noise floor,
// the effects an ablation can resolve with 1, 2, 3 or 5 seeds, and whether its small-scale deltas
// predict the large-scale ones; a scatter of that for the selected eval, and a seeds calculator.
import type { EvalQuality, EvalQualityReport } from '../../../../shared/api/evals-methods';
import { useApiQuery } from '../../api/use-api';
import { updateParams, useRoute } from '../../app/router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { EvalTable } from './eval-table';
import { KIND_BADGE, KIND_LABELS, VERDICT_BADGE, VERDICT_LABELS } from './evals-format';
import { PredictivityScatter } from './predictivity-scatter';
import { SeedsCalculator } from './seeds-calculator';
import './evals-page.css';

/** The eval in the route, else the one most ablations decide on. */
function selectedEval(evals: EvalQuality[], asked: string | null): EvalQuality | null {
  const found = asked ? evals.find((e) => e.metric === asked) : undefined;
  if (found) return found;
  return [...evals].sort((a, b) => b.ablationsUsing.length - a.ablationsUsing.length || b.predictivity.n - a.predictivity.n)[0] ?? null;
}

function ScatterPanel({ quality }: { quality: EvalQuality }) {
  const p = quality.predictivity;
  const s = p.signAgreement;
  return (
    <section className="panel" aria-labelledby="scatter-h" data-testid="scatter-panel">
      <h2 id="scatter-h">
        Small-scale against large-scale deltas: <code>{quality.metric}</code>{' '}
        <span className={KIND_BADGE[quality.kind]}>{KIND_LABELS[quality.kind]}</span>{' '}
        <span className={VERDICT_BADGE[p.verdict]}>{VERDICT_LABELS[p.verdict]}</span>
      </h2>
      {p.pairs.length === 0 ? (
        <EmptyState title="No ablation ran this eval at two model sizes">
          <p>Predictivity needs ablations whose baseline and variant both ran at a small and a large size.</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted scatter-caption">
            One point per ablation variant ({p.n} from {p.ablations} ablation{p.ablations === 1 ? '' : 's'}): its delta against the baseline at the smallest
            model size (across) and at the largest (up). Green quadrants: the sign held with scale; red: it flipped. Dashed: the same delta at both scales.
            Hollow: the large-scale delta is within the noise, so sign agreement leaves it out{s.unresolved > 0 ? ` (${s.unresolved} here)` : ''}.
          </p>
          <p className="scatter-verdict">
            <strong>{VERDICT_LABELS[p.verdict][0]!.toUpperCase() + VERDICT_LABELS[p.verdict].slice(1)}</strong>: {p.verdictReason}.
          </p>
          <PredictivityScatter quality={quality} />
        </>
      )}
    </section>
  );
}

function RulesPanel({ report }: { report: EvalQualityReport }) {
  const r = report.rules;
  return (
    <section className="panel rules-panel" aria-labelledby="rules-h">
      <h2 id="rules-h">How these are computed</h2>
      <dl>
        <dt>Noise floor</dt>
        <dd>{r.noiseFloor}</dd>
        <dt>Minimum detectable effect</dt>
        <dd>{r.detectableEffect}</dd>
        <dt>Predictivity</dt>
        <dd>{r.predictivity}</dd>
        <dt>Proxy verdict</dt>
        <dd>
          {r.goodProxy} {r.poorProxy}
        </dd>
        <dt>Better</dt>
        <dd>{r.direction}</dd>
      </dl>
    </section>
  );
}

export function EvalsPage() {
  const { params } = useRoute();
  const quality = useApiQuery('getEvalQuality', {});
  const header = <PageHeader title="Evals" subtitle="Which evals can carry a decision: noise, detectable effects, and whether small models predict large ones" />;
  if (quality.error) return <div className="page">{header}<ErrorPanel error={quality.error} title="Eval quality could not be computed" /></div>;
  if (!quality.data) return <div className="page">{header}<LoadingState what="eval quality" /></div>;
  const report = quality.data;
  const evals = report.suites.flatMap((s) => s.evals);
  if (evals.length === 0) {
    return (
      <div className="page">
        {header}
        <EmptyState title="No eval metrics yet">
          <p>
            Runs log evals as metric keys under <code>eval/</code> (or under the prefixes of the <code>evals:</code> suites in team.yaml), e.g.{' '}
            <code>eval/heldout/c4/loss</code>.
          </p>
        </EmptyState>
      </div>
    );
  }
  const selected = selectedEval(evals, params.get('metric'));
  const noSuites = report.suites.every((s) => s.kind === 'unclassified');
  return (
    <div className="page evals-page">
      {header}
      {noSuites && (
        <p className="panel muted" role="note">
          team.yaml defines no eval suites, so no eval is known to be held-out or public. Add <code>evals:</code> with a prefix and kind per suite.
        </p>
      )}
      <section className="panel" aria-label="Evals by suite">
        <EvalTable report={report} selected={selected?.metric ?? null} onSelect={(metric) => updateParams({ metric })} />
      </section>
      <div className="evals-columns">
        {selected && <ScatterPanel quality={selected} />}
        <div className="evals-side">
          <section className="panel" aria-labelledby="seeds-h">
            <h2 id="seeds-h">Seeds needed</h2>
            <SeedsCalculator key={selected?.metric ?? ''} evals={evals} initial={selected?.metric ?? null} />
          </section>
          <RulesPanel report={report} />
        </div>
      </div>
    </div>
  );
}
