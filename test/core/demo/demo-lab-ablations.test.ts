// Ablations and evals carry the structure the Evals and ablation pages must find: seeds, scaling
// patterns, different noise floors, a good proxy and a misleading public one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLabSummary } from '../../../electron/core/demo/index';
import { generateSmallLab, lastValue, listFiles, mean, readRuns, readYaml, removeTemporaryDirs, sampleSd, spearman } from './read-demo-lab';
import type { AblationYaml, LabRun, TeamYaml } from './read-demo-lab';

afterAll(removeTemporaryDirs);

const C4 = 'eval/heldout/c4/loss';
const EVALS = [C4, 'eval/heldout/code/loss', 'eval/public/hellaswag/acc', 'eval/public/arc-easy/acc', 'eval/public/mmlu/acc'];

let lab: DemoLabSummary;
let runs: LabRun[];
let ablations: AblationYaml[];
beforeAll(async () => {
  lab = await generateSmallLab('ablations');
  runs = readRuns(lab.root);
  ablations = listFiles(path.join(lab.root, 'ablations')).map((f) => readYaml<AblationYaml>(f));
});

/** Final value of an eval, averaged over the finished seeds of one arm at one size. */
function arm(ablation: string, variant: string, params: number, metric: string): { mean: number; values: number[] } | null {
  const values = runs
    .filter((r) => r.run.ablation === ablation && r.run.variant === variant && r.run.model.params === params && r.status.state === 'finished')
    .map((r) => lastValue(r.lines, metric)!);
  return values.length ? { mean: mean(values), values } : null;
}

function sizesOf(ablation: string): number[] {
  return [...new Set(runs.filter((r) => r.run.ablation === ablation).map((r) => r.run.model.params as number))].sort((a, b) => a - b);
}

function deltas(ablation: AblationYaml, variant: string, metric: string): number[] {
  return sizesOf(ablation.id).map((n) => arm(ablation.id, variant, n, metric)!.mean - arm(ablation.id, ablation.baseline, n, metric)!.mean);
}

function treatedArms(): { ablation: AblationYaml; variant: string }[] {
  return ablations.flatMap((a) =>
    [...new Set(runs.filter((r) => r.run.ablation === a.id).map((r) => r.run.variant as string))].filter((v) => v !== a.baseline).map((variant) => ({ ablation: a, variant })),
  );
}

/** Root-mean-square spread across seeds of identical runs: the eval's noise floor. */
function noiseFloor(metric: string): number {
  const spreads: number[] = [];
  for (const a of ablations) {
    for (const n of sizesOf(a.id)) {
      for (const variant of new Set(runs.filter((r) => r.run.ablation === a.id).map((r) => r.run.variant as string))) {
        const group = arm(a.id, variant, n, metric);
        if (group && group.values.length >= 2) spreads.push(sampleSd(group.values) ** 2);
      }
    }
  }
  return Math.sqrt(mean(spreads));
}

