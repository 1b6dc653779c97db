// The core's side of the contract: one handler per method, typed from shared/api/contract.
import type { MethodName, OutputOf, ParsedInputOf } from '../../../shared/api/contract';

export interface HandlerContext {
  transport: 'ipc' | 'http' | 'cli' | 'test';
  canWrite: boolean;
  /** Why the caller cannot write, in words for them, when the transport knows (a viewer's token, the room display). */
  readOnlyReason?: string;
  /** Why a caller that writes still cannot change the server's set-up (its sources, keys), when it cannot. */
  setupLockedReason?: string;
  /** Aborted when the caller gave up (its HTTP request closed): heavy work for it stops. */
  signal?: AbortSignal;
  /**
   * Who is calling, as the transport knows it: a team server's token. A person id: that person is the
   * author of every event the call writes and the owner of its watches, whatever the input says
   * (`caller-person.ts` puts it in the input). null: a token that names nobody (the room display).
   * Unset: the transport does not know, and each window says who it is in the input (`author`, `person`).
   */
  person?: string | null;
}

export type Handler<K extends MethodName> = (input: ParsedInputOf<K>, ctx: HandlerContext) => Promise<OutputOf<K>>;

export type Handlers = { [K in MethodName]: Handler<K> };

/** A domain module implements a slice of the contract. */
export type HandlerSlice<K extends MethodName> = { [P in K]: Handler<P> };
