// A lab store whose runs carry known injected events — NaN at a step, spike storms, a single spike,
// divergence (fast into NaN, and a slow climb), a stalled job — beside healthy controls (smooth,
// noisy, drifting, restarted from a checkpoint, still running), and the alerts each must produce.
import fs from 'node:fs';
import path from 'node:path';
import { injectedCurve, type CurveSpec } from './injected-curves';

export interface ExpectedAlert {
  runId: string;
  metric: string;
  rule: string;
  step: number;
}

interface RunSpec {
  id: string;
  curve: CurveSpec;
  state: 'running' | 'finished' | 'failed';
  /** Seconds between lines; the last line is `lastLineAgoSec` before now. */
  secondsPerLine: number;
  lastLineAgoSec: number;
  /** A crash at this point index, resumed from `resumeAt` (a restart: the lines between are logged twice). */
  restart?: { crashAt: number; resumeAt: number };
  /** grad_norm turns Infinity at the loss's first NaN, as it does in real blow-ups. */
  gradNormInfinite?: boolean;
  expected: Array<{ metric?: string; rule: string; step: number }>;
}

const spikes = (steps: number[], amplitude = 0.3, decayPoints = 4) => steps.map((step) => ({ step, amplitude, decayPoints }));

export const INJECTED_RUNS: RunSpec[] = [
  { id: 'healthy-smooth', curve: { seed: 101, points: 1200, every: 10, noise: 0.01, drift: 0.006 }, state: 'finished', secondsPerLine: 20, lastLineAgoSec: 86_400, expected: [] },
  { id: 'healthy-noisy', curve: { seed: 102, points: 1500, every: 10, noise: 0.08 }, state: 'finished', secondsPerLine: 20, lastLineAgoSec: 90_000, expected: [] },
  { id: 'healthy-drifting', curve: { seed: 103, points: 2500, every: 1, noise: 0.15, drift: 0.03 }, state: 'finished', secondsPerLine: 5, lastLineAgoSec: 50_000, expected: [] },
  {
    id: 'healthy-restarted',
    curve: { seed: 104, points: 1400, every: 10, noise: 0.02, drift: 0.006 },
    state: 'finished',
    secondsPerLine: 20,
    lastLineAgoSec: 70_000,
    restart: { crashAt: 700, resumeAt: 640 },
    expected: [],
  },
  { id: 'healthy-running', curve: { seed: 105, points: 900, every: 10, noise: 0.02 }, state: 'running', secondsPerLine: 30, lastLineAgoSec: 90, expected: [] },
  {
    id: 'nan-at-step',
    curve: { seed: 106, points: 800, every: 10, noise: 0.02, nanFrom: 5230 },
    state: 'failed',
    secondsPerLine: 20,
    lastLineAgoSec: 40_000,
    gradNormInfinite: true,
    expected: [
      { rule: 'non-finite', step: 5230 },
      { metric: 'train/grad_norm', rule: 'non-finite', step: 5230 },
    ],
  },
  {
    id: 'spike-storm',
    curve: { seed: 107, points: 1500, every: 10, noise: 0.02, drift: 0.006, spikes: spikes([6000, 6900, 7700, 8400]) },
    state: 'finished',
    secondsPerLine: 20,
    lastLineAgoSec: 30_000,
    expected: [
      { rule: 'spike', step: 6000 },
      { rule: 'spike', step: 6900 },
      { rule: 'spike', step: 7700 },
      { rule: 'spike-storm', step: 7700 },
      { rule: 'spike', step: 8400 },
    ],
  },
  {
    id: 'single-spike',
    curve: { seed: 108, points: 1000, every: 10, noise: 0.03, spikes: spikes([4200], 0.5, 8) },
    state: 'finished',
    secondsPerLine: 20,
    lastLineAgoSec: 20_000,
    expected: [{ rule: 'spike', step: 4200 }],
  },
  {
    id: 'diverged-to-nan',
    curve: { seed: 109, points: 700, every: 25, noise: 0.01, drift: 0.006, climb: { fromStep: 15000, start: 0.02, tauPoints: 2 }, nanFrom: 15300 },
    state: 'failed',
    secondsPerLine: 40,
    lastLineAgoSec: 10_000,
    // The divergence is found before the NaN: its step is checked against the climb in the test.
    expected: [
      { rule: 'divergence', step: -1 },
      { rule: 'non-finite', step: 15300 },
      { metric: 'train/grad_norm', rule: 'non-finite', step: 15300 },
    ],
  },
  {
    id: 'slow-divergence',
    curve: { seed: 110, points: 1300, every: 10, noise: 0.02, climb: { fromStep: 10000, start: 0, perPoint: 0.004 } },
    state: 'finished',
    secondsPerLine: 20,
    lastLineAgoSec: 15_000,
    expected: [{ rule: 'divergence', step: -1 }],
  },
  {
    id: 'stalled-job',
    curve: { seed: 111, points: 600, every: 10, noise: 0.02 },
    state: 'running',
    secondsPerLine: 30,
    lastLineAgoSec: 3 * 3600,
    expected: [{ metric: '', rule: 'stalled', step: 5990 }],
  },
];

