// TensorBoard import throughput: a generated log directory (200 MB by default, TESSERA_BENCH_TB_MB to
// change) read through the full reader (framing, both CRCs, Event decoding, scalar extraction), and
// imported into a SQLite cache by the sync (points, series, chart summaries, cursors), beside its
// limit: reading the same bytes and checking their CRCs only, and reading the bytes at all.

import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow } from '../bench-row';
import { listLocalTree, localFileAccess } from '../../electron/core/sources/local-files';
import { maskedCrc32c } from '../../electron/core/sources/codec/crc32';
import { discoverTensorboardRuns, type TensorboardRun } from '../../electron/core/sources/tensorboard/run-discovery';
import { initialTensorboardRunCursor, readTensorboardRun } from '../../electron/core/sources/tensorboard/run-reader';
import { TfRecordReader } from '../../electron/core/sources/tensorboard/tfrecord-reader';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { openSeriesChunk, type OpenChunk } from '../../electron/core/points/open-chunk';
import { STEPS, TIMES, TOKENS, VALUES } from '../../electron/core/points/point-chunk';
import { LocalFolderTransport } from '../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../electron/core/sync/sync-store';

const SECTION = 'tensorboard';
const RUNS = 4;
const TARGET_MBS = 50;
const TAGS = ['train/loss', 'train/lr', 'train/grad_norm', 'eval/c4/loss', 'eval/heldout/loss', 'perf/tokens_per_s'];

/** Appends one framed record holding `payload[0, length)` to `out` at `at`; returns the new end. */
function frame(out: Buffer, at: number, payload: Buffer, length: number): number {
  out.writeUInt32LE(length, at);
  out.writeUInt32LE(0, at + 4);
  out.writeUInt32LE(maskedCrc32c(out, at, at + 8), at + 8);
  payload.copy(out, at + 12, 0, length);
  out.writeUInt32LE(maskedCrc32c(out, at + 12, at + 12 + length), at + 12 + length);
  return at + 16 + length;
}

function writeVarint(buf: Buffer, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[at++] = v;
  return at;
}

/** One Event with one scalar value, in the encoding mix real directories have. */
function scalarEvent(buf: Buffer, step: number, tag: Buffer, value: number, encoding: number): number {
  const value_ = Buffer.allocUnsafe(64);
  let v = 0;
  value_[v++] = 0x0a;
  value_[v++] = tag.length;
  tag.copy(value_, v);
  v += tag.length;
  if (encoding === 0) {
    value_[v++] = 0x15; // simple_value
    value_.writeFloatLE(value, v);
    v += 4;
  } else {
    // metadata {plugin_data {plugin_name "scalars"}} then tensor {dtype, shape {}, content or float_val}
    value_.set([0x4a, 0x0b, 0x0a, 0x09, 0x0a, 0x07, ...Buffer.from('scalars')], v);
    v += 13;
    value_.set(encoding === 1 ? [0x42, 0x0a, 0x08, 0x01, 0x12, 0x00, 0x22, 0x04] : [0x42, 0x0a, 0x08, 0x01, 0x12, 0x00, 0x2a, 0x04], v);
    v += 8;
    value_.writeFloatLE(value, v);
    v += 4;
  }
  let e = 0;
  buf[e++] = 0x09;
  buf.writeDoubleLE(1_700_000_000 + step * 0.5, e);
  e += 8;
  buf[e++] = 0x10;
  e = writeVarint(buf, e, step);
  buf[e++] = 0x2a;
  buf[e++] = v + 2;
  buf[e++] = 0x0a;
  buf[e++] = v;
  value_.copy(buf, e, 0, v);
  return e + v;
}

/** An Event with an old-style histogram (30 buckets), which the reader must skip. */
function histogramEvent(): Buffer {
  const doubles = (n: number): Buffer => {
    const b = Buffer.alloc(n * 8);
    for (let i = 0; i < n; i++) b.writeDoubleLE(i * 0.1, i * 8);
    return b;
  };
  const field = (key: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([key]), varintBytes(body.length), body]);
  const histo = Buffer.concat([field(0x32, doubles(30)), field(0x3a, doubles(30))]);
  const value = Buffer.concat([field(0x0a, Buffer.from('weights')), field(0x2a, histo)]);
  const wallTime = Buffer.alloc(9);
  wallTime[0] = 0x09;
  wallTime.writeDoubleLE(1_700_000_000, 1);
  return Buffer.concat([wallTime, field(0x2a, field(0x0a, value))]);
}

