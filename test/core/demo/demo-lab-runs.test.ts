// The runs look like a real team's: a ladder that follows the intended law, realistic curves,
// one divergence, one restart, spikes, and a few runs still training (one of them stale).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLabSummary } from '../../../electron/core/demo/index';
import { DEMO_LADDER_LAW, HELDOUT_C4_OFFSET } from '../../../electron/core/demo/lab-world';
import { AS_OF, countPoints, finalHistory, generateSmallLab, lastValue, mean, readRuns, removeTemporaryDirs, slope } from './read-demo-lab';
import type { LabRun } from './read-demo-lab';

afterAll(removeTemporaryDirs);

const C4 = 'eval/heldout/c4/loss';
let lab: DemoLabSummary;
let runs: LabRun[];
beforeAll(async () => {
  lab = await generateSmallLab('runs');
  runs = readRuns(lab.root);
});

const ladder = () => runs.filter((r) => r.run.group === 'ladder-v3');
const finishedLadder = () => ladder().filter((r) => r.status.state === 'finished');

describe('demo lab ladder', () => {
  it('spans at least 5 sizes from about 50M to 3B, each at 4 or more token budgets from 10 to 80 tokens per parameter', () => {
    const sizes = [...new Set(ladder().map((r) => r.run.model.params))].sort((a, b) => a - b);
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    expect(sizes[0]).toBeLessThanOrEqual(6e7);
    expect(sizes[sizes.length - 1]).toBeGreaterThanOrEqual(2.5e9);
    for (const n of sizes) {
      const ratios = ladder().filter((r) => r.run.model.params === n).map((r) => r.run.data.tokens / n);
      expect(ratios.length).toBeGreaterThanOrEqual(4);
      expect(Math.min(...ratios)).toBeCloseTo(10, 0);
      expect(Math.max(...ratios)).toBeCloseTo(80, 0);
    }
    for (const { run } of ladder()) expect(run.compute.flops / (6 * run.model.params * run.data.tokens)).toBeCloseTo(1, 5);
    const created = ladder().map((r) => Date.parse(r.run.created_at));
    expect((Math.max(...created) - Math.min(...created)) / 86_400_000).toBeGreaterThan(45);
  });

  it('ends every finished ladder run on the Chinchilla law within a small noise', () => {
    const { E, A, B, alpha, beta } = DEMO_LADDER_LAW;
    const residuals = finishedLadder().map(({ id, lines, run }) => {
      const last = lines[lines.length - 1];
      expect(last.step, id).toBe(run.config.total_steps);
      const law = E + A / run.model.params ** alpha + B / (last.tokens as number) ** beta + HELDOUT_C4_OFFSET;
      return (lastValue(lines, C4)! - law) / law;
    });
    expect(residuals.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...residuals.map(Math.abs))).toBeLessThan(0.005);
    expect(Math.abs(mean(residuals))).toBeLessThan(0.002);
  });

  it('recovers α and β from a log-linear fit of the final losses', () => {
    const { E, A, B, alpha, beta } = DEMO_LADDER_LAW;
    const points = finishedLadder().map(({ lines, run }) => ({
      n: run.model.params as number,
      d: lines[lines.length - 1].tokens as number,
      loss: lastValue(lines, C4)! - HELDOUT_C4_OFFSET - E,
    }));
    // Subtract one term of the law and the other is a straight line in log-log space.
    const modelTerm = points.map((p) => Math.log(p.loss - B / p.d ** beta));
    const dataTerm = points.map((p) => Math.log(p.loss - A / p.n ** alpha));
    expect(-slope(points.map((p) => Math.log(p.n)), modelTerm)).toBeCloseTo(alpha, 1);
    expect(-slope(points.map((p) => Math.log(p.d)), dataTerm)).toBeCloseTo(beta, 1);
    expect(Math.abs(-slope(points.map((p) => Math.log(p.n)), modelTerm) - alpha)).toBeLessThan(0.02);
    expect(Math.abs(-slope(points.map((p) => Math.log(p.d)), dataTerm) - beta)).toBeLessThan(0.02);
  });
});