function lineOf(step: number, time: number, loss: number, gradNorm: number, evalLoss: number | null): string {
  const v = (x: number) => (Number.isNaN(x) ? '"NaN"' : x === Infinity ? '"Infinity"' : String(x));
  return `{"step":${step},"tokens":${step * 65536},"time":${time.toFixed(1)},"train/loss":${v(loss)},"train/grad_norm":${v(gradNorm)}${evalLoss === null ? '' : `,"eval/c4/loss":${v(evalLoss)}`}}\n`;
}

/** The metrics.jsonl lines of a run, in the order a training job appends them. */
export function metricsLines(run: RunSpec, nowSec: number): string[] {
  const points = injectedCurve(run.curve);
  const lastIndex = points.length - 1;
  const timeOf = (i: number, attempt: number) => nowSec - run.lastLineAgoSec - (lastIndex - i) * run.secondsPerLine - (attempt === 0 && run.restart ? 600 : 0);
  const firstNan = points.findIndex(([, v]) => Number.isNaN(v));
  const line = (i: number, attempt: number) => {
    const [step, loss] = points[i]!;
    const gradNorm = Number.isNaN(loss) ? (run.gradNormInfinite && i === firstNan ? Infinity : NaN) : Math.round((0.3 + 0.01 * Math.sin(i)) * 1e4) / 1e4;
    const evalLoss = i % 10 === 0 ? (Number.isNaN(loss) ? NaN : Math.round((loss + 0.1) * 1e4) / 1e4) : null;
    return lineOf(step, timeOf(i, attempt), loss, gradNorm, evalLoss);
  };
  const lines: string[] = [];
  if (run.restart) {
    for (let i = 0; i < run.restart.crashAt; i++) lines.push(line(i, 0));
    for (let i = run.restart.resumeAt; i <= lastIndex; i++) lines.push(line(i, 1));
  } else {
    for (let i = 0; i <= lastIndex; i++) lines.push(line(i, 1));
  }
  return lines;
}

/** Writes the lab into `dir`; returns the runs' metrics lines so a test can append them in pieces. */
export function writeInjectedEventsLab(dir: string, nowSec = Date.now() / 1000, options: { metrics?: boolean } = {}): Map<string, string[]> {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Injected events' }));
  write('team.yaml', 'areas: [model]\npeople:\n  - {id: ana, name: Ana, area: model}\n  - {id: raj, name: Raj, area: model}\n');
  write('ablations/abl-1.yaml', 'id: abl-1\ntitle: Injected\nmetric: train/loss\nbaseline: a\n');
  const lines = new Map<string, string[]>();
  INJECTED_RUNS.forEach((run, index) => {
    const created = new Date((nowSec - run.lastLineAgoSec - 2 * 86_400) * 1000).toISOString();
    const runJson = { id: run.id, created_at: created, owner: index % 2 ? 'raj' : 'ana', group: run.id.split('-')[0], ablation: 'abl-1', variant: index % 2 ? 'a' : 'b' };
    write(`runs/${run.id}/run.json`, JSON.stringify(runJson));
    const updatedAt = new Date((nowSec - run.lastLineAgoSec + 5) * 1000).toISOString();
    write(`runs/${run.id}/status.json`, JSON.stringify({ state: run.state, updated_at: updatedAt }));
    const runLines = metricsLines(run, nowSec);
    lines.set(run.id, runLines);
    if (options.metrics !== false) write(`runs/${run.id}/metrics.jsonl`, runLines.join(''));
  });
  return lines;
}

/** The alerts the lab must produce (a divergence's step is -1: somewhere on the climb, checked apart). */
export function expectedAlerts(): ExpectedAlert[] {
  return INJECTED_RUNS.flatMap((run) => run.expected.map((e) => ({ runId: run.id, metric: e.metric ?? 'train/loss', rule: e.rule, step: e.step })));
}
