// What `tessera fit` prints: the JSON document ({n, E, A, B, alpha, beta, a, b, intervals, holdout, …})
// and the summary a person reads. Non-finite numbers are written as "NaN", "Infinity", "-Infinity".
import { encodeNonFinite } from '../../../shared/api/json-number';
import {
  computeLawIntervals,
  computeOptimalExponents,
  formatMultiplierWithInterval,
  predictAtCompute,
  SCALING_VERDICT_RULE,
  verdictEvidence,
  type Interval,
} from '../../../shared/scaling';
import type { AblationOutcome, ScalingFitOutcome } from '../../core/scaling/run-compute-task';
import type { ScalingRequest } from '../../core/scaling/scaling-request';

function interval(i: Interval) {
  return { estimate: i.estimate, median: i.median, p80: i.p80, p95: i.p95, samples: i.samples };
}

export function fitDocument(request: ScalingRequest, outcome: ScalingFitOutcome, targetCompute: number | undefined): Record<string, unknown> {
  const { data, base, bootstrap } = outcome;
  const fit = base.fit!;
  const p = fit.params;
  const { a, b } = computeOptimalExponents(p);
  const holdout = base.holdout
    ? {
        heldOutCompute: base.holdout.heldOutCompute,
        largestFittedCompute: base.holdout.largestFittedCompute,
        extrapolationFactor: base.holdout.extrapolationFactor,
        n: base.holdout.fitN,
        params: base.holdout.fitParams,
        predictions: base.holdout.predictions.map((h) => ({ runId: h.id, N: h.N, D: h.D, C: h.C, actual: h.actual, predicted: h.predicted, relativeError: h.relativeError })),
        meanAbsRelativeError: base.holdout.meanAbsRelativeError,
        meanRelativeError: base.holdout.meanRelativeError,
      }
    : { error: base.holdoutError };
  const samples = bootstrap?.samples ?? [];
  const prediction = targetCompute === undefined ? undefined : predictAtCompute({ fit, samples }, targetCompute);
  const identifiability = base.identifiability!;
  return {
    scope: { kind: request.scope.kind, id: request.scope.id, variant: request.scope.variant },
    metric: request.metric,
    lastPercent: data.lastPercent,
    // When false, E … b below are where the optimizer stopped, not findings: computeLaw is what the runs support.
    identifiable: identifiability.identifiable,
    reason: identifiability.reason,
    identifiability: {
      tokensPerParameter: identifiability.tokensPerParameter,
      ratioSpread: identifiability.ratioSpread,
      conditionNumber: identifiability.conditionNumber,
    },
    computeLaw: base.law
      ? {
          E: base.law.params.E,
          K: base.law.params.K,
          gamma: base.law.params.gamma,
          intervals:
            bootstrap && bootstrap.lawSamples.length > 0
              ? Object.fromEntries(Object.entries(computeLawIntervals(base.law.params, bootstrap.lawSamples)).map(([name, i]) => [name, interval(i)]))
              : null,
        }
      : null,
    n: fit.n,
    E: p.E,
    A: p.A,
    B: p.B,
    alpha: p.alpha,
    beta: p.beta,
    a,
    b,
    intervals: bootstrap?.intervals ? Object.fromEntries(Object.entries(bootstrap.intervals).map(([name, i]) => [name, interval(i)])) : null,
    bootstrap: bootstrap ? { ...bootstrap.summary, unconverged: bootstrap.unconverged } : null,
    holdout,
    fit: {
      huberDelta: fit.delta,
      objective: fit.objective,
      converged: fit.converged,
      starts: fit.starts,
      startsAtOptimum: fit.startsAtOptimum,
      minCompute: fit.minCompute,
      maxCompute: fit.maxCompute,
    },
    approaches: {
      isoflop: {
        a: base.isoflop.nOpt?.exponent ?? null,
        b: base.isoflop.dOpt?.exponent ?? null,
        binsUsed: base.isoflop.bins.filter((bin) => bin.used).length,
        bins: base.isoflop.bins.length,
      },
      envelope: { a: base.envelope.nOpt?.exponent ?? null, b: base.envelope.dOpt?.exponent ?? null, curves: base.envelope.curvesUsed },
    },
    ...(prediction && {
      prediction: {
        C: prediction.C,
        extrapolationFactor: prediction.extrapolationFactor,
        N: interval(prediction.N),
        D: interval(prediction.D),
        tokensPerParameter: interval(prediction.tokensPerParameter),
        loss: interval(prediction.loss),
      },
    }),
    residuals: fit.residuals.map((r) => ({ runId: r.id, N: r.N, D: r.D, L: r.L, predicted: r.predicted, logResidual: r.logResidual })),
    excluded: data.runs.filter((r) => r.excluded).map((r) => ({ runId: r.id, reason: r.exclusionReason })),
    skipped: data.skipped,
  };
}

