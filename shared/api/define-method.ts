// How a method of the API contract is declared: its input schema (zod, validated at every
// transport boundary), its output type (checked by the compiler on both ends) and whether it writes.
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Writes to the store or the cache; refused by `serve` unless started with --allow-write. */
  writes: boolean;
  /** Phantom field carrying the output type; never read at run time. */
  readonly output?: O;
}

/** `defineMethod<Output>()({ input, writes })` — curried so the output type is given and the input inferred. */
export function defineMethod<O>() {
  return <I extends z.ZodType>(spec: { input: I; writes?: boolean }): MethodSpec<I, O> => ({
    input: spec.input,
    writes: spec.writes ?? false,
  });
}
