// Streams of parsed metrics chunks for one file range: parsed in the sync thread, or by the parse
// worker with a few chunks read ahead so that parsing and inserting overlap.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MetricsChunkParser, type ParsedMetricsChunk } from '../store/metrics-chunk-parser';
import type { ParseWorkerReply, ParseWorkerRequest } from './metrics-parse-messages';

export interface ParsedChunkStream {
  /** The next chunk in file order, or null at the end of the range. */
  next(): Promise<ParsedMetricsChunk | null>;
  /** Stops reading; chunks already parsed are dropped. */
  cancel(): void;
}

/** Parses in the calling thread, one chunk per call. */
export function localChunkStream(chunks: AsyncIterator<Buffer>, start: number, lineNo: number): ParsedChunkStream {
  const parser = new MetricsChunkParser(start, lineNo);
  return {
    async next() {
      const read = await chunks.next();
      return read.done ? null : parser.push(read.value);
    },
    cancel() {
      void chunks.return?.();
    },
  };
}

/** The bundled worker beside the running bundle, if the build put one there. */
export function defaultParseWorkerFile(): string | null {
  try {
    const file = fileURLToPath(new URL('./metrics-parse-worker.mjs', import.meta.url));
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

interface Pending {
  resolve(chunk: ParsedMetricsChunk): void;
  reject(error: Error): void;
}

/** One worker thread serving many streams; replies come back in the order chunks were posted. */
export class MetricsParseWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending[]>();
  private nextStream = 1;
  private failure: Error | null = null;

  constructor(file: string) {
    this.worker = new Worker(file);
    this.worker.on('message', (reply: ParseWorkerReply) => {
      const waiter = this.pending.get(reply.stream)?.shift();
      if (!waiter) return;
      if ('error' in reply) waiter.reject(new Error(`Parsing metrics failed: ${reply.error}`));
      else waiter.resolve(reply.chunk);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The metrics parse worker stopped (exit code ${code}).`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiters of this.pending.values()) for (const waiter of waiters.splice(0)) waiter.reject(error);
  }

  private send(request: ParseWorkerRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  stream(chunks: AsyncIterator<Buffer>, start: number, lineNo: number, readAhead = 3): ParsedChunkStream {
    const stream = this.nextStream++;
    this.pending.set(stream, []);
    this.send({ op: 'open', stream, start, lineNo });
    const posted: Array<Promise<ParsedMetricsChunk>> = [];
    let ended = false;
    let filling: Promise<void> | null = null;
    const post = (bytes: Buffer) => {
      if (this.failure) throw this.failure;
      const waiters = this.pending.get(stream);
      if (!waiters) return;
      // Transferred, so it must own its memory (small Buffers share a pool).
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
      posted.push(new Promise<ParsedMetricsChunk>((resolve, reject) => waiters.push({ resolve, reject })));
      this.send({ op: 'chunk', stream, bytes: own }, [own.buffer as ArrayBuffer]);
    };
    /** Reads and posts chunks until `readAhead` wait to be taken; one reader at a time. */
    const fillOnce = async () => {
      while (!ended && posted.length < readAhead) {
        const read = await chunks.next();
        if (read.done) ended = true;
        else post(read.value);
      }
    };
    const fill = (): Promise<void> => {
      // Reset only once settled (`finally` runs later), so a second caller never gets a stale promise.
      filling ??= fillOnce().finally(() => {
        filling = null;
      });
      return filling;
    };
    const close = () => {
      if (!this.pending.has(stream)) return;
      ended = true;
      this.pending.delete(stream);
      this.send({ op: 'close', stream });
    };
    // Start reading now: the worker parses while the sync thread is still busy with earlier files.
    const primed = fill().catch((error: unknown) => error as Error);
    return {
      next: async () => {
        try {
          const primeError = await primed;
          if (primeError) throw primeError;
          await fill();
          const head = posted.shift();
          if (!head) {
            close();
            return null;
          }
          await fill();
          return await head;
        } catch (error) {
          close();
          throw error;
        }
      },
      cancel: () => {
        close();
        void chunks.return?.();
        // Replies still on their way for this stream are dropped.
        for (const p of posted.splice(0)) p.catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
