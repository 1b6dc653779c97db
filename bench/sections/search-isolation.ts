// Search isolation benchmark: a lab whose store holds one 2 MB proposal of ordinary words (the kind of
// body that once took FTS5's highlight() minutes, on the thread answering every call). Figures: how
// long "Tried before?" and a common-word search take through the core, and how long a trivial call
// (getCacheCounts) waits while "Tried before?" runs back to back for every proposal — the core answers
// it itself, the searches run in their worker.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantileSorted } from '../../shared/stats/quantile';
import type { BenchRow } from '../bench-row';
import { createCoreService, type CoreService } from '../../electron/core/host/core-service';
import { ordinaryText, writeTextHeavyLab } from './search-bench-lab';

const SECTION = 'search-isolation';
const here = path.dirname(fileURLToPath(import.meta.url));
const HUGE_CHARS = 2_000_000;
const ctx = { transport: 'test', canWrite: false } as const;

async function timed(core: CoreService, method: string, input: unknown): Promise<number> {
  const t0 = performance.now();
  const result = await core.call(method, input, ctx);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return performance.now() - t0;
}

async function latencies(core: CoreService, method: string, input: unknown, n: number): Promise<{ p50: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(core, method, input));
  times.sort((a, b) => a - b);
  return { p50: quantileSorted(times, 0.5), max: times[times.length - 1]! };
}

export async function runSearchIsolationBench(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-search-isolation-'));
  const store = path.join(dir, 'store');
  writeTextHeavyLab(store, { runs: 300, proposals: 60, events: 200 });
  const huge = `---\nid: p-huge\ntitle: warmup schedule for the ladder\nowner: ana\nstatus: dropped\ncreated: 2026-01-02\n---\n${ordinaryText(HUGE_CHARS)}\n`;
  fs.writeFileSync(path.join(store, 'proposals', 'p-huge.md'), huge);
  const core = createCoreService({
    dbFile: path.join(dir, 'cache.sqlite'),
    storeUrl: store,
    migrationsDir: path.resolve(here, '..', '..', 'migrations'),
    settingsFile: path.join(dir, 'settings.json'),
    outboxDir: path.join(dir, 'outbox'),
    isDemo: false,
    watch: false,
    version: 'bench',
    workerDir: path.resolve(here, '..', 'core'),
    log: () => {},
  });
  const rows: BenchRow[] = [];
  try {
    await core.call('syncNow', {}, { transport: 'test', canWrite: true });
    const proposals = ((await core.call('listProposals', {}, ctx)) as { value: { proposals: { id: string }[] } }).value.proposals.map((p) => p.id);
    const note = `${proposals.length} proposals, one of ${(Buffer.byteLength(huge) / 1e6).toFixed(1)} MB of ordinary words`;
    const row = (name: string, t: { p50: number; max: number }, limitMs: number, extra: string): BenchRow => ({
      section: SECTION,
      name,
      value: t.max,
      unit: 'ms',
      limit: `< ${limitMs} ms`,
      ok: t.max < limitMs,
      note: `max; p50 ${t.p50.toFixed(1)} ms; ${extra}`,
    });
    rows.push(row('"Tried before?" of a proposal the 2 MB one resembles', await latencies(core, 'triedBefore', { proposalId: proposals.find((id) => id !== 'p-huge')! }, 5), 1000, note));
    rows.push(row('"Tried before?" of the 2 MB proposal itself', await latencies(core, 'triedBefore', { proposalId: 'p-huge' }, 5), 1000, note));
    rows.push(row('search "loss" (in every proposal)', await latencies(core, 'search', { query: 'loss', limit: 50 }, 5), 1000, note));

    // A trivial call, asked every 20 ms while "Tried before?" of every proposal runs back to back.
    let busy = true;
    let searches = 0;
    const load = (async () => {
      while (busy) {
        for (const id of proposals) {
          if (!busy) break;
          await core.call('triedBefore', { proposalId: id }, ctx);
          searches++;
        }
      }
    })();
    const waits: number[] = [];
    const until = performance.now() + 4000;
    while (performance.now() < until) {
      waits.push(await timed(core, 'getCacheCounts', {}));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    busy = false;
    await load;
    waits.sort((a, b) => a - b);
    rows.push({
      section: SECTION,
      name: 'getCacheCounts while "Tried before?" runs back to back, p95',
      value: quantileSorted(waits, 0.95),
      unit: 'ms',
      limit: '< 50 ms',
      ok: quantileSorted(waits, 0.95) < 50,
      note: `max ${waits[waits.length - 1]!.toFixed(1)} ms, p50 ${quantileSorted(waits, 0.5).toFixed(1)} ms; ${waits.length} calls over 4 s beside ${searches} "Tried before?"`,
    });
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
