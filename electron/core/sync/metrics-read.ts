// Where a metrics.jsonl read starts (from its saved position, or from scratch when the file was
// rewritten) and the stream of parsed chunks that covers it. Opened just in time, or a few files
// ahead when a parse worker is in use so that it parses while the sync thread inserts.
import type { ParsedChunkStream } from './parsed-chunk-streams';
import { localChunkStream, type MetricsParseWorker } from './parsed-chunk-streams';
import { contentHash } from './content-hash';
import type { RunProgressState } from './run-metrics-writer';
import type { StoreTransport } from '../store-access/store-transport';
import type { SyncFileRow } from './sync-file-rows';
import { isUnchanged, type WalkedFile } from './walk-lab-store';

/** What a read needs of the sync pass (its SyncContext, which holds this read-ahead). */
export interface MetricsReadPass {
  transport: StoreTransport;
  chunkBytes: number;
  files: { readonly known: ReadonlyMap<string, SyncFileRow> };
}

/** Bytes hashed to recognise a rewritten file. */
export const HEAD_BYTES = 4096;

export interface MetricsFileState extends RunProgressState {
  issues: number;
  binary?: boolean;
}

export interface MetricsRead {
  start: number;
  lineNo: number;
  state: MetricsFileState;
  /** Drop the run's points first: the file is read from scratch. */
  fromScratch: boolean;
  head: Buffer;
  /** A file that starts with NUL bytes is not text: it gets one issue and is not parsed. */
  binary: boolean;
  /** Null for a binary file. */
  stream: ParsedChunkStream | null;
}

const FRESH_STATE: MetricsFileState = { lastStep: null, lastTokens: null, lastTime: null, issues: 0 };

async function readHead(ctx: MetricsReadPass, path: string, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of ctx.transport.readRange(path, 0, length, length || 1)) parts.push(chunk);
  return Buffer.concat(parts);
}

export async function openMetricsRead(ctx: MetricsReadPass, file: WalkedFile, known: SyncFileRow | undefined, worker: MetricsParseWorker | null): Promise<MetricsRead> {
  const head = await readHead(ctx, file.path, Math.min(file.size, HEAD_BYTES));
  let read: Omit<MetricsRead, 'binary' | 'stream'> = { start: 0, lineNo: 0, state: { ...FRESH_STATE }, fromScratch: true, head };
  const resumable =
    known !== undefined &&
    known.kind === 'run-metrics' &&
    file.size >= known.size &&
    head.length >= known.headLength &&
    contentHash(head.subarray(0, known.headLength)) === known.headHash;
  if (resumable) {
    const state = known.stateJson ? (JSON.parse(known.stateJson) as MetricsFileState) : { ...FRESH_STATE };
    read = { start: known.offset, lineNo: known.lineNo, state, fromScratch: false, head };
  }
  const binary = read.state.binary === true || (read.fromScratch && head.includes(0));
  if (binary) return { ...read, binary, stream: null };
  const chunks = ctx.transport.readRange(file.path, read.start, file.size, ctx.chunkBytes)[Symbol.asyncIterator]();
  const stream = worker ? worker.stream(chunks, read.start, read.lineNo) : localChunkStream(chunks, read.start, read.lineNo);
  return { ...read, binary, stream };
}

interface Opened {
  index: number;
  known: SyncFileRow | undefined;
  read: Promise<MetricsRead>;
}

/** Opens the next few metrics reads ahead of the sync loop, for the parse worker to start on. */
export class MetricsReadAhead {
  private readonly opened = new Map<string, Opened>();

  constructor(
    private readonly ctx: MetricsReadPass,
    private readonly walked: WalkedFile[],
    private readonly worker: MetricsParseWorker,
    private readonly window = 3,
  ) {}

  /** Called before the loop handles walked[index]. */
  advance(index: number): void {
    for (const [path, entry] of this.opened) {
      if (entry.index < index) this.drop(path);
    }
    let ahead = 0;
    for (let j = index; j < this.walked.length && ahead < this.window; j++) {
      const file = this.walked[j]!;
      if (file.kind !== 'run-metrics') continue;
      const known = this.ctx.files.known.get(file.path);
      if (isUnchanged(known, file)) continue;
      ahead++;
      if (this.opened.has(file.path)) continue;
      const read = openMetricsRead(this.ctx, file, known, this.worker);
      read.catch(() => undefined);
      this.opened.set(file.path, { index: j, known, read });
    }
  }

  /** The read opened for `file`, if it was opened from the file state that still holds. */
  take(file: WalkedFile, known: SyncFileRow | undefined): Promise<MetricsRead> | undefined {
    const entry = this.opened.get(file.path);
    if (!entry) return undefined;
    this.opened.delete(file.path);
    if (entry.known === known) return entry.read;
    entry.read.then((read) => read.stream?.cancel(), () => undefined);
    return undefined;
  }

  private drop(path: string): void {
    const entry = this.opened.get(path)!;
    this.opened.delete(path);
    entry.read.then((read) => read.stream?.cancel(), () => undefined);
  }

  close(): void {
    for (const path of [...this.opened.keys()]) this.drop(path);
  }
}