function varintBytes(value: number): Buffer {
  const b = Buffer.alloc(10);
  return b.subarray(0, writeVarint(b, 0, value));
}

function generateLogdir(root: string, totalBytes: number): number {
  const perRun = Math.ceil(totalBytes / RUNS);
  const tags = TAGS.map((t) => Buffer.from(t));
  const histogram = histogramEvent();
  const event = Buffer.allocUnsafe(256);
  let records = 0;
  for (let r = 0; r < RUNS; r++) {
    const path = join(root, `ladder/run-${r}/events.out.tfevents.17000000${10 + r}.bench.1.0`);
    mkdirSync(join(root, `ladder/run-${r}`), { recursive: true });
    const fd = openSync(path, 'w');
    const out = Buffer.allocUnsafe(8 * 1024 * 1024);
    let at = 0;
    let written = 0;
    for (let step = 0; written + at < perRun; step++) {
      for (let t = 0; t < tags.length; t++) {
        const length = scalarEvent(event, step, tags[t]!, 3 - step * 1e-6 + t, (step + t) % 3);
        at = frame(out, at, event, length);
        records++;
      }
      if (step % 500 === 0) {
        at = frame(out, at, histogram, histogram.length);
        records++;
      }
      if (at > out.length - 4096) {
        writeSync(fd, out, 0, at);
        written += at;
        at = 0;
      }
    }
    writeSync(fd, out, 0, at);
    closeSync(fd);
  }
  return records;
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

async function best<T>(times: number, work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  let fastest: { seconds: number; result: T } | undefined;
  for (let i = 0; i < times; i++) {
    const t = await timed(work);
    if (!fastest || t.seconds < fastest.seconds) fastest = t;
  }
  return fastest!;
}

/**
 * Seconds to append `points` points straight into point chunks as the sync orders them (6 tags per step,
 * 4 runs one after another): encoding and writing alone, no decoding, statistics or chart summaries.
 */
function plainAppendSeconds(points: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-tb-insert-'));
  const cache = openCacheDatabase({ file: join(dir, 'cache.sqlite'), migrationsDir: resolve(process.cwd(), 'migrations') });
  try {
    const { sqlite } = cache;
    const perRun = Math.ceil(points / RUNS);
    const chunks: OpenChunk[] = [];
    for (let run = 0; run < RUNS; run++) {
      const runPk = Number(sqlite.prepare("INSERT INTO runs (id, created_at, raw_json, source, synced_at) VALUES (?, '2026-10-01', '{}', 'tensorboard', '2026-10-01')").run(`tb-${run}`).lastInsertRowid);
      for (const tag of TAGS) {
        const pk = Number(sqlite.prepare('INSERT INTO series (run_pk, key) VALUES (?, ?)').run(runPk, tag).lastInsertRowid);
        chunks.push(openSeriesChunk(sqlite, pk, STEPS | VALUES | TOKENS | TIMES));
      }
    }
    const started = process.hrtime.bigint();
    for (let run = 0; run < RUNS; run++) {
      let done = 0;
      while (done < perRun) {
        const batch = Math.min(16_384, perRun - done);
        sqlite.transaction(() => {
          for (let i = done; i < done + batch; i++) chunks[run * TAGS.length + (i % TAGS.length)]!.append(Math.floor(i / TAGS.length), Math.fround(3 - i * 1e-7), NaN, 1_700_000_000 + i);
          for (const chunk of chunks) chunk.flush();
        })();
        done += batch;
      }
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runTensorboardBench(): Promise<BenchRow[]> {
  const megabytes = Number(process.env.TESSERA_BENCH_TB_MB ?? 200);
  const root = mkdtempSync(join(tmpdir(), 'tessera-bench-tb-'));
  try {
    const records = generateLogdir(root, megabytes * 1024 * 1024);
    const access = localFileAccess(root);
    const runs: TensorboardRun[] = discoverTensorboardRuns(await listLocalTree(root));
    const bytes = runs.reduce((sum, run) => sum + run.files.reduce((s, f) => s + f.size, 0), 0);
    const mb = bytes / 1e6;

    const rawRead = await best(2, async () => {
      let n = 0;
      for (const run of runs) for (const f of run.files) for await (const chunk of access.readFrom(f.path, 0)) n += chunk.length;
      return n;
    });
    const crcOnly = await best(2, async () => {
      let n = 0;
      const visitor = { record: () => void n++, problem: () => undefined };
      for (const run of runs) {
        for (const f of run.files) {
          const reader = new TfRecordReader();
          for await (const chunk of access.readFrom(f.path, 0)) reader.push(chunk, visitor);
        }
      }
      return n;
    });
    const imported = await best(2, async () => {
      let points = 0;
      let issues = 0;
      for (const run of runs) {
        for await (const batch of readTensorboardRun(run, initialTensorboardRunCursor(), access)) {
          points += batch.points.length;
          issues += batch.issues.length;
        }
      }
      return { points, issues };
    });

    // The whole import into a fresh cache, as the sync worker does it, then a pass with nothing new.
    const cacheDir = mkdtempSync(join(tmpdir(), 'tessera-bench-tb-cache-'));
    const cache = openCacheDatabase({ file: join(cacheDir, 'cache.sqlite'), migrationsDir: resolve(process.cwd(), 'migrations') });
    const sync = () => syncStore({ db: cache, transport: new LocalFolderTransport(root), format: 'tensorboard' });
    let synced: { seconds: number; result: Awaited<ReturnType<typeof sync>> };
    let noop: { seconds: number; result: Awaited<ReturnType<typeof sync>> };
    try {
      synced = await timed(sync);
      noop = await timed(sync);
    } finally {
      cache.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
    const insertOnly = plainAppendSeconds(synced.result.totals.points);
    if (synced.result.totals.points !== imported.result.points) {
      throw new Error(`the sync stored ${synced.result.totals.points} points, the reader decoded ${imported.result.points}`);
    }

    if (crcOnly.result !== records) throw new Error(`CRC pass saw ${crcOnly.result} records, ${records} were written`);
    if (imported.result.issues > 0) throw new Error(`import reported ${imported.result.issues} issues on clean files`);
    const importMBs = mb / imported.seconds;
    const crcMBs = mb / crcOnly.seconds;
    const ratio = importMBs / crcMBs;
    // Decoding a 50-100 byte Event costs several times its CRC; the target is what makes a first import
    // of a large log directory quick: 200 MB in under 4 s.
    const limit = `${crcMBs.toFixed(0)} MB/s read + CRC only; target ≥ ${TARGET_MBS} MB/s`;
    const note = `${mb.toFixed(0)} MB, ${RUNS} runs, ${records.toLocaleString('en-US')} records, ${imported.result.points.toLocaleString('en-US')} points`;
    const syncMBs = mb / synced.seconds;
    return [
      {
        section: SECTION,
        name: 'import into the SQLite cache (sync: decode, points, series, summaries, cursors)',
        value: syncMBs,
        unit: 'MB/s',
        limit: `${crcMBs.toFixed(0)} MB/s read + CRC only`,
        note:
          `${((syncMBs / crcMBs) * 100).toFixed(1)} % of the read + CRC limit, ${((insertOnly / synced.seconds) * 100).toFixed(0)} % of the plain-append limit; ` +
          `${(synced.result.totals.points / synced.seconds / 1e6).toFixed(2)} M points/s; ${synced.seconds.toFixed(1)} s`,
      },
      {
        section: SECTION,
        name: 'limit: plain append of as many points into point chunks of a fresh cache',
        value: synced.result.totals.points / insertOnly / 1e6,
        unit: 'M points/s',
        note: `${insertOnly.toFixed(1)} s; no decoding, series statistics or chart summaries`,
      },
      { section: SECTION, name: 'sync again with nothing new', value: noop.seconds * 1000, unit: 'ms', note: `${noop.result.bytesRead} bytes read` },
      { section: SECTION, name: 'import (read, CRCs, decode scalars)', value: importMBs, unit: 'MB/s', limit, ok: importMBs >= TARGET_MBS, note: `${(ratio * 100).toFixed(0)} % of the limit; ${note}` },
      { section: SECTION, name: 'import records', value: records / imported.seconds, unit: 'records/s', limit: `${Math.round(records / crcOnly.seconds).toLocaleString('en-US')} records/s CRC only` },
      { section: SECTION, name: 'limit: read + CRC only', value: crcMBs, unit: 'MB/s', limit: `${(mb / rawRead.seconds).toFixed(0)} MB/s reading the bytes` },
      { section: SECTION, name: 'reading the bytes only', value: mb / rawRead.seconds, unit: 'MB/s', note: 'page cache warm' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
