// The large demo lab for the benchmark: 2,000+ runs and 20M+ points. Writing all of it (about
// 0.9 GB) is measured by hand and in the benchmark; here the plan's counts are checked, and a
// sample of its runs, the unusual ones included, is written and read back against the plan.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planDemoLab } from '../../../electron/core/demo/index';
import { countRunPoints } from '../../../electron/core/demo/run-layout';
import type { RunPlan } from '../../../electron/core/demo/run-plan';
import { writeDemoRun } from '../../../electron/core/demo/write-run';
import { AS_OF, countPoints, finalHistory, makeTemporaryDir, removeTemporaryDirs } from './read-demo-lab';
import type { MetricLine } from './read-demo-lab';

afterAll(removeTemporaryDirs);

const plan = planDemoLab({ size: 'large', seed: 3, asOf: AS_OF });
const isUnusual = (run: RunPlan) => run.restart !== undefined || run.divergence !== undefined || run.state !== 'finished';

describe('large demo lab', () => {
  it('plans at least 2,000 runs and 20 million points in the final histories', () => {
    expect(plan.runs.length).toBeGreaterThanOrEqual(2000);
    expect(plan.runs.reduce((sum, run) => sum + countRunPoints(run).final, 0)).toBeGreaterThanOrEqual(20_000_000);
    expect(new Set(plan.runs.map((r) => r.id)).size).toBe(plan.runs.length);
  });

  it('keeps the small lab\'s story: the same ablations, proposals and events, with more seeds', () => {
    const small = planDemoLab({ size: 'small', seed: 3, asOf: AS_OF });
    const ablationsOf = (runs: RunPlan[]) => [...new Set(runs.map((r) => r.ablation).filter(Boolean))].sort();
    expect(ablationsOf(plan.runs)).toEqual(ablationsOf(small.runs));
    expect(Math.max(...plan.runs.filter((r) => r.ablation).map((r) => r.seed))).toBe(3);
    expect(plan.events.length).toBe(small.events.length);
    expect(plan.runs.filter((r) => r.state === 'running').length).toBe(small.runs.filter((r) => r.state === 'running').length);
  });

  it('writes exactly the planned lines and points for a sample of its runs', () => {
    const root = makeTemporaryDir('large-sample');
    const sample = plan.runs.filter((run, i) => i % 150 === 0 || isUnusual(run)).slice(0, 60);
    expect(sample.some((r) => r.restart)).toBe(true);
    expect(sample.some((r) => r.divergence)).toBe(true);
    for (const run of sample) {
      writeDemoRun(run, root, plan.seed);
      const text = fs.readFileSync(path.join(root, 'runs', run.id, 'metrics.jsonl'), 'utf8');
      expect(text.endsWith('\n'), run.id).toBe(true);
      const lines = text.slice(0, -1).split('\n').map((l) => JSON.parse(l) as MetricLine);
      const planned = countRunPoints(run);
      expect(lines.length, run.id).toBe(planned.lines);
      expect(countPoints(lines), run.id).toBe(planned.written);
      expect(countPoints(finalHistory(lines)), run.id).toBe(planned.final);
    }
  });
});
