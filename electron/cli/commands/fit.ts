// `tessera fit`: the Chinchilla fit (approach 3) of a group, an ablation's arm or every run in the
// cache, with bootstrap intervals, the holdout check and, for an ablation, each variant's
// effective-compute multiplier. Runs the same code as the app's compute worker, in this process.
import fs from 'node:fs';
import path from 'node:path';
import { openCacheDatabase } from '../../core/db/open-cache-database';
import type { ComputeTask } from '../../core/scaling/compute-messages';
import { runAblationTask, runScalingFitTask } from '../../core/scaling/run-compute-task';
import { resolveScalingRequest, type ScalingRequest, type ScalingRequestInput } from '../../core/scaling/scaling-request';
import { ScalingScopeError } from '../../core/queries/scaling-scope';
import { CliUsageError, optionalString, parseChoiceFlag, parseIntegerFlag, parseNumberFlag, requireString, type CliCommand, type CliIo } from '../cli-command';
import { cliAppRoot } from '../cli-runtime';
import { fitDocument, formatFitSummary, formatMultiplierSummary, multiplierDocument, toJson } from './fit-output';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function excludeFlag(values: Record<string, unknown>): string[] {
  const raw = optionalString(values, 'exclude');
  if (raw === undefined) return [];
  const ids = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = ids.find((id) => !RUN_ID.test(id));
  if (bad !== undefined || ids.length === 0) throw new CliUsageError(`--exclude must be run ids separated by commas, got "${raw}".`);
  return ids;
}

/** Progress on stderr: redrawn in place on a terminal, every 10 % otherwise. */
function progressPrinter(io: CliIo, label: string) {
  let lastTenth = -1;
  return (done: number, total: number) => {
    if (io.interactive) {
      io.stderr(`fit: ${label} ${done}/${total}${done === total ? '\n' : '\r'}`);
      return;
    }
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      io.stderr(`fit: ${label} ${done}/${total}\n`);
    }
  };
}

/** Adds the --exclude runs to the exclusions recorded in the cache, refusing ids the scope does not hold. */
function withExcludes(request: ScalingRequest, sqlite: Parameters<typeof resolveScalingRequest>[0], ids: string[]): ScalingRequest {
  if (ids.length === 0) return request;
  const inScope = sqlite.prepare(`SELECT 1 FROM runs r WHERE r.id = @id AND ${request.scope.where}`);
  const missing = ids.filter((id) => !inScope.get({ ...request.scope.params, id }));
  if (missing.length > 0) throw new CliUsageError(`--exclude: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the runs of ${request.scope.label}.`);
  const known = new Set(request.exclusions.map((e) => e.runId));
  const exclusions = [...request.exclusions, ...ids.filter((id) => !known.has(id)).map((runId) => ({ runId, reason: 'excluded with --exclude', at: '' }))];
  return { ...request, exclusions, query: { ...request.query, exclusions } };
}

