// The core's side of the contract: one handler per method, typed from shared/api/contract.
import type { MethodName, OutputOf, ParsedInputOf } from '../../../shared/api/contract';

export interface HandlerContext {
  transport: 'ipc' | 'http' | 'cli' | 'test';
  canWrite: boolean;
  /** Aborted when the caller gave up (its HTTP request closed): heavy work for it stops. */
  signal?: AbortSignal;
  /** The person the transport knows the caller to be (a team server's token); else the app's "Who am I". */
  person?: string;
}

export type Handler<K extends MethodName> = (input: ParsedInputOf<K>, ctx: HandlerContext) => Promise<OutputOf<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

/** A domain module implements a slice of the contract. */
export type HandlerSlice<K extends MethodName> = { [P in K]: Handler<P> };
