// The one API contract: method name → input schema, output type, writes flag.
// The core implements it as one object (`Handlers`), the renderer calls it through one typed client,
// and both transports (Electron IPC, HTTP) validate inputs against these schemas.
import type { z } from 'zod';
import type { MethodSpec } from './define-method';
import { alertsMethods } from './alerts-methods';
import { appMethods } from './app-methods';
import { evalsMethods } from './evals-methods';
import { proposalsMethods } from './proposals-methods';
import { reviewMethods } from './review-methods';
import { runsMethods } from './runs-methods';
import { searchMethods } from './search-methods';
import { scalingMethods } from './scaling-methods';
import { sourcesMethods } from './sources-methods';
import { teamMethods } from './team-methods';

export const contract = {
  ...alertsMethods,
  ...appMethods,
  ...evalsMethods,
  ...proposalsMethods,
  ...reviewMethods,
  ...runsMethods,
  ...searchMethods,
  ...scalingMethods,
  ...sourcesMethods,
  ...teamMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K] extends MethodSpec<z.ZodType, infer O> ? O : never;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
