// Messages between the sync thread and the metrics parse worker.
import type { ParsedMetricsChunk } from '../store/metrics-chunk-parser';

export type ParseWorkerRequest =
  | { op: 'open'; stream: number; start: number; lineNo: number }
  | { op: 'chunk'; stream: number; bytes: Uint8Array }
  | { op: 'close'; stream: number };

export type ParseWorkerReply = { stream: number; chunk: ParsedMetricsChunk } | { stream: number; error: string };
