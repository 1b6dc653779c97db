// A lab store whose every word is known, for the search and "Tried before?" tests: proposals with
// words in titles, bodies and front matter, decisions and comments, an ablation and runs with config
// and tags. Written as files in the store format and synced by the real sync engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export function writeStoreFile(root: string, rel: string, text: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export function proposalFile(fields: Record<string, string>, body: string): string {
  const front = Object.entries(fields).map(([key, value]) => `${key}: ${value}`).join('\n');
  return `---\n${front}\n---\n${body}\n`;
}

const TEAM = `areas: [model, data, infra]
people:
  - {id: ana, name: Ana Ruiz, area: model}
  - {id: raj, name: Raj Patel, area: data}
  - {id: kim, name: Kim Park, area: infra}
`;

export const PROPOSALS: Record<string, string> = {
  'p-mtp': proposalFile(
    { id: 'p-mtp', title: 'Multi-token prediction head', owner: 'ana', area: 'model', kind: 'exploratory', status: 'active', created: '2026-09-14', 'compute_budget': '{chip_hours: 20000}' },
    'Predict two future tokens with extra heads. On the 1B ladder the zanzibar gain held at 400M.',
  ),
  'p-dedup': proposalFile(
    { id: 'p-dedup', title: 'Deduplicate the web crawl', owner: 'raj', area: 'data', kind: 'critical-path', status: 'active', created: '2026-08-01' },
    'Near-duplicate removal should improve next-token prediction on the held-out set.',
  ),
  'p-warmup': proposalFile(
    { id: 'p-warmup', title: 'Longer warmup for large batches', owner: 'kim', area: 'infra', kind: 'exploratory', status: 'active', created: '2026-07-01' },
    'Use a longer warmup with cosine decay when the batch grows past 4M tokens.',
  ),
  'p-sweep': proposalFile(
    { id: 'p-sweep', title: 'Learning rate sweep at 7B', owner: 'ana', area: 'model', kind: 'critical-path', status: 'active', created: '2026-10-20' },
    'Sweep the peak learning rate over five values on the 7B model.',
  ),
  'p-md': proposalFile(
    { id: 'p-md', title: 'Sprint plan', owner: 'ana', area: 'model', kind: 'exploratory', status: 'proposed', created: '2026-11-05' },
    '## Plan\n\n| Stage | Budget |\n|---|---:|\n| pelican sprint | 400 |\n\nSee [the write-up](https://example.org/notes) and **bold** claims.',
  ),
  'p-odd': proposalFile(
    { id: 'p-odd', title: 'Odd symbols in notes', owner: 'kim', area: 'infra', kind: 'exploratory', status: 'proposed', created: '2026-11-02' },
    'Build flags: c++ "quoted words" foo:bar (paren NEAR(x y) caret^ star* minus-sign OR AND NOT.',
  ),
};

function event(id: string, fields: Record<string, unknown>): [string, string] {
  const month = String(fields.at).slice(5, 7);
  return [`events/2026/${month}/${id}.json`, JSON.stringify({ id, ...fields })];
}

export const EVENTS: [string, string][] = [
  event('01JA0000000000000000000001', { at: '2026-10-10T09:00:00Z', author: 'raj', type: 'decision', target: 'p-warmup', decision: 'drop', rationale: 'Warmup gains vanish above 1B and add two knobs.' }),
  event('01JA0000000000000000000002', { at: '2026-11-12T09:00:00Z', author: 'ana', type: 'decision', target: 'p-sweep', decision: 'park', rationale: 'No compute left this quarter; revisit after launch.' }),
  event('01JA0000000000000000000003', { at: '2026-10-05T09:00:00Z', author: 'kim', type: 'comment', target: 'p-mtp', text: 'Check the extra heads at 7B before adopting.' }),
  event('01JA0000000000000000000004', { at: '2026-10-06T09:00:00Z', author: 'kim', type: 'comment', target: 'r-2', text: 'Loss spike at step 900 from a bad shard.' }),
];

export const ABLATION = `id: abl-mtp
title: MTP with two heads
question: Does multi-token prediction lower eval loss at matched tokens?
proposal: p-mtp
owner: ana
metric: eval/c4/loss
compare_at: tokens
baseline: baseline
`;

export const RUNS: Record<string, Record<string, unknown>> = {
  'r-1': { id: 'r-1', name: 'ladder 1B baseline', created_at: '2026-10-01T00:00:00Z', owner: 'ana', group: 'ladder-v3', proposal: 'p-mtp', ablation: 'abl-mtp', variant: 'baseline', config: { optimizer: 'adamw', lr: 0.0003 }, tags: ['ladder', 'baseline'] },
  'r-2': { id: 'r-2', name: 'mtp-2 1B', created_at: '2026-10-02T00:00:00Z', owner: 'ana', group: 'ladder-v3', proposal: 'p-mtp', ablation: 'abl-mtp', variant: 'mtp-2', config: { optimizer: 'lionheart', lr: 0.0003 }, tags: ['mtp'] },
  'r-3': { id: 'r-3', name: 'dedup crawl 400M', created_at: '2026-08-15T00:00:00Z', owner: 'raj', group: 'dedup', proposal: 'p-dedup', config: { optimizer: 'adamw', dedup_threshold: 0.8 }, tags: ['data'] },
};

export interface SearchLab {
  root: string;
  cache: CacheDatabase;
  sync(): Promise<void>;
}

export async function createSearchLab(): Promise<SearchLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-search-'));
  const root = path.join(dir, 'store');
  writeStoreFile(root, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Search lab' }));
  writeStoreFile(root, 'team.yaml', TEAM);
  for (const [id, text] of Object.entries(PROPOSALS)) writeStoreFile(root, `proposals/${id}.md`, text);
  for (const [rel, text] of EVENTS) writeStoreFile(root, rel, text);
  writeStoreFile(root, 'ablations/abl-mtp.yaml', ABLATION);
  for (const [id, run] of Object.entries(RUNS)) writeStoreFile(root, `runs/${id}/run.json`, JSON.stringify(run));
  writeStoreFile(root, 'runs/r-3/status.json', JSON.stringify({ state: 'failed', updated_at: '2026-08-16T00:00:00Z' }));
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  const lab: SearchLab = {
    root,
    cache,
    async sync() {
      const summary = await syncFolder(cache, root);
      if (summary.issues.length > 0) throw new Error(`search lab: sync issues ${JSON.stringify(summary.issues)}`);
    },
  };
  await lab.sync();
  return lab;
}
