// Store fuzzing: copies of a demo lab with random damage — flipped bytes, truncation, inserted
// garbage, duplicated and reordered lines — in any of its files. Every sync must complete; nothing
// may vanish silently (a damaged document either lands or is a sync issue naming its file, a
// metrics line that is not JSON is an issue at its line); the cache stays consistent and a second
// pass changes nothing; and every run whose files were not touched keeps exactly the history a
// clean sync of the original gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { generateDemoLab } from '../../../electron/core/demo/index';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { SyncSummary } from '../../../electron/core/sync/sync-summary';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { fingerprintDatabase, migrationsDir } from '../../helpers/api-fuzz-lab';
import { orphanChunks, seriesPointRows } from '../../helpers/cache-points';

const CASES = 30;
const KEPT_RUNS = 16;

type Damage = 'flip-bytes' | 'truncate' | 'insert-garbage' | 'duplicate-lines' | 'reorder-lines';
const DAMAGES: Damage[] = ['flip-bytes', 'truncate', 'insert-garbage', 'duplicate-lines', 'reorder-lines'];

const GARBAGE = [
  'not json at all\n',
  '{"step": -1, "train/loss": 2.5}\n',
  '{"step": 12, "train/loss": "low"}\n',
  '{"step": 1e400}\n',
  '{\n',
  ']]]}}}',
  '\u0000\u0000\u0000',
  '\n\n\n',
  ': : : -\n',
  '---\n',
  '\uFEFF',
  '"\\ud800"',
];

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** Splits into lines that keep their "\n", so joining gives the bytes back. */
function linesOf(buffer: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) {
    lines.push(buffer.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < buffer.length) lines.push(buffer.subarray(start));
  return lines;
}

function damage(buffer: Buffer, kind: Damage, rng: () => number): Buffer {
  const out = Buffer.from(buffer);
  const at = () => Math.floor(rng() * out.length);
  switch (kind) {
    case 'flip-bytes': {
      const flips = 1 + Math.floor(rng() * 8);
      for (let i = 0; i < flips && out.length > 0; i++) out[at()] ^= 1 + Math.floor(rng() * 255);
      return out;
    }
    case 'truncate':
      return out.subarray(0, at());
    case 'insert-garbage': {
      const offset = at();
      const garbage = rng() < 0.5 ? Buffer.from(pick(rng, GARBAGE)) : Buffer.from(Array.from({ length: 1 + Math.floor(rng() * 64) }, () => Math.floor(rng() * 256)));
      return Buffer.concat([out.subarray(0, offset), garbage, out.subarray(offset)]);
    }
    case 'duplicate-lines': {
      const lines = linesOf(out);
      const from = Math.floor(rng() * lines.length);
      const to = Math.min(lines.length, from + 1 + Math.floor(rng() * 20));
      return Buffer.concat([...lines.slice(0, to), ...lines.slice(from, to), ...lines.slice(to)]);
    }
    case 'reorder-lines': {
      const lines = linesOf(out);
      const from = Math.floor(rng() * lines.length);
      const window = lines.slice(from, from + 2 + Math.floor(rng() * 9));
      for (let i = window.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [window[i], window[j]] = [window[j]!, window[i]!];
      }
      return Buffer.concat([...lines.slice(0, from), ...window, ...lines.slice(from + window.length)]);
    }
  }
}

function listFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** Each run's history as the cache holds it: its series and every point, by natural keys. */
function runHistories(sqlite: CacheDatabase['sqlite']): Map<string, string> {
  const out = new Map<string, string>();
  const runs = sqlite.prepare('SELECT pk, id, last_step, point_count FROM runs ORDER BY id').all() as Array<{ pk: number; id: string; last_step: number | null; point_count: number }>;
  const series = sqlite.prepare('SELECT pk, key, point_count, last_step, last_value, non_finite_count FROM series WHERE run_pk = ? ORDER BY key');
  const safe = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
  for (const run of runs) {
    const parts = (series.all(run.pk) as Array<{ pk: number; key: string }>).map(({ pk, ...summary }) => ({ ...summary, points: seriesPointRows(sqlite, pk) }));
    out.set(run.id, JSON.stringify({ lastStep: run.last_step, pointCount: run.point_count, series: parts }, safe));
  }
  return out;
}

