// W&B history import: generated offline run folders (100 MB by default, TESSERA_BENCH_WANDB_MB to change)
// framed exactly as wandb frames them, read through the full reader (LevelDB framing, CRC-32, Record and
// JSON value decoding) and imported into a SQLite cache by the sync, in points/s, beside its limit:
// reading the same files and checking their framing and CRCs only.

import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow } from '../bench-row';
import { crc32 } from '../../electron/core/sources/codec/crc32';
import { listLocalTree, localFileAccess } from '../../electron/core/sources/local-files';
import { BLOCK_BYTES, LOG_HEADER, RECORD_HEADER_BYTES, RecordLogReader } from '../../electron/core/sources/wandb/record-log-reader';
import { WandbRunFileReader } from '../../electron/core/sources/wandb/run-file-reader';
import { discoverWandbRuns } from '../../electron/core/sources/wandb/run-discovery';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { LocalFolderTransport } from '../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../electron/core/sync/sync-store';

const SECTION = 'wandb';
const RUNS = 4;
const KEYS = ['train/loss', 'train/lr', 'train/grad_norm', 'eval/c4/loss', 'eval/heldout/loss', 'perf/tokens_per_s'];
const TYPE_CRC = [0, 1, 2, 3, 4].map((t) => crc32(Uint8Array.of(t)));

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const bytes = (field: number, body: ArrayLike<number>): number[] => [...varint((field << 3) | 2), ...varint(body.length), ...Array.from(body)];
const text = (field: number, s: string): number[] => bytes(field, Buffer.from(s));
const item = (key: string, json: string): number[] => bytes(1, [...text(2, key), ...text(16, json)]);

/** A history Record as wandb-core writes it: every key a nested_key item, the value as JSON, then the step. */
function historyRecord(num: number, step: number): Buffer {
  const items = KEYS.map((k, i) => item(k, String(3 - step * 1e-6 + i + (step % 7) * 1e-9)));
  items.push(item('_step', String(step)), item('_runtime', String(step * 0.25)), item('_timestamp', String(1_796_000_000 + step * 0.25)));
  return Buffer.from([...varint(8), ...varint(num), ...bytes(2, [...items.flat(), ...bytes(2, step === 0 ? [] : [...varint(8), ...varint(step)])])]);
}

/** Frames records into `out` from file offset `index`, as wandb's datastore does; returns the new offset. */
class Framer {
  index = 0;
  private readonly parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly fd: number) {
    this.write(Buffer.from(LOG_HEADER));
  }

  private write(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
    this.index += b.length;
    if (this.size > 4 * 1024 * 1024) this.flush();
  }

  private physical(type: number, data: Buffer): void {
    const head = Buffer.alloc(RECORD_HEADER_BYTES);
    head.writeUInt32LE(crc32(data, 0, data.length, TYPE_CRC[type]), 0);
    head.writeUInt16LE(data.length, 4);
    head[6] = type;
    this.write(head);
    this.write(data);
  }

  record(data: Buffer): void {
    let left = BLOCK_BYTES - (this.index % BLOCK_BYTES);
    if (left < RECORD_HEADER_BYTES) {
      this.write(Buffer.alloc(left));
      left = BLOCK_BYTES;
    }
    if (data.length + RECORD_HEADER_BYTES <= left) return this.physical(1, data);
    let used = left - RECORD_HEADER_BYTES;
    this.physical(2, data.subarray(0, used));
    while (data.length - used > BLOCK_BYTES - RECORD_HEADER_BYTES) {
      this.physical(3, data.subarray(used, used + BLOCK_BYTES - RECORD_HEADER_BYTES));
      used += BLOCK_BYTES - RECORD_HEADER_BYTES;
    }
    this.physical(4, data.subarray(used));
  }

  flush(): void {
    writeSync(this.fd, Buffer.concat(this.parts));
    this.parts.length = 0;
    this.size = 0;
  }
}

