// Messages between the core and its search worker thread (full-text search and "Tried before?").
import type { SearchOptions } from './search';

export interface SearchWorkerInit {
  dbFile: string;
  migrationsDir: string;
  nativeBinding?: string;
}

export type SearchTask = { kind: 'search'; options: SearchOptions } | { kind: 'tried-before'; proposalId: string; limit: number };

export type SearchRequest = { type: 'run'; id: number; task: SearchTask } | { type: 'stop' };

export type SearchReply = { type: 'done'; id: number; result: unknown } | { type: 'failed'; id: number; message: string };
