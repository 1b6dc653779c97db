// Worker thread that splits and parses metrics.jsonl chunks for the sync thread, which meanwhile
// inserts the previous chunk's points. Bundled on its own (metrics-parse-worker.mjs).
import { parentPort } from 'node:worker_threads';
import { chunkBuffers, MetricsChunkParser } from '../store/metrics-chunk-parser';
import type { ParseWorkerReply, ParseWorkerRequest } from './metrics-parse-messages';

const parsers = new Map<number, MetricsChunkParser>();
const port = parentPort!;

port.on('message', (request: ParseWorkerRequest) => {
  switch (request.op) {
    case 'open':
      parsers.set(request.stream, new MetricsChunkParser(request.start, request.lineNo));
      break;
    case 'chunk': {
      let reply: ParseWorkerReply;
      try {
        const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
        const chunk = parsers.get(request.stream)!.push(bytes);
        reply = { stream: request.stream, chunk };
        port.postMessage(reply, chunkBuffers(chunk));
      } catch (error) {
        reply = { stream: request.stream, error: error instanceof Error ? error.message : String(error) };
        port.postMessage(reply);
      }
      break;
    }
    case 'close':
      parsers.delete(request.stream);
      break;
  }
});
