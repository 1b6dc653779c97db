// Larger stores for the crash test: many runs of many lines, with restarts, non-finite values,
// a few malformed lines and partial last lines, generated deterministically from a seed.
import fs from 'node:fs';
import path from 'node:path';
import { createSeededRandom } from '../../../../shared/random/seeded-random';
import { runJson } from './lab-store-fixture';

export interface GeneratedRunsOptions {
  runs: number;
  linesPerRun: number;
  metricsPerLine: number;
  seed: number;
}

export function writeGeneratedRuns(root: string, options: GeneratedRunsOptions): void {
  const random = createSeededRandom(options.seed).next;
  const keys = Array.from({ length: options.metricsPerLine }, (_, i) => (i === 0 ? 'train/loss' : `eval/set-${i}/loss`));
  for (let r = 0; r < options.runs; r++) {
    const id = `gen-${String(r).padStart(4, '0')}`;
    const dir = path.join(root, 'runs', id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'run.json'), runJson(id, { group: `g${r % 5}`, model: { params: 1e8 * (1 + (r % 7)) }, data: { tokens: 2e9 } }));
    const restartAt = r % 4 === 1 ? Math.floor(options.linesPerRun * 0.6) : -1;
    const lines: string[] = [];
    let step = 0;
    for (let i = 0; i < options.linesPerRun; i++) {
      if (i === restartAt) step = Math.max(0, step - 37 * 10);
      const record: Record<string, unknown> = { step, tokens: step * 4096, time: 1764412800 + step };
      for (const key of keys) {
        const x = random();
        record[key] = x < 0.002 ? 'NaN' : x < 0.003 ? 'Infinity' : x < 0.1 ? null : Math.round((3 + random()) * 1e6) / 1e6;
      }
      lines.push(JSON.stringify(record));
      if (r % 9 === 2 && i % 500 === 7) lines.push('{"step": broken');
      step += 10;
    }
    const partial = r % 6 === 3 ? `{"step": ${step}, "train/loss": 1.2` : '';
    fs.writeFileSync(path.join(dir, 'metrics.jsonl'), `${lines.join('\n')}\n${partial}`);
    fs.writeFileSync(path.join(dir, 'status.json'), JSON.stringify({ state: r % 3 === 0 ? 'running' : 'finished', updated_at: '2026-11-01T00:00:00Z' }));
  }
}
