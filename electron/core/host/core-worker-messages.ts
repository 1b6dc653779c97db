// Messages between a host thread (Electron main, the serve process) and the core worker.
import type { ApiResult } from '../../../shared/api/api-result';
import type { PushEvent } from '../../../shared/api/push-events';
import type { HandlerContext } from '../api/handlers';

export type CoreWorkerRequest =
  | { type: 'call'; id: number; method: string; input: unknown; ctx: Omit<HandlerContext, 'signal'> }
  /** The caller gave up on call `id` (its HTTP request closed): its heavy work stops. */
  | { type: 'cancel'; id: number }
  | { type: 'close' };

export type CoreWorkerMessage =
  | { type: 'ready' }
  | { type: 'start-failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: PushEvent }
  | { type: 'log'; message: string }
  | { type: 'closed' };