export function multiplierDocument(outcome: AblationOutcome, E: 'shared' | 'free'): Record<string, unknown> {
  const { computation } = outcome;
  const analysis = computation.analysis;
  return {
    E: analysis?.eMode ?? E,
    method: computation.method,
    methodNote: computation.methodNote,
    baseline: computation.baseline,
    targetCompute: computation.targetCompute,
    verdictRule: SCALING_VERDICT_RULE,
    error: computation.error,
    bootstrap: analysis?.bootstrap ?? null,
    arms: Object.fromEntries(
      computation.arms.map((arm) => {
        const fit = analysis?.arms.find((f) => f.key === arm.key);
        const chinchilla = fit?.chinchilla;
        return [
          arm.key,
          {
            n: arm.n,
            sizes: arm.sizes,
            tokensPerParameter: arm.ratio,
            params: chinchilla?.params ?? null,
            identifiable: chinchilla ? chinchilla.identifiability.identifiable : null,
            reason: chinchilla?.identifiability.reason ?? null,
            computeLaw: fit?.law ? { ...fit.law.params, intervals: fit.law.intervals.E.samples > 0 ? fit.law.intervals : null } : null,
            warnings: arm.warnings,
          },
        ];
      }),
    ),
    variants: Object.fromEntries(
      (analysis?.variants ?? []).map((v) => [
        v.key,
        {
          C: v.atTarget?.C ?? computation.targetCompute,
          multiplier: v.atTarget ? interval(v.atTarget.multiplier) : null,
          extrapolationFactor: v.atTarget?.extrapolationFactor ?? null,
          verdict: {
            kind: v.verdict.kind,
            text: v.verdict.text,
            atCompute: v.verdict.atCompute,
            multiplier: interval(v.verdict.multiplier),
            unreachableShare: v.verdict.unreachableShare,
          },
          logSlope: interval(v.logSlope),
          crossings: v.crossings,
          warnings: v.warnings,
        },
      ]),
    ),
  };
}

export function toJson(document: Record<string, unknown>): string {
  return `${JSON.stringify(encodeNonFinite(document), null, 2)}\n`;
}

const g = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v));
const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : String(v));
const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
const range = (r: [number, number], f: (v: number) => string) => `[${f(r[0])}, ${f(r[1])}]`;

function intervalText(i: Interval | undefined, f: (v: number) => string = g): string {
  if (!i || i.samples === 0) return '';
  return `  80 % ${range(i.p80, f)}  95 % ${range(i.p95, f)}`;
}

