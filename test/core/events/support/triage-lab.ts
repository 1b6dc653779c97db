// A small lab store for triage tests, written file by file as the format describes, and a core
// (cache, settings, an in-process sync over the real sync engine, the proposals handlers) on top of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerContext } from '../../../../electron/core/api/handlers';
import { createProposalsHandlers, type ProposalsDeps } from '../../../../electron/core/api/proposals-handlers';
import { createCoreEventWriter } from '../../../../electron/core/events/core-event-writer';
import type { Settings } from '../../../../electron/core/config/settings-file';
import { openCacheDatabase, type CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import type { EventWriter } from '../../../../electron/core/events/event-writer';
import { idleSyncProgress } from '../../../../electron/core/sync/sync-controller';
import { LocalFolderTransport } from '../../../../electron/core/store-access/local-folder-transport';
import { syncLabStore } from '../../../../electron/core/sync/sync-lab-store';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const migrationsDir = path.join(repoRoot, 'migrations');
export const testCtx: HandlerContext = { transport: 'test', canWrite: true };

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tessera-${prefix}-`));
}

function write(root: string, rel: string, text: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export interface FixtureRun {
  id: string;
  variant: string;
  seed: number;
  /** Final value of eval/c4/loss; the curve falls towards it. */
  final: number;
  /** Last token count logged (runs still training stop early). */
  tokens?: number;
  params?: number;
  chipHours?: number | null;
  ablation?: string;
  proposal?: string;
}

export function proposalMarkdown(fields: Record<string, string>, body: string): string {
  const front = Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  return `---\n${front}\n---\n${body}\n`;
}

/** Metrics that fall linearly to `final` over 1e9 tokens, logged every 1e8 tokens. */
export function writeRun(store: string, run: FixtureRun): void {
  const runJson: Record<string, unknown> = {
    id: run.id,
    created_at: '2026-10-01T00:00:00Z',
    owner: 'ana',
    ablation: run.ablation ?? 'abl-001',
    variant: run.variant,
    seed: run.seed,
    model: { params: run.params ?? 1e8 },
    data: { tokens: 1e9 },
  };
  if (run.proposal) runJson.proposal = run.proposal;
  if (run.chipHours !== null) runJson.compute = { chip_hours: run.chipHours ?? 100 };
  write(store, `runs/${run.id}/run.json`, JSON.stringify(runJson));
  const last = run.tokens ?? 1e9;
  const lines: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const tokens = k * 1e8;
    if (tokens > last) break;
    const value = run.final + (1 - tokens / 1e9) * 1.0;
    lines.push(JSON.stringify({ step: k * 100, tokens, 'eval/c4/loss': value }));
  }
  write(store, `runs/${run.id}/metrics.jsonl`, `${lines.join('\n')}\n`);
}

export interface TriageLabOptions {
  /** Extra proposals: id → [front matter fields, body]. */
  proposals?: Record<string, [Record<string, string>, string]>;
  runs?: FixtureRun[];
  compareAt?: 'step' | 'tokens' | 'flops';
}

export const DEFAULT_RUNS: FixtureRun[] = [
  { id: 'r-b1', variant: 'baseline', seed: 1, final: 3.0 },
  { id: 'r-b2', variant: 'baseline', seed: 2, final: 3.02 },
  { id: 'r-b3', variant: 'baseline', seed: 3, final: 2.98 },
  { id: 'r-v1', variant: 'mtp-2', seed: 1, final: 2.95 },
  { id: 'r-v2', variant: 'mtp-2', seed: 2, final: 2.96 },
  { id: 'r-v3', variant: 'mtp-2', seed: 3, final: 2.94, chipHours: null },
];

export function writeTriageLab(store: string, options: TriageLabOptions = {}): void {
  write(store, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Triage fixture lab' }));
  write(
    store,
    'team.yaml',
    [
      'areas: [model, data, infra, eval]',
      'people:',
      '  - {id: ana, name: Ana Ruiz, area: model}',
      '  - {id: raj, name: Raj Patel, area: model}',
      '  - {id: mei, name: Mei Chen, area: data}',
      '',
    ].join('\n'),
  );
  write(
    store,
    'ablations/abl-001.yaml',
    ['id: abl-001', 'title: Multi-token prediction, 2 heads', 'proposal: p-001', 'owner: ana', 'metric: eval/c4/loss', `compare_at: ${options.compareAt ?? 'tokens'}`, 'baseline: baseline', ''].join('\n'),
  );
  const proposals: Record<string, [Record<string, string>, string]> = {
    'p-001': [
      {
        id: 'p-001',
        title: 'Multi-token prediction head',
        owner: 'ana',
        area: 'model',
        kind: 'exploratory',
        status: 'active',
        created: '2026-09-14',
        compute_budget: '{chip_hours: 2000}',
        complexity: '{code: 3, knobs: 2, infra: 1, risk: 2, usability_tax: 0.05}',
      },
      'Why: predicting two tokens ahead may help.',
    ],
    'p-002': [
      { id: 'p-002', title: 'Bigger vocabulary', owner: 'mei', area: 'data', kind: 'critical-path', status: 'proposed', complexity: '{code: 1, knobs: 0, infra: 3, risk: 1, usability_tax: 0}' },
      'A 256k vocabulary.',
    ],
    ...options.proposals,
  };
  for (const [id, [fields, body]] of Object.entries(proposals)) write(store, `proposals/${id}.md`, proposalMarkdown(fields, body));
  for (const run of options.runs ?? DEFAULT_RUNS) writeRun(store, run);
}

export interface TestCore {
  deps: ProposalsDeps;
  cache: CacheDatabase;
  writer: EventWriter;
  handlers: ReturnType<typeof createProposalsHandlers>;
  settings: Settings;
  syncCount(): number;
  close(): void;
}

/** A core over `store` with its own cache and outbox (who writes is given with each write call). */
export function startTestCore(options: { store: string; dbFile: string; outboxDir: string }): TestCore {
  const cache = openCacheDatabase({ file: options.dbFile, migrationsDir });
  let settings: Settings = {};
  let syncs = 0;
  const transport = new LocalFolderTransport(options.store);
  const deps: ProposalsDeps = {
    cache,
    config: {
      dbFile: options.dbFile,
      storeUrl: options.store,
      migrationsDir,
      settingsFile: path.join(path.dirname(options.dbFile), 'settings.json'),
      outboxDir: options.outboxDir,
      isDemo: false,
      watch: false,
      version: 'test',
    },
    settings: {
      get: () => settings,
      update(patch) {
        settings = { ...settings, ...patch };
        return settings;
      },
    },
    sync: {
      progress: () => idleSyncProgress(),
      async syncNow() {
        syncs++;
        await syncLabStore({ db: cache, transport });
        return idleSyncProgress();
      },
      async close() {},
    },
    emit: () => {},
    log: () => {},
  };
  const writer = createCoreEventWriter(deps, 0);
  const handlers = createProposalsHandlers(deps, writer);
  return {
    deps,
    cache,
    writer,
    handlers,
    get settings() {
      return settings;
    },
    syncCount: () => syncs,
    close() {
      writer.close();
      cache.close();
    },
  };
}

/** Every event file in the store, parsed, by path. */
export function readStoreEvents(store: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const root = path.join(store, 'events');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) return out;
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(store, full).split(path.sep).join('/'), JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>);
    }
  };
  walk(root);
  return out;
}

/** Every file under a folder, relative, for "nothing else was left behind" checks. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
