// `tessera evals`: how trustworthy each eval metric is as a decision tool — kind, noise floor, minimum
// detectable effects and small-to-large predictivity — as JSON or a table; with --delta, the seeds
// per arm an ablation needs to resolve that delta on --metric.
import type { EvalQuality, EvalQualityReport, SeedsNeededAnswer } from '../../../shared/api/evals-methods';
import { readEvalQuality } from '../../core/queries/eval-quality';
import { seedsNeededForDelta } from '../../core/queries/eval-quality/seeds-for-proposal';
import { CliUsageError, optionalString, parseNumberFlag, type CliCommand } from '../cli-command';
import { openExistingCache } from './runs';

const KIND_LABELS = { internal: 'held-out', public: 'public', unclassified: 'unclassified' } as const;
const VERDICT_LABELS = { good: 'good proxy', poor: 'poor proxy', unclear: 'unclear', insufficient: 'too few' } as const;

const sig = (n: number | null, digits = 3) => (n === null ? '–' : Number(n.toPrecision(digits)).toString());
const pct = (n: number) => `${Math.round(n * 100)}%`;

function signCell(e: EvalQuality): string {
  const s = e.predictivity.signAgreement;
  if (s.rate === null || !s.interval) return '–';
  return `${s.agreements}/${s.n} ${pct(s.rate)} [${pct(s.interval.lower)}, ${pct(s.interval.upper)}]`;
}

function rankCell(e: EvalQuality): string {
  const r = e.predictivity.rankCorrelation;
  if (r.rho === null) return '–';
  return `${r.rho.toFixed(2)}${r.interval ? ` [${r.interval.lower.toFixed(2)}, ${r.interval.upper.toFixed(2)}]` : ''} n=${r.n}`;
}

/** One row per eval, grouped by suite, and the rules below. */
export function formatEvalsTable(report: EvalQualityReport, seeds: SeedsNeededAnswer | null): string {
  const header = ['eval', 'kind', 'better', 'noise σ', 'df', 'MDE 2 seeds', 'MDE 3', 'MDE 5', 'ablations using/measuring', 'sign agreement', 'rank corr', 'proxy'];
  const rows = report.suites.flatMap((suite) =>
    suite.evals.map((e) => {
      const mde = (n: number) => sig(e.detectableEffects.find((d) => d.seedsPerArm === n)?.mde ?? null);
      return [e.metric, KIND_LABELS[e.kind], e.better, sig(e.noiseFloor.std), String(e.noiseFloor.df), mde(2), mde(3), mde(5), `${e.ablationsUsing.length}/${e.ablationsMeasuring}`, signCell(e), rankCell(e), VERDICT_LABELS[e.predictivity.verdict]];
    }),
  );
  if (rows.length === 0) return 'No eval metrics in this cache: no series key starts with eval/ or a team.yaml eval suite prefix.\n';
  const right = new Set([3, 4, 5, 6, 7, 8]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [line(header), ...rows.map(line), '', report.rules.detectableEffect, report.rules.goodProxy, report.rules.poorProxy];
  if (seeds) {
    lines.push('', seeds.seeds === null
      ? `Seeds to resolve Δ ${seeds.delta} on ${seeds.metric}: none suffice — ${seeds.reason}`
      : `Seeds to resolve Δ ${seeds.delta} on ${seeds.metric}: ${seeds.seeds} per arm (MDE ${sig(seeds.mde)} with noise σ ${sig(seeds.noiseFloor)}).`);
  }
  return `${lines.join('\n')}\n`;
}

export const evalsCommand: CliCommand = {
  name: 'evals',
  summary: 'How trustworthy each eval is: kind, noise floor, detectable effects, small-to-large predictivity.',
  usage: 'tessera evals --db FILE [--metric KEY [--delta D]] [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from a lab store',
    '--metric KEY        only this eval (e.g. eval/heldout/c4/loss)',
    '--delta D           with --metric: seeds per arm needed to resolve this delta (a negative one as --delta=-0.004)',
    '--json              print {rules, evals, seedsNeeded} as JSON',
  ],
  options: { db: { type: 'string' }, metric: { type: 'string' }, delta: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const metric = optionalString(values, 'metric');
    const delta = parseNumberFlag(values, 'delta');
    if (delta !== undefined && metric === undefined) throw new CliUsageError('--delta needs --metric: the eval whose noise floor decides the seeds.');
    const cache = openExistingCache(values);
    try {
      const full = readEvalQuality(cache.sqlite);
      const suites = metric === undefined ? full.suites : full.suites.map((s) => ({ ...s, evals: s.evals.filter((e) => e.metric === metric) })).filter((s) => s.evals.length > 0);
      if (metric !== undefined && suites.length === 0) {
        const known = full.suites.flatMap((s) => s.evals.map((e) => e.metric));
        throw new CliUsageError(`--metric ${metric}: no such eval in this cache (it has ${known.length === 0 ? 'none' : known.join(', ')}).`);
      }
      const report = { ...full, suites };
      const seeds = delta === undefined ? null : seedsNeededForDelta(report, metric!, delta);
      if (values.json === true) {
        const evals = suites.flatMap((s) => s.evals);
        io.stdout(`${JSON.stringify({ rules: report.rules, evals, ...(seeds ? { seedsNeeded: seeds } : {}) }, null, 2)}\n`);
      } else {
        io.stdout(formatEvalsTable(report, seeds));
      }
      return 0;
    } finally {
      cache.close();
    }
  },
};
