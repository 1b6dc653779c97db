// Storage: what the compact columnar point storage costs and how fast it reads, each figure beside its
// limit: cache bytes per point (by table) on the large lab, the chart lab (20 × 1M points) and the year
// lab (300M+ points); a full-history read beside copying the same bytes; the first chart at a new
// smoothing weight; chart queries; the sync beside JSON.parse of the same files; the no-op re-sync; the
// peak memory of the year lab's first sync; the codec's own speed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeFloatColumn, encodeFloatColumn } from '../../electron/core/points/float-column-codec';
import { STEPS, VALUES } from '../../electron/core/points/point-chunk';
import { readSeriesPoints } from '../../electron/core/points/read-series-points';
import { getSeries } from '../../electron/core/queries/series/get-series';
import type { BenchRow } from '../bench-row';
import { bundleBenchChild, repoRoot, runBenchChild } from './bench-child';
import { BENCH_METRIC, createChartLab } from './chart-lab';
import { largeDemoLab, yearDemoLab } from './sync-bench-stores';

const SECTION = 'storage';
const CHART_RUNS = 20;
const CHART_POINTS = 1_000_000;
const WIDTH = 1200;
const BYTES_PER_POINT_LIMIT = 4;

interface SyncFigures {
  points: number;
  syncPoints: number;
  bytesRead: number;
  syncMs: number;
  noopMs: number;
  fileBytes: number;
  tables: { name: string; bytes: number }[];
  peakRssBytes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** "point_chunks 1.21, series_summary_chunks 0.20, …" bytes per point of each table or index over 1 %. */
function perTable(tables: { name: string; bytes: number }[], points: number): string {
  const total = tables.reduce((sum, t) => sum + t.bytes, 0);
  return tables
    .filter((t) => t.bytes > total / 100)
    .map((t) => `${t.name} ${(t.bytes / points).toFixed(2)}`)
    .join(', ');
}

/** Reading every metrics.jsonl of a store and JSON.parse of every line, nothing else: values per second. */
function jsonParseRate(store: string): { rate: number; seconds: number } {
  const started = performance.now();
  let values = 0;
  for (const run of fs.readdirSync(path.join(store, 'runs'))) {
    const file = path.join(store, 'runs', run, 'metrics.jsonl');
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line.length === 0) continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      for (const key in row) if (key !== 'step' && key !== 'tokens' && key !== 'time' && row[key] !== null) values++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { rate: values / seconds, seconds };
}

function bytesRow(lab: string, f: { points: number; fileBytes: number; tables: { name: string; bytes: number }[] }, limited: boolean): BenchRow {
  const perPoint = f.fileBytes / f.points;
  return {
    section: SECTION,
    name: `cache bytes per point, ${lab} (${(f.points / 1e6).toFixed(1)}M points, ${(f.fileBytes / 1e6).toFixed(0)} MB; summaries and indexes included)`,
    value: perPoint,
    unit: 'B/point',
    ...(limited ? { limit: `≤ ${BYTES_PER_POINT_LIMIT}`, ok: perPoint <= BYTES_PER_POINT_LIMIT } : {}),
    note: `by table: ${perTable(f.tables, f.points)}`,
  };
}

function codecRows(): BenchRow[] {
  // A logged loss: 4 decimals, a slow trend and noise; 2,000 chunks' worth.
  let x = 3.2;
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const chunks = Array.from({ length: 2000 }, () => Float64Array.from({ length: 4096 }, () => Math.round((x += (random() - 0.5005) * 0.004) * 1e4) / 1e4));
  const values = chunks.length * 4096;
  let encoded: Uint8Array[] = [];
  const encodeMs = timeMs(() => (encoded = chunks.map((c) => encodeFloatColumn(c))));
  const out = new Float64Array(4096);
  const decodeMs = Math.min(...Array.from({ length: 3 }, () => timeMs(() => encoded.forEach((e) => decodeFloatColumn(e, 4096, out)))));
  const bytes = encoded.reduce((sum, e) => sum + e.length, 0);
  return [
    { section: SECTION, name: 'codec encode, a logged loss (4 decimals)', value: values / encodeMs / 1e3, unit: 'M values/s', note: `${(bytes / values).toFixed(2)} B/value` },
    { section: SECTION, name: 'codec decode, same values', value: values / decodeMs / 1e3, unit: 'M values/s' },
  ];
}

async function chartLabRows(): Promise<BenchRow[]> {
  const migrationsDir = path.join(repoRoot, 'migrations');
  const lab = createChartLab(migrationsDir, CHART_RUNS, CHART_POINTS);
  const { sqlite } = lab.cache;
  try {
    const points = CHART_RUNS * CHART_POINTS;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const tables = sqlite.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
    const fileBytes = fs.statSync(lab.cache.file).size;

    const readMs = Math.min(...Array.from({ length: 3 }, () => timeMs(() => lab.seriesPks.forEach((pk) => readSeriesPoints(sqlite, pk, {}, STEPS | VALUES)))));
    // The limit: the same stored bytes read from SQLite and copied into a Float64Array's memory, no decoding;
    // and copying the decoded steps and values (16 bytes a point) from one Float64Array to another.
    const blobs = sqlite.prepare('SELECT data FROM point_chunks WHERE series_pk = ? ORDER BY chunk').pluck();
    const stored = new Float64Array(Math.ceil(tables.find((t) => t.name === 'point_chunks')!.bytes / 8) + 1);
    const blobMs = Math.min(
      ...Array.from({ length: 3 }, () =>
        timeMs(() => {
          const bytes = new Uint8Array(stored.buffer);
          let at = 0;
          for (const pk of lab.seriesPks) {
            for (const blob of blobs.iterate(pk) as IterableIterator<Buffer>) {
              bytes.set(blob, at);
              at += blob.length;
            }
          }
        }),
      ),
    );
    const decoded = new Float64Array(points * 2);
    const copy = new Float64Array(points * 2);
    const copyMs = Math.min(...Array.from({ length: 3 }, () => timeMs(() => copy.set(decoded))));

    const noTrust = () => null;
    const query = (from: number, to: number, smoothing = 0) =>
      getSeries(sqlite, { runIds: lab.runIds, metrics: [BENCH_METRIC], width: WIDTH, from, to, x: 'step', xLog: false, smoothing }, noTrust);
    const smoothFirst = timeMs(() => query(0, CHART_POINTS - 1, 0.77));
    const fullFirst = timeMs(() => query(0, CHART_POINTS - 1));
    const full = median(Array.from({ length: 15 }, () => timeMs(() => query(0, CHART_POINTS - 1))));
    const zooms: number[] = [];
    for (let i = 1; i < 15; i++) {
      const span = CHART_POINTS * (0.05 + (0.9 * ((i * 37) % 100)) / 100);
      const from = ((CHART_POINTS - span) * ((i * 61) % 100)) / 100;
      zooms.push(timeMs(() => query(from, from + span)));
    }
    const zoom = median(zooms);
    const readRate = points / (readMs / 1000);
    return [
      bytesRow('chart lab, 20 × 1M', { points, fileBytes, tables }, false),
      {
        section: SECTION,
        name: 'full-history read, 20 × 1M points (steps and values decoded into Float64Arrays)',
        value: readRate / 1e6,
        unit: 'M points/s',
        limit: '≥ 50',
        ok: readRate >= 50e6,
        note: `${readMs.toFixed(0)} ms; the stored blobs read and copied, no decoding: ${(points / blobMs / 1e3).toFixed(0)} M points/s; copying the decoded 16 B/point: ${(points / copyMs / 1e3).toFixed(0)} M points/s`,
      },
      { section: SECTION, name: 'first chart at a new smoothing weight, 20 × 1M points, full range', value: smoothFirst, unit: 'ms', limit: '< 300', ok: smoothFirst < 300 },
      { section: SECTION, name: `chart query p50, 20 × 1M points, full range, ${WIDTH} px`, value: full, unit: 'ms', limit: '< 30', ok: full < 30, note: `first ask ${fullFirst.toFixed(0)} ms` },
      { section: SECTION, name: 'chart query p50, zoomed ranges (5–95 % of the run), each asked the first time', value: zoom, unit: 'ms', limit: '< 30', ok: zoom < 30 },
    ];
  } finally {
    lab.cache.close();
    fs.rmSync(lab.dir, { recursive: true, force: true });
  }
}

async function syncRows(script: string, workDir: string): Promise<BenchRow[]> {
  const migrationsDir = path.join(repoRoot, 'migrations');
  const large = await largeDemoLab();
  const parse = jsonParseRate(large);
  const l = await runBenchChild<SyncFigures>(script, [large, path.join(workDir, 'large.sqlite'), migrationsDir]);
  const syncRate = l.syncPoints / (l.syncMs / 1000);
  const ratio = syncRate / parse.rate;
  const rows: BenchRow[] = [
    bytesRow('large lab', l, true),
    {
      section: SECTION,
      name: `first sync of the large lab (${(l.bytesRead / 1e6).toFixed(0)} MB of files)`,
      value: syncRate / 1e6,
      unit: 'M points/s',
      limit: `≥ 0.5 × ${(parse.rate / 1e6).toFixed(2)} (JSON.parse of the same files alone)`,
      ok: ratio >= 0.5,
      note: `${(l.syncMs / 1000).toFixed(1)} s, ${ratio.toFixed(2)} × the parse rate (${parse.seconds.toFixed(1)} s)`,
    },
    { section: SECTION, name: 'no-op re-sync of the large lab', value: l.noopMs, unit: 'ms', limit: '< 1000', ok: l.noopMs < 1000 },
  ];
  if (process.env.TESSERA_BENCH_SKIP_YEAR) return rows;
  const year = await yearDemoLab();
  const y = await runBenchChild<SyncFigures>(script, [year, path.join(workDir, 'year.sqlite'), migrationsDir]);
  const peakMb = y.peakRssBytes / (1024 * 1024);
  return [
    ...rows,
    bytesRow('year lab', y, true),
    { section: SECTION, name: 'first sync of the year lab', value: y.syncPoints / y.syncMs / 1e3, unit: 'M points/s', note: `${(y.syncMs / 1000).toFixed(0)} s, ${(y.bytesRead / 1e9).toFixed(1)} GB of files` },
    { section: SECTION, name: 'peak memory (RSS high-water) of the year lab’s first sync', value: peakMb, unit: 'MB', limit: '< 500', ok: peakMb < 500 },
    { section: SECTION, name: 'no-op re-sync of the year lab', value: y.noopMs, unit: 'ms', limit: '< 1000', ok: y.noopMs < 1000 },
  ];
}

export async function runStorageBench(): Promise<BenchRow[]> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-storage-'));
  const bundleDir = path.join(repoRoot, 'node_modules', '.cache', 'tessera-bench', `storage-${process.pid}`);
  try {
    const script = await bundleBenchChild('bench/sections/storage-sync-child.ts', bundleDir);
    return [...codecRows(), ...(await chartLabRows()), ...(await syncRows(script, workDir))];
  } finally {
    fs.rmSync(bundleDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
