// Test helpers that read a generated demo lab back from disk, independently of the generator's code.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { generateDemoLab } from '../../../electron/core/demo/index';
import type { DemoLabSummary } from '../../../electron/core/demo/index';

export const AS_OF = new Date('2026-11-27T14:00:00Z');

const temporaryDirs: string[] = [];

/** A fresh temporary folder, removed by removeTemporaryDirs. */
export function makeTemporaryDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tessera-demo-${prefix}-`));
  temporaryDirs.push(dir);
  return dir;
}

/** Call from afterAll: a small lab is about 15 MB. */
export function removeTemporaryDirs(): void {
  for (const dir of temporaryDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function generateSmallLab(prefix: string, seed = 7): Promise<DemoLabSummary> {
  return generateDemoLab({ outDir: path.join(makeTemporaryDir(prefix), 'lab'), seed, asOf: AS_OF });
}

/** Every file under root as "relative path → sha256 of its bytes", hashed in sorted order. */
export function hashTree(root: string): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(root, full)}\0`).update(crypto.createHash('sha256').update(fs.readFileSync(full)).digest());
    }
  };
  walk(root);
  return hash.digest('hex');
}

export type MetricValue = number | null | string;
export type MetricLine = Record<string, MetricValue> & { step: number };

/** run.json as the demo lab writes it (checked field by field by the format test). */
export interface RunJson {
  id: string;
  name: string;
  created_at: string;
  owner: string;
  group: string;
  ablation?: string;
  variant?: string;
  seed?: number;
  proposal?: string;
  model: { params: number; non_embedding_params: number; active_params: number; arch: string };
  data: { tokens: number; mixture: string };
  compute: { flops: number; accelerator: string; chips: number; chip_hours: number };
  config: { lr: number; batch_tokens: number; total_steps: number } & Record<string, unknown>;
  tags: string[];
}

export interface TeamYaml {
  areas: string[];
  people: { id: string; name: string; area: string }[];
  phases: { name: string; start: string; end: string; target_exploratory: number }[];
  evals: { prefix: string; name: string; kind: string }[];
}

export interface AblationYaml {
  id: string;
  title: string;
  question: string;
  proposal: string;
  owner: string;
  metric: string;
  compare_at: string;
  baseline: string;
}

export interface ProposalFront {
  id: string;
  title: string;
  owner: string;
  area: string;
  kind: string;
  status: string;
  created: string;
  people: { id: string; share: number }[];
  compute_budget: { chip_hours: number };
  expected?: { metric: string; delta: number };
  complexity: Record<string, number>;
}

export interface LabEventJson {
  id: string;
  at: string;
  author: string;
  type: string;
  target?: string;
  decision?: string;
  rationale?: string;
  text?: string;
  complexity?: Record<string, number>;
  notes?: string;
}

export interface LabRun {
  id: string;
  run: RunJson;
  status: { state: string; updated_at: string; message: string };
  text: string;
  lines: MetricLine[];
}

export function readRuns(root: string): LabRun[] {
  const dir = path.join(root, 'runs');
  return fs.readdirSync(dir).sort().map((id) => {
    const text = fs.readFileSync(path.join(dir, id, 'metrics.jsonl'), 'utf8');
    return {
      id,
      run: JSON.parse(fs.readFileSync(path.join(dir, id, 'run.json'), 'utf8')),
      status: JSON.parse(fs.readFileSync(path.join(dir, id, 'status.json'), 'utf8')),
      text,
      lines: text.split('\n').slice(0, -1).map((line) => JSON.parse(line) as MetricLine),
    };
  });
}

/** The history a reader keeps: a lower step than the previous line drops the earlier attempt's points from that step on. */
export function finalHistory(lines: MetricLine[]): MetricLine[] {
  const kept: MetricLine[] = [];
  for (const line of lines) {
    if (kept.length > 0 && line.step < kept[kept.length - 1].step) {
      while (kept.length > 0 && kept[kept.length - 1].step >= line.step) kept.pop();
    }
    kept.push(line);
  }
  return kept;
}

export const METRIC_FIELDS_EXCLUDED = new Set(['step', 'tokens', 'time']);

export function countPoints(lines: MetricLine[]): number {
  let points = 0;
  for (const line of lines) for (const [key, value] of Object.entries(line)) if (!METRIC_FIELDS_EXCLUDED.has(key) && value !== null) points++;
  return points;
}

/** The last numeric value of a metric in a run's final history. */
export function lastValue(lines: MetricLine[], key: string): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (typeof lines[i][key] === 'number') return lines[i][key] as number;
  return undefined;
}

export function readYaml<T>(file: string): T {
  return parseYaml(fs.readFileSync(file, 'utf8'), { strict: true, uniqueKeys: true }) as T;
}

export function readEvent(file: string): LabEventJson {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LabEventJson;
}

export function readProposal(file: string): { front: ProposalFront; body: string } {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no YAML front matter`);
  return { front: parseYaml(match[1], { strict: true, uniqueKeys: true }) as ProposalFront, body: match[2] };
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function sampleSd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

export function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
    const ranks = new Array<number>(v.length);
    order.forEach((o, r) => (ranks[o.index] = r));
    return ranks;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Least-squares slope of y on x. */
export function slope(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}