function present(sqlite: CacheDatabase['sqlite'], table: string, id: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}

/** Complete metrics lines (ending in "\n") that are not JSON objects: each must be an issue at its line. */
function unparseableMetricLines(buffer: Buffer): number[] {
  const bad: number[] = [];
  linesOf(buffer).forEach((line, index) => {
    if (line[line.length - 1] !== 10) return;
    const text = line.toString('utf8').trim();
    if (text === '') return;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) bad.push(index + 1);
    } catch {
      bad.push(index + 1);
    }
  });
  return bad;
}

/** Why a damaged file's content was neither kept nor reported, or null when it was one of them. */
function silentLoss(sqlite: CacheDatabase['sqlite'], summary: SyncSummary, file: string, content: Buffer): string | null {
  const issuesOf = summary.issues.filter((issue) => issue.path === file);
  if (issuesOf.length > 0) return null;
  const base = path.posix.basename(file);
  const id = base.replace(/\.(json|yaml|md)$/, '');
  if (file.startsWith('runs/')) {
    const runId = file.split('/')[1]!;
    if (base === 'run.json') return present(sqlite, 'runs', runId) ? null : `${file}: run ${runId} is missing and no issue names the file`;
    if (base === 'metrics.jsonl') {
      if (!present(sqlite, 'runs', runId)) return null;
      const lines = unparseableMetricLines(content);
      return lines.length > 0 ? `${file}: lines ${lines.join(', ')} are not JSON, yet no issue names the file` : null;
    }
    return null;
  }
  if (file.startsWith('ablations/')) return present(sqlite, 'ablations', id) ? null : `${file}: ablation ${id} is missing and no issue names the file`;
  if (file.startsWith('proposals/')) return present(sqlite, 'proposals', id) ? null : `${file}: proposal ${id} is missing and no issue names the file`;
  if (file.startsWith('events/')) return present(sqlite, 'events', id) ? null : `${file}: event ${id} is missing and no issue names the file`;
  if (file === 'team.yaml' && parseDocument(content.toString('utf8')).errors.length > 0) return `${file}: does not parse as YAML, yet no issue names it`;
  return null;
}

