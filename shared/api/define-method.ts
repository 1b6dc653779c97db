// How a method of the API contract is declared: its input schema (zod, validated at every
// transport boundary), its output type (checked by the compiler on both ends), whether it writes,
// and which input field says who is calling.
import type { z } from 'zod';

/** An input field naming the caller: who writes an event (`author`), whose alerts and watches (`person`). */
export type CallerField = 'author' | 'person';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Writes to the store or the cache; refused by `serve` unless started with --allow-write. */
  writes: boolean;
  /**
   * The field where the calling window says who it is ("Who am I"). A transport that knows the caller
   * itself (a team server's token) puts its person there, whatever was sent (electron/core/api/caller-person).
   */
  caller: CallerField | null;
  /** Phantom field carrying the output type; never read at run time. */
  readonly output?: O;
}

/** `defineMethod<Output>()({ input, writes, caller })` — curried so the output type is given and the input inferred. */
export function defineMethod<O>() {
  return <I extends z.ZodType>(spec: { input: I; writes?: boolean; caller?: CallerField }): MethodSpec<I, O> => ({
    input: spec.input,
    writes: spec.writes ?? false,
    caller: spec.caller ?? null,
  });
}