export const fitCommand: CliCommand = {
  name: 'fit',
  summary: 'Fit a Chinchilla scaling law L(N, D) = E + A/N^α + B/D^β, with bootstrap intervals and a holdout check.',
  usage:
    'tessera fit --db FILE [--group G | --ablation A [--variant V]] [--metric KEY] [--exclude ID,…] [--bootstrap N] [--last-percent P] [--target-compute C] [--e-mode shared|free] [--seed N] [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from the lab store',
    '--group G           fit the runs of this group (default: every run with model.params and data.tokens)',
    '--ablation A        fit an ablation: its baseline (or --variant), and each variant\'s effective-compute multiplier',
    '--variant V         with --ablation: fit this variant\'s runs',
    '--metric KEY        the loss to fit (default: the ablation\'s metric, else an eval loss, else train/loss)',
    '--exclude ID,…      leave these runs out (besides those excluded in the app)',
    '--bootstrap N       bootstrap resamples for the intervals (default 1000; 0: none)',
    '--last-percent P    L = mean of the last P % of the metric\'s points (default: the last point)',
    '--target-compute C  predict at C FLOPs (N_opt, D_opt, loss); for an ablation, where the multiplier is read (default: the largest compute fitted)',
    '--e-mode M          ablations: E shared by all variants (default) or free per variant',
    '--seed N            bootstrap seed (default 1)',
    '--json              print {identifiable, reason, n, E, A, B, alpha, beta, a, b, intervals, computeLaw, holdout, …} as JSON on stdout',
  ],
  options: {
    db: { type: 'string' },
    group: { type: 'string' },
    ablation: { type: 'string' },
    variant: { type: 'string' },
    metric: { type: 'string' },
    exclude: { type: 'string' },
    bootstrap: { type: 'string' },
    'last-percent': { type: 'string' },
    'target-compute': { type: 'string' },
    'e-mode': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const file = requireString(values, 'db');
    const group = optionalString(values, 'group');
    const ablation = optionalString(values, 'ablation');
    const variant = optionalString(values, 'variant');
    if (group !== undefined && ablation !== undefined) throw new CliUsageError('give --group or --ablation, not both.');
    if (variant !== undefined && ablation === undefined) throw new CliUsageError('--variant needs --ablation.');
    const metric = optionalString(values, 'metric');
    const bootstrap = parseIntegerFlag(values, 'bootstrap', 0, 100_000) ?? 1000;
    const seed = parseIntegerFlag(values, 'seed', 0, 2 ** 31 - 1) ?? 1;
    const lastPercent = parseNumberFlag(values, 'last-percent');
    if (lastPercent !== undefined && !(lastPercent > 0 && lastPercent <= 100)) throw new CliUsageError(`--last-percent must be in (0, 100], got ${lastPercent}.`);
    const targetCompute = parseNumberFlag(values, 'target-compute');
    if (targetCompute !== undefined && !(targetCompute > 0)) throw new CliUsageError(`--target-compute must be a number of FLOPs > 0, got ${targetCompute}.`);
    const eMode = parseChoiceFlag(values, 'e-mode', ['shared', 'free'] as const) ?? 'shared';
    const excludes = excludeFlag(values);
    if (!fs.existsSync(file)) throw new CliUsageError(`--db ${file}: no such cache file (sync a lab store into it first).`);

    const cache = openCacheDatabase({ file, migrationsDir: path.join(cliAppRoot(), 'migrations') });
    try {
      const sqlite = cache.sqlite;
      const resolve = (input: ScalingRequestInput) => {
        try {
          return resolveScalingRequest(sqlite, input);
        } catch (error) {
          if (error instanceof ScalingScopeError) throw new CliUsageError(error.message);
          throw error;
        }
      };
      const common = { ...(metric !== undefined ? { metric } : {}), ...(lastPercent !== undefined ? { lastPercent } : {}) };
      const ablationRequest = ablation !== undefined ? withExcludes(resolve({ ablation, ...common }), sqlite, excludes) : null;
      let fitVariant = variant;
      if (ablationRequest && fitVariant === undefined) {
        fitVariant = ablationRequest.scope.ablation?.baseline ?? undefined;
        if (fitVariant === undefined) throw new CliUsageError(`ablation ${ablation} names no baseline; choose the arm to fit with --variant.`);
      }
      const scopeInput: ScalingRequestInput = group !== undefined ? { group } : ablation !== undefined ? { ablation, variant: fitVariant } : {};
      const request = withExcludes(resolve({ ...scopeInput, ...common, metric: metric ?? ablationRequest?.metric }), sqlite, ablationRequest ? [] : excludes);
      const fitRequest = ablationRequest ? { ...request, exclusions: ablationRequest.exclusions, query: { ...request.query, exclusions: ablationRequest.exclusions } } : request;

      io.stderr(`fit: ${fitRequest.scope.label}, ${fitRequest.metric}\n`);
      const task: Extract<ComputeTask, { kind: 'scaling-fit' }> = { kind: 'scaling-fit', query: fitRequest.query, bootstrap, seed, baseKey: fitRequest.baseKey };
      const outcome = await runScalingFitTask(sqlite, task, { onProgress: progressPrinter(io, 'bootstrap') });
      if (!outcome.base.fit) {
        const skipped = outcome.data.skipped.length > 0 ? ` (${outcome.data.skipped.length} runs skipped, e.g. ${outcome.data.skipped[0]!.runId}: ${outcome.data.skipped[0]!.reason})` : '';
        throw new Error(`no fit: ${outcome.base.fitError}${skipped}`);
      }
      const document = fitDocument(fitRequest, outcome, ablationRequest ? undefined : targetCompute);
      let summary = formatFitSummary(fitRequest, outcome, ablationRequest ? undefined : targetCompute);
      if (ablationRequest) {
        const ablationTask: Extract<ComputeTask, { kind: 'ablation-scaling' }> = {
          kind: 'ablation-scaling',
          query: ablationRequest.query,
          E: eMode,
          targetCompute,
          resamples: bootstrap,
          seed,
        };
        const multiplier = await runAblationTask(sqlite, ablationTask, { onProgress: progressPrinter(io, 'multiplier bootstrap') });
        document.multiplier = multiplierDocument(multiplier, eMode);
        summary += formatMultiplierSummary(multiplier, eMode);
      }
      io.stdout(values.json === true ? toJson(document) : summary);
      return 0;
    } finally {
      cache.close();
    }
  },
};