function generateRuns(root: string, totalBytes: number): { rows: number; points: number } {
  const perRun = Math.ceil(totalBytes / RUNS);
  let rows = 0;
  for (let r = 0; r < RUNS; r++) {
    const id = `bench${r}`;
    const dir = join(root, 'wandb', `offline-run-20261207_12000${r}-${id}`);
    mkdirSync(dir, { recursive: true });
    const fd = openSync(join(dir, `run-${id}.wandb`), 'w');
    const framer = new Framer(fd);
    framer.record(Buffer.from([...varint(8), 1, ...bytes(17, [...text(1, id), ...text(3, 'bench'), ...text(8, `ladder-${r}`)])]));
    for (let step = 0; framer.index < perRun; step++) {
      framer.record(historyRecord(step + 2, step));
      rows++;
    }
    framer.flush();
    closeSync(fd);
  }
  return { rows, points: rows * (KEYS.length + 3) };
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

export async function runWandbBench(): Promise<BenchRow[]> {
  const megabytes = Number(process.env.TESSERA_BENCH_WANDB_MB ?? 100);
  const root = mkdtempSync(join(tmpdir(), 'tessera-bench-wandb-'));
  try {
    const written = generateRuns(root, megabytes * 1024 * 1024);
    const access = localFileAccess(root);
    const runs = discoverWandbRuns(await listLocalTree(root));
    const files = runs.flatMap((r) => r.files);
    const mb = files.reduce((s, f) => s + f.size, 0) / 1e6;

    const framing = await timed(async () => {
      let records = 0;
      const visitor = { record: () => void records++, problem: (p: { reason: string }) => { throw new Error(p.reason); } };
      for (const f of files) {
        const reader = new RecordLogReader();
        for await (const chunk of access.readFrom(f.path, 0)) reader.push(chunk, visitor);
      }
      return records;
    });
    const decoded = await timed(async () => {
      let points = 0;
      for (const f of files) {
        const reader = new WandbRunFileReader(f.path);
        for await (const chunk of access.readFrom(f.path, 0)) {
          const batch = reader.push(chunk);
          if (batch.issues.length > 0) throw new Error(batch.issues[0]!.reason);
          points += batch.points.length;
        }
      }
      return points;
    });
    if (framing.result !== written.rows + RUNS) throw new Error(`framing saw ${framing.result} records, ${written.rows + RUNS} were written`);
    if (decoded.result !== written.points) throw new Error(`the reader decoded ${decoded.result} points, ${written.points} were written`);

    const cacheDir = mkdtempSync(join(tmpdir(), 'tessera-bench-wandb-cache-'));
    const cache = openCacheDatabase({ file: join(cacheDir, 'cache.sqlite'), migrationsDir: resolve(process.cwd(), 'migrations') });
    let synced: { seconds: number; result: Awaited<ReturnType<typeof syncStore>> };
    try {
      synced = await timed(() => syncStore({ db: cache, transport: new LocalFolderTransport(root), format: 'wandb' }));
    } finally {
      cache.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
    if (synced.result.totals.points !== written.points) throw new Error(`the sync stored ${synced.result.totals.points} points, ${written.points} were written`);

    const limitPointsPerSecond = written.points / framing.seconds;
    const mPoints = (n: number) => `${(n / 1e6).toFixed(2)} M points/s`;
    const note = `${mb.toFixed(0)} MB, ${RUNS} runs, ${written.rows.toLocaleString('en-US')} history rows, ${written.points.toLocaleString('en-US')} points`;
    return [
      {
        section: SECTION,
        name: 'W&B history import into the SQLite cache (sync: framing, CRC, decode, points, summaries, cursors)',
        value: written.points / synced.seconds / 1e6,
        unit: 'M points/s',
        limit: `${mPoints(limitPointsPerSecond)} read + framing + CRC only`,
        note: `${((framing.seconds / synced.seconds) * 100).toFixed(1)} % of the limit; ${(mb / synced.seconds).toFixed(0)} MB/s; ${synced.seconds.toFixed(1)} s; ${note}`,
      },
      {
        section: SECTION,
        name: 'W&B history read (framing, CRC, Record and JSON decoding), no cache',
        value: written.points / decoded.seconds / 1e6,
        unit: 'M points/s',
        limit: `${mPoints(limitPointsPerSecond)} read + framing + CRC only`,
        note: `${((framing.seconds / decoded.seconds) * 100).toFixed(0)} % of the limit; ${(mb / decoded.seconds).toFixed(0)} MB/s`,
      },
      { section: SECTION, name: 'limit: read + framing + CRC of the same files', value: mb / framing.seconds, unit: 'MB/s', note: `${framing.result.toLocaleString('en-US')} records` },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
