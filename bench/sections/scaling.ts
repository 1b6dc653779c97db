// Scaling-law fits: the multi-start Chinchilla fit on 250 runs and on 2,160 runs at 24 designs
// (targets < 2 s), and 1,000 bootstrap
// refits of it (target < 30 s), plus the shared-E ablation analysis with its 1,000-resample
// bootstrap. Wall time is what a user waits; CPU time, in the note, is what the fit itself costs
// when other processes share the machine.
import type { BenchRow } from '../bench-row';
import {
  analyzeAblationScaling,
  bootstrapChinchillaFit,
  fitChinchillaLoss,
  logSpaced,
  syntheticGridObservations,
  type ChinchillaParams,
} from '../../shared/scaling';

const SECTION = 'scaling';
const CHINCHILLA: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; wallS: number; cpuS: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { result, wallS, cpuS: (cpu.user + cpu.system) / 1e6 };
}

export async function runScalingBench(): Promise<BenchRow[]> {
  const runs = syntheticGridObservations({
    params: CHINCHILLA,
    N: logSpaced(5e7, 3e9, 25),
    D: logSpaced(1e9, 1e11, 10),
    noise: 0.02,
    seed: 1,
    outliers: 3,
  });
  // Warm the JIT on a small fit so the timed fit measures steady-state code.
  fitChinchillaLoss(runs.slice(0, 40));

  const fits = [];
  for (let i = 0; i < 3; i++) fits.push(await timed(() => fitChinchillaLoss(runs)));
  const byWall = [...fits].sort((a, b) => a.wallS - b.wallS);
  const median = byWall[1]!;
  const fit = median.result;
  const rows: BenchRow[] = [
    {
      section: SECTION,
      name: 'Chinchilla fit, 250 runs, 5,400 L-BFGS starts (median of 3)',
      value: median.wallS,
      unit: 's',
      limit: '< 2 s',
      ok: median.wallS < 2,
      note: `cpu ${median.cpuS.toFixed(2)} s; runs ${fits.map((f) => f.wallS.toFixed(2)).join('/')} s; ${fit.startsAtOptimum} starts at the optimum; E=${fit.params.E.toFixed(3)} α=${fit.params.alpha.toFixed(3)} β=${fit.params.beta.toFixed(3)}`,
    },
  ];

  // A lab's "every run": thousands of runs (seeds, sweeps) at few (N, D) designs, as the large demo lab
  // (2,197 runs at 24 designs). The fit evaluates one prediction per design, not per run.
  const replicated = syntheticGridObservations({
    params: CHINCHILLA,
    N: logSpaced(5e7, 3e9, 6),
    D: logSpaced(1e9, 1e11, 4),
    noise: 0.02,
    seed: 2,
    replicates: 90,
  });
  const large = await timed(() => fitChinchillaLoss(replicated));
  rows.push({
    section: SECTION,
    name: `Chinchilla fit, ${replicated.length.toLocaleString('en-US')} runs at 24 designs, 5,400 starts`,
    value: large.wallS,
    unit: 's',
    limit: '< 2 s',
    ok: large.wallS < 2,
    note: `cpu ${large.cpuS.toFixed(2)} s; ${large.result.startsAtOptimum} starts at the optimum; α=${large.result.params.alpha.toFixed(3)} β=${large.result.params.beta.toFixed(3)}`,
  });

  const boot = await timed(() => bootstrapChinchillaFit(runs, { fit, resamples: 1000, seed: 1 }));
  rows.push({
    section: SECTION,
    name: 'bootstrap, 1,000 refits of the 250-run fit',
    value: boot.wallS,
    unit: 's',
    limit: '< 30 s',
    ok: boot.wallS < 30 && boot.result.completed === 1000,
    note: `cpu ${boot.cpuS.toFixed(2)} s; ${boot.result.failed} failed, ${boot.result.unconverged} unconverged; α 95 % [${boot.result.intervals.alpha.p95.map((v) => v.toFixed(3)).join(', ')}]`,
  });

  const N = logSpaced(5e7, 3e9, 4);
  const D = logSpaced(1e9, 1e11, 5);
  const variant = { ...CHINCHILLA, A: CHINCHILLA.A * 2 ** -CHINCHILLA.alpha };
  const arms = [
    { key: 'baseline', observations: syntheticGridObservations({ params: CHINCHILLA, N, D, noise: 0.005, seed: 1 }) },
    { key: 'variant', observations: syntheticGridObservations({ params: variant, N, D, noise: 0.005, seed: 2 }) },
  ];
  const ablation = await timed(() =>
    analyzeAblationScaling(arms, { baseline: 'baseline', E: 'shared', targetCompute: 1e22, resamples: 1000, seed: 1 }),
  );
  const atTarget = ablation.result.variants[0]!.atTarget!.multiplier;
  rows.push({
    section: SECTION,
    name: 'ablation, 2 arms × 20 runs, shared E, 1,000 joint resamples',
    value: ablation.wallS,
    unit: 's',
    limit: '< 30 s',
    ok: ablation.wallS < 30,
    note: `cpu ${ablation.cpuS.toFixed(2)} s; multiplier at 1e22 (true 2): ${atTarget.estimate.toFixed(2)} [${atTarget.p95.map((v) => v.toFixed(2)).join(', ')}]`,
  });
  return rows;
}
