// Writes one run's folder in the order a training job does: run.json at launch, metrics as it
// trains, status.json last.
import fs from 'node:fs';
import path from 'node:path';
import { writeRunMetrics } from './metrics-writer';
import { runJson, statusJson } from './run-files';
import type { RunPlan } from './run-plan';

/** Returns the bytes written. */
export function writeDemoRun(run: RunPlan, storeRoot: string, seed: number): number {
  const dir = path.join(storeRoot, 'runs', run.id);
  fs.mkdirSync(dir, { recursive: true });
  const runText = runJson(run);
  fs.writeFileSync(path.join(dir, 'run.json'), runText, { flag: 'wx' });
  const metricsBytes = writeRunMetrics(run, path.join(dir, 'metrics.jsonl'), seed);
  const statusText = statusJson(run);
  fs.writeFileSync(path.join(dir, 'status.json'), statusText, { flag: 'wx' });
  return Buffer.byteLength(runText) + metricsBytes + Buffer.byteLength(statusText);
}