describe('sync of randomly damaged copies of a lab', () => {
  let dir: string;
  let original: string;
  let files: string[];
  let reference: Map<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-store-fuzz-'));
    original = path.join(dir, 'original');
    await generateDemoLab({ outDir: original, seed: 23, size: 'small', asOf: new Date('2025-06-02T00:00:00Z') });
    for (const run of fs.readdirSync(path.join(original, 'runs')).sort().slice(KEPT_RUNS)) fs.rmSync(path.join(original, 'runs', run), { recursive: true });
    files = listFiles(original).filter((file) => file !== 'tessera-store.json').sort();
    const cache = openCacheDatabase({ file: path.join(dir, 'reference.sqlite'), migrationsDir });
    try {
      await syncFolder(cache, original);
      reference = runHistories(cache.sqlite);
    } finally {
      cache.close();
    }
    expect(reference.size).toBe(KEPT_RUNS);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`completes, reports and keeps every untouched run exact, over ${CASES} damaged copies`, async () => {
    const rng = createSeededRandom(0x5eed).next;
    const problems: string[] = [];
    const tally = { files: 0, untouchedRuns: 0, issues: 0 };
    for (let n = 0; n < CASES; n++) {
      const copy = path.join(dir, `case-${n}`);
      fs.cpSync(original, copy, { recursive: true });
      const damaged = new Map<string, string>();
      const targets = 1 + Math.floor(rng() * 3);
      for (let t = 0; t < targets; t++) {
        // Half the damage goes to metrics files, where the histories are.
        const metrics = files.filter((file) => file.endsWith('metrics.jsonl'));
        const file = rng() < 0.5 ? pick(rng, metrics) : pick(rng, files);
        const kind = pick(rng, DAMAGES);
        fs.writeFileSync(path.join(copy, file), damage(fs.readFileSync(path.join(copy, file)), kind, rng));
        damaged.set(file, `${damaged.get(file) ? `${damaged.get(file)}+` : ''}${kind}`);
      }
      const label = `case ${n} (${[...damaged].map(([file, kind]) => `${file}: ${kind}`).join('; ')})`;
      tally.files += damaged.size;
      const cache = openCacheDatabase({ file: path.join(dir, `case-${n}.sqlite`), migrationsDir });
      try {
        const summary = await syncFolder(cache, copy).catch((error: Error) => {
          problems.push(`${label}: the sync failed: ${error.message}`);
          return null;
        });
        if (!summary) continue;
        tally.issues += summary.issues.length;
        for (const file of damaged.keys()) {
          const loss = silentLoss(cache.sqlite, summary, file, fs.readFileSync(path.join(copy, file)));
          if (loss) problems.push(`${label}: ${loss}`);
        }
        const orphans = cache.sqlite
          .prepare('SELECT count(*) FROM series WHERE run_pk NOT IN (SELECT pk FROM runs)')
          .pluck()
          .get() as number + orphanChunks(cache.sqlite);
        if (orphans > 0) problems.push(`${label}: ${orphans} orphan points or series`);
        const histories = runHistories(cache.sqlite);
        for (const [runId, history] of reference) {
          const touched = [...damaged.keys()].some((file) => file.startsWith(`runs/${runId}/`));
          if (touched) continue;
          tally.untouchedRuns++;
          if (histories.get(runId) !== history) problems.push(`${label}: untouched run ${runId} differs from the clean sync`);
        }
        const first = fingerprintDatabase(cache.file);
        await syncFolder(cache, copy);
        const second = fingerprintDatabase(cache.file);
        delete first.cache_state;
        delete second.cache_state;
        if (JSON.stringify(second) !== JSON.stringify(first)) problems.push(`${label}: a second sync of the same files changed the cache`);
      } finally {
        cache.close();
        fs.rmSync(copy, { recursive: true, force: true });
      }
    }
    expect(problems).toEqual([]);
    expect(tally.untouchedRuns).toBeGreaterThan(CASES * (KEPT_RUNS - 3));
    expect(tally.issues).toBeGreaterThan(0);
  });

  it('with a damaged store marker, either syncs the runs exactly and names the marker, or refuses the store saying why', async () => {
    const rng = createSeededRandom(0xacce55).next;
    const outcomes = new Set<string>();
    for (let n = 0; n < 8; n++) {
      const copy = path.join(dir, `marker-${n}`);
      fs.cpSync(original, copy, { recursive: true });
      const marker = path.join(copy, 'tessera-store.json');
      fs.writeFileSync(marker, damage(fs.readFileSync(marker), DAMAGES[n % 3]!, rng));
      const cache = openCacheDatabase({ file: path.join(dir, `marker-${n}.sqlite`), migrationsDir });
      try {
        const result = await syncFolder(cache, copy).then(
          (summary) => ({ summary, error: null }),
          (error: Error) => ({ summary: null, error }),
        );
        const shown = fs.readFileSync(marker, 'latin1');
        if (result.error) {
          outcomes.add('refused');
          expect(result.error.message, shown).toMatch(/tessera-store\.json|format version/);
          expect(cache.sqlite.prepare('SELECT count(*) FROM runs').pluck().get(), shown).toBe(0);
        } else {
          outcomes.add('synced');
          expect(runHistories(cache.sqlite), shown).toEqual(reference);
          const named = result.summary!.issues.some((issue) => issue.path === 'tessera-store.json');
          const stillValid = (() => {
            try {
              const parsed = JSON.parse(shown) as { format?: unknown; version?: unknown };
              return parsed.format === 'tessera-store' && parsed.version === 1;
            } catch {
              return false;
            }
          })();
          expect(named || stillValid, shown).toBe(true);
        }
      } finally {
        cache.close();
        fs.rmSync(copy, { recursive: true, force: true });
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