export function formatFitSummary(request: ScalingRequest, outcome: ScalingFitOutcome, targetCompute: number | undefined): string {
  const { data, base, bootstrap } = outcome;
  const fit = base.fit!;
  const p = fit.params;
  const { a, b } = computeOptimalExponents(p);
  const excluded = data.runs.filter((r) => r.excluded);
  const iv = bootstrap?.intervals;
  const lines = [
    `Chinchilla fit of ${request.scope.label}, ${request.metric}${data.lastPercent !== null ? ` (mean of the last ${data.lastPercent} %)` : ''}:`,
    `  ${fit.n} runs fitted, ${excluded.length} excluded, ${data.skipped.length} skipped; compute ${sci(fit.minCompute)} to ${sci(fit.maxCompute)} FLOPs`,
    '',
  ];
  const law = base.law;
  if (law) {
    const li = bootstrap && bootstrap.lawSamples.length > 0 ? computeLawIntervals(law.params, bootstrap.lawSamples) : undefined;
    lines.push(
      `  NOT IDENTIFIABLE: ${base.identifiability!.reason}`,
      '',
      '  What the runs support: L(C) = E + K / C^gamma',
      `  E      ${g(law.params.E).padEnd(10)}${intervalText(li?.E)}`,
      `  K      ${g(law.params.K).padEnd(10)}${intervalText(li?.K)}`,
      `  gamma  ${g(law.params.gamma).padEnd(10)}${intervalText(li?.gamma)}`,
      '',
      `  Where the optimizer stopped (not findings): E ${g(p.E)}, A ${g(p.A)}, B ${g(p.B)}, alpha ${g(p.alpha)}, beta ${g(p.beta)}, a ${g(a)}, b ${g(b)}`,
    );
  } else {
    lines.push(
      '  L(N, D) = E + A / N^alpha + B / D^beta',
      `  E      ${g(p.E).padEnd(10)}${intervalText(iv?.E)}`,
      `  A      ${g(p.A).padEnd(10)}${intervalText(iv?.A)}`,
      `  B      ${g(p.B).padEnd(10)}${intervalText(iv?.B)}`,
      `  alpha  ${g(p.alpha).padEnd(10)}${intervalText(iv?.alpha)}`,
      `  beta   ${g(p.beta).padEnd(10)}${intervalText(iv?.beta)}`,
      `  a      ${g(a).padEnd(10)}${intervalText(iv?.a)}   N_opt ∝ C^a`,
      `  b      ${g(b).padEnd(10)}${intervalText(iv?.b)}   D_opt ∝ C^b`,
    );
  }
  if (bootstrap) {
    const s = bootstrap.summary;
    lines.push(`  intervals from ${s.completed} of ${s.requested} bootstrap resamples${s.cancelled ? ' (cancelled)' : ''}${s.failed > 0 ? `, ${s.failed} failed` : ''}`);
  } else {
    lines.push('  no intervals (--bootstrap 0)');
  }
  lines.push('');
  if (base.holdout) {
    const h = base.holdout;
    lines.push(
      `Holdout: fitted on ${h.fitN} runs up to ${sci(h.largestFittedCompute)} FLOPs, the largest scale (${sci(h.heldOutCompute)}, ${g(h.extrapolationFactor, 3)}× beyond) ` +
        `is predicted within ${pct(h.meanAbsRelativeError)} on average (bias ${h.meanRelativeError >= 0 ? '+' : ''}${pct(h.meanRelativeError)}).`,
    );
  } else {
    lines.push(`Holdout: not possible — ${base.holdoutError}`);
  }
  if (targetCompute !== undefined && law) {
    lines.push('', `Prediction at ${sci(targetCompute)} FLOPs: not made — these runs do not identify the compute-optimal model size and tokens.`);
  } else if (targetCompute !== undefined) {
    const pr = predictAtCompute({ fit, samples: bootstrap?.samples ?? [] }, targetCompute);
    lines.push(
      '',
      `Prediction at ${sci(targetCompute)} FLOPs (${g(pr.extrapolationFactor, 3)}× the largest compute fitted${pr.extrapolationFactor > 10 ? ' — far beyond the data' : ''}):`,
      `  N_opt  ${sci(pr.N.estimate)}${intervalText(pr.N, sci)}`,
      `  D_opt  ${sci(pr.D.estimate)}${intervalText(pr.D, sci)}`,
      `  tokens per parameter  ${g(pr.tokensPerParameter.estimate, 3)}${intervalText(pr.tokensPerParameter, (v) => g(v, 3))}`,
      `  loss   ${g(pr.loss.estimate)}${intervalText(pr.loss)}`,
    );
  }
  if (excluded.length > 0) lines.push('', 'Excluded:', ...excluded.map((r) => `  ${r.id}${r.exclusionReason ? `: ${r.exclusionReason}` : ''}`));
  if (data.skipped.length > 0) lines.push('', 'Skipped:', ...data.skipped.map((s) => `  ${s.runId}: ${s.reason}`));
  lines.push('');
  return lines.join('\n');
}

export function formatMultiplierSummary(outcome: AblationOutcome, E: 'shared' | 'free'): string {
  const { computation } = outcome;
  const eMode = computation.analysis?.eMode ?? E;
  const how = computation.method === 'design-ratio' ? `along each arm's power law in compute, E ${eMode}` : `on the compute-optimal frontiers, E ${eMode}`;
  const lines = ['', `Effective-compute multiplier over ${computation.baseline} at ${sci(computation.targetCompute)} FLOPs (${how}):`];
  if (computation.methodNote) lines.push(`  ${computation.methodNote}`);
  if (computation.error) lines.push(`  not computed — ${computation.error}`);
  for (const v of computation.analysis?.variants ?? []) {
    const m = v.atTarget?.multiplier;
    lines.push(`  ${v.key}: ${m ? formatMultiplierWithInterval(m) : 'no value'}`);
    lines.push(`    ${v.verdict.text}: ${verdictEvidence(v.verdict, sci)}`);
    for (const w of v.warnings) lines.push(`    ! ${w}`);
  }
  for (const arm of computation.arms) for (const w of arm.warnings) lines.push(`  note (${arm.key}): ${w}`);
  if ((computation.analysis?.variants.length ?? 0) > 0) lines.push('', `  ${SCALING_VERDICT_RULE}`);
  lines.push('');
  return lines.join('\n');
}