describe('demo lab curves', () => {
  it('warms the learning rate up, decays it, and brings the loss down from about ln(vocab)', () => {
    for (const { id, lines, run } of finishedLadder()) {
      const lrs = lines.map((l) => l['train/lr'] as number);
      const peak = Math.max(...lrs);
      expect(lrs[0], id).toBe(0);
      expect(peak, id).toBeCloseTo(run.config.lr, 6);
      expect(lrs[lrs.length - 1], id).toBeLessThan(peak * 0.2);
      expect(lines[0]['train/loss'], id).toBeGreaterThan(9.5);
      const lastTenth = lines.slice(-Math.ceil(lines.length / 10)).map((l) => l['train/loss'] as number);
      expect(mean(lastTenth), id).toBeLessThan(lines[Math.floor(lines.length / 4)]['train/loss'] as number);
      expect(lines.some((l, i) => i > 0 && (l['train/loss'] as number) > (lines[i - 1]['train/loss'] as number)), `${id} is noisy`).toBe(true);
    }
  });

  it('has loss spikes in some runs that recover', () => {
    const spiky = runs.filter(({ lines, status }) =>
      status.state === 'finished' &&
      lines.some((l, i) => i > 10 && typeof l['train/loss'] === 'number' && (l['train/loss'] as number) - (lines[i - 1]['train/loss'] as number) > 0.2),
    );
    expect(spiky.length).toBeGreaterThanOrEqual(3);
  });

  it('has exactly one diverged run: loss grows, then "NaN" lines, and status failed', () => {
    const diverged = runs.filter((r) => r.lines.some((l) => l['train/loss'] === 'NaN'));
    expect(diverged).toHaveLength(1);
    const { lines, status } = diverged[0];
    expect(status.state).toBe('failed');
    const firstNaN = lines.findIndex((l) => l['train/loss'] === 'NaN');
    const before = lines.slice(firstNaN - 6, firstNaN).map((l) => l['train/loss'] as number);
    expect(before.every((v, i) => i === 0 || v > before[i - 1])).toBe(true);
    expect(lines.slice(firstNaN).every((l) => l['train/loss'] === 'NaN')).toBe(true);
    expect(lines.some((l) => l['train/grad_norm'] === 'Infinity')).toBe(true);
    expect(status.message).toMatch(/NaN/);
  });

  it('has a restarted run whose later attempt supersedes the earlier one from the resume step', () => {
    const restarted = runs.filter((r) => r.lines.some((l, i) => i > 0 && l.step < r.lines[i - 1].step));
    expect(restarted).toHaveLength(1);
    const { lines, status, run } = restarted[0];
    const drop = lines.findIndex((l, i) => i > 0 && l.step < lines[i - 1].step);
    const resumedAt = lines[drop].step;
    const superseded = lines.slice(0, drop).filter((l) => l.step >= resumedAt);
    expect(superseded.length).toBeGreaterThanOrEqual(3);
    expect((lines[drop].time as number) - (lines[drop - 1].time as number)).toBeGreaterThan(20 * 60);
    const history = finalHistory(lines);
    expect(history.map((l) => l.step)).toEqual([...history.map((l) => l.step)].sort((a, b) => a - b));
    expect(new Set(history.map((l) => l.step)).size).toBe(history.length);
    expect(history[history.length - 1].step).toBe(run.config.total_steps);
    expect(status.state).toBe('finished');
  });

  it('leaves some null values where nothing was logged', () => {
    const nulls = runs.flatMap((r) => r.lines.flatMap((l) => Object.entries(l).filter(([, v]) => v === null)));
    expect(nulls.length).toBeGreaterThanOrEqual(5);
  });

  it('has a few runs still training, with shorter files, recent status, and one stale for over an hour', () => {
    const running = runs.filter((r) => r.status.state === 'running');
    expect(running.length).toBeGreaterThanOrEqual(3);
    const ageMinutes = (r: LabRun) => (AS_OF.getTime() - Date.parse(r.status.updated_at)) / 60_000;
    const stale = running.filter((r) => ageMinutes(r) > 60);
    expect(stale).toHaveLength(1);
    for (const r of running) {
      expect(r.lines[r.lines.length - 1].step, r.id).toBeLessThan(r.run.config.total_steps);
      if (!stale.includes(r)) expect(ageMinutes(r), r.id).toBeLessThan(15);
      expect(Math.abs((r.lines[r.lines.length - 1].time as number) * 1000 - Date.parse(r.status.updated_at)), r.id).toBeLessThan(60_000);
    }
    expect(runs.filter((r) => r.status.state === 'killed').length).toBeGreaterThanOrEqual(1);
  });

  it('reports as points exactly the non-null values of the final histories', () => {
    expect(runs.length).toBe(lab.runs);
    expect(runs.reduce((sum, r) => sum + countPoints(finalHistory(r.lines)), 0)).toBe(lab.points);
    expect(runs.reduce((sum, r) => sum + r.lines.length, 0)).toBe(lab.metricLines);
    expect(lab.runs).toBeLessThanOrEqual(400);
  });
});
