// The prediction panel: at a target compute, the compute-optimal model size and tokens, and the
// loss there with its intervals — beside how far the prediction reaches beyond the data, which is
// shown first and flagged beyond 10×. A given (N, D) can be predicted too.
import { useEffect, useState } from 'react';
import type { ApiInterval, ScalingPrediction, ScalingScopeInput } from '../../../../shared/api/scaling-methods';
import { useApiQuery } from '../../api/use-api';
import { ErrorPanel } from '../../components/state-views';
import { formatCompute, formatCount, formatFactor, formatLoss, formatNumber, formatRange, hasInterval, num } from '../../components/scaling-charts/scaling-format';

interface PredictionPanelProps {
  scope: ScalingScopeInput;
  bootstrap: number;
  maxCompute: number;
  targetCompute: number;
  onTarget(target: number): void;
}

function parsePositive(text: string): number | null {
  const value = Number(text.trim());
  return Number.isFinite(value) && value > 0 ? value : null;
}

function IntervalLine({ label, interval, format, testId }: { label: string; interval: ApiInterval; format: (v: number) => string; testId?: string }) {
  return (
    <div className="prediction-row" data-testid={testId}>
      <span className="muted">{label}</span>
      <strong>{format(num(interval.estimate))}</strong>
      {hasInterval(interval) && interval.p80[0] !== interval.p80[1] && (
        <span className="muted">
          80 % {formatRange(interval.p80, format)} · 95 % {formatRange(interval.p95, format)}
        </span>
      )}
    </div>
  );
}

function ExtrapolationBadge({ prediction }: { prediction: ScalingPrediction }) {
  const far = prediction.extrapolationFactor > 10;
  return (
    <div className={`extrapolation${far ? ' far' : ''}`} data-testid="extrapolation">
      <span className="extrapolation-factor">{formatFactor(prediction.extrapolationFactor)}</span>
      <span>the largest compute in the fit ({formatCompute(prediction.maxCompute)} FLOPs)</span>
    </div>
  );
}

function PredictionResult({ prediction }: { prediction: ScalingPrediction }) {
  return (
    <>
      <ExtrapolationBadge prediction={prediction} />
      {prediction.warning && (
        <p className="prediction-warning" role="alert">
          ⚠ {prediction.warning}
        </p>
      )}
      {prediction.mode === 'compute' && prediction.basis === 'chinchilla' && (
        <>
          <IntervalLine label="N_opt" interval={prediction.N} format={formatCount} testId="prediction-n" />
          <IntervalLine label="D_opt" interval={prediction.D} format={formatCount} testId="prediction-d" />
          <IntervalLine label="Tokens per parameter" interval={prediction.tokensPerParameter} format={(v) => formatNumber(v, 3)} />
        </>
      )}
      <IntervalLine label="Predicted loss" interval={prediction.loss} format={formatLoss} testId="prediction-loss" />
    </>
  );
}

export function PredictionPanel({ scope, bootstrap, maxCompute, targetCompute, onTarget }: PredictionPanelProps) {
  const [text, setText] = useState(targetCompute.toExponential(2));
  useEffect(() => setText(targetCompute.toExponential(2)), [targetCompute]);
  const [sizeText, setSizeText] = useState({ N: '', D: '' });
  const atCompute = useApiQuery('predictAt', { ...scope, bootstrap, targetCompute });
  const N = parsePositive(sizeText.N);
  const D = parsePositive(sizeText.D);
  const atSize = useApiQuery('predictAt', { ...scope, bootstrap, targetN: N ?? 1, targetD: D ?? 1 }, { enabled: N !== null && D !== null });
  const parsed = parsePositive(text);
  return (
    <section className="panel" data-testid="prediction-panel">
      <h2>Prediction</h2>
      <form
        className="row prediction-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed !== null) onTarget(parsed);
        }}
      >
        <label className="row">
          <span>Target compute</span>
          <input className="input" value={text} onChange={(e) => setText(e.target.value)} aria-label="Target compute in FLOPs" aria-invalid={parsed === null} size={10} />
          <span className="muted">FLOPs</span>
        </label>
        <button className="btn" type="submit" disabled={parsed === null}>
          Predict
        </button>
        {[10, 100].map((factor) => (
          <button key={factor} type="button" className="btn" onClick={() => onTarget(maxCompute * factor)}>
            {factor}× data
          </button>
        ))}
      </form>
      {atCompute.error && <ErrorPanel error={atCompute.error} title="No prediction" />}
      {atCompute.data && <PredictionResult prediction={atCompute.data} />}
      <details className="prediction-size">
        <summary>Predict a given model (N, D)</summary>
        <div className="row">
          <label className="row">
            N <input className="input" size={8} value={sizeText.N} placeholder="1e9" onChange={(e) => setSizeText((s) => ({ ...s, N: e.target.value }))} aria-label="Parameters N" />
          </label>
          <label className="row">
            D <input className="input" size={8} value={sizeText.D} placeholder="2e10" onChange={(e) => setSizeText((s) => ({ ...s, D: e.target.value }))} aria-label="Tokens D" />
          </label>
        </div>
        {atSize.data && N !== null && D !== null && <PredictionResult prediction={atSize.data} />}
        {atSize.error && <ErrorPanel error={atSize.error} title="No prediction" />}
      </details>
    </section>
  );
}