function predictivity(metric: string): number {
  const pairs = treatedArms().map(({ ablation, variant }) => {
    const d = deltas(ablation, variant, metric);
    return [d[0], d[d.length - 1]];
  });
  return spearman(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
}

describe('demo lab ablations', () => {
  it('has at least 8 ablations, 2+ seeds for every variant at every size, several at 3+ sizes and varied compare_at', () => {
    expect(ablations.length).toBeGreaterThanOrEqual(8);
    for (const a of ablations) {
      const own = runs.filter((r) => r.run.ablation === a.id);
      expect(own.every((r) => r.run.proposal === a.proposal), a.id).toBe(true);
      for (const n of sizesOf(a.id)) {
        for (const variant of new Set(own.map((r) => r.run.variant))) {
          const seeds = new Set(own.filter((r) => r.run.variant === variant && r.run.model.params === n).map((r) => r.run.seed));
          expect(seeds.size, `${a.id} ${variant} ${n}`).toBeGreaterThanOrEqual(2);
        }
      }
    }
    expect(ablations.filter((a) => sizesOf(a.id).length >= 3).length).toBeGreaterThanOrEqual(5);
    const compareAt = ablations.map((a) => a.compare_at);
    expect(compareAt.filter((c) => c === 'tokens').length).toBeGreaterThan(ablations.length / 2);
    expect(compareAt).toContain('step');
    expect(compareAt).toContain('flops');
  });

  it('has gains that grow with scale, gains that hold, gains that vanish and one that crosses to a loss', () => {
    const byId = (id: string) => ablations.find((a) => a.id === id)!;
    const mtp = deltas(byId('abl-001'), 'mtp-2', C4);
    expect(mtp[mtp.length - 1]).toBeLessThan(mtp[0] - 0.004);
    const dedup = deltas(byId('abl-004'), 'minhash-v2', C4);
    expect(Math.max(...dedup) - Math.min(...dedup)).toBeLessThan(0.005);
    expect(Math.max(...dedup)).toBeLessThan(-0.005);
    const mod = deltas(byId('abl-005'), 'mod-50', C4);
    expect(mod[0]).toBeLessThan(-0.003);
    expect(Math.abs(mod[mod.length - 1])).toBeLessThan(0.003);
    const muon = deltas(byId('abl-006'), 'muon', C4);
    expect(muon[0]).toBeLessThan(-0.002);
    expect(muon[muon.length - 1]).toBeGreaterThan(0.002);
  });
});

describe('demo lab evals', () => {
  it('gives each eval a different noise floor: held-out C4 the lowest loss floor, MMLU the noisiest', () => {
    const floors = Object.fromEntries(EVALS.map((e) => [e, noiseFloor(e)]));
    expect(floors[C4]).toBeLessThan(0.002);
    expect(floors['eval/heldout/code/loss']).toBeGreaterThan(2 * floors[C4]);
    expect(floors['eval/public/mmlu/acc']).toBeGreaterThan(2 * floors['eval/public/hellaswag/acc']);
    expect(floors['eval/public/arc-easy/acc']).toBeLessThan(floors['eval/public/hellaswag/acc']);
  });

  it('makes held-out C4 a good proxy: its small-scale deltas rank the large-scale ones', () => {
    expect(treatedArms().length).toBeGreaterThanOrEqual(10);
    expect(predictivity(C4)).toBeGreaterThan(0.7);
  });

  it('makes ARC-Easy misleading: clear small-scale deltas that do not predict the large-scale ones', () => {
    const arc = 'eval/public/arc-easy/acc';
    const small = treatedArms().map(({ ablation, variant }) => deltas(ablation, variant, arc)[0]);
    const clear = small.filter((d) => Math.abs(d) > 2 * noiseFloor(arc));
    expect(clear.length).toBeGreaterThan(small.length / 2);
    expect(Math.abs(predictivity(arc))).toBeLessThan(0.3);
    expect(predictivity(C4) - predictivity(arc)).toBeGreaterThan(0.5);
  });

  it('shows the rephrased-data gain on public evals but not on held-out C4 at the largest size', () => {
    const rephrase = ablations.find((a) => a.id === 'abl-009')!;
    const heldout = deltas(rephrase, 'rephrase-25', C4);
    const hellaswag = deltas(rephrase, 'rephrase-25', 'eval/public/hellaswag/acc');
    expect(Math.abs(heldout[heldout.length - 1])).toBeLessThan(0.003);
    expect(hellaswag[hellaswag.length - 1]).toBeGreaterThan(0.006);
  });

  it('logs every eval of a suite prefix named in team.yaml', () => {
    const team = readYaml<TeamYaml>(path.join(lab.root, 'team.yaml'));
    const prefixes = team.evals.map((e) => e.prefix);
    const keys = new Set(runs.flatMap((r) => r.lines.flatMap((l) => Object.keys(l).filter((k) => k.startsWith('eval/')))));
    expect([...keys].sort()).toEqual([...EVALS].sort());
    for (const key of keys) expect(prefixes.some((p) => key.startsWith(p)), key).toBe(true);
    expect(fs.existsSync(path.join(lab.root, 'ablations', 'abl-001.yaml'))).toBe(true);
  });
});
