// The single entry of every API call, whatever the transport: method check, write permission, the
// caller the transport knows, zod validation, then the handler; every failure comes back as `{ok: false, error}`.
import { contract, isMethodName, type MethodName } from '../../../shared/api/contract';
import { ApiFailure, apiFail, apiOk, type ApiResult } from '../../../shared/api/api-result';
import { CacheDatabaseError } from '../db/sqlite-errors';
import { inputAsCaller } from './caller-person';
import type { HandlerContext, Handlers } from './handlers';

const MAX_ISSUES = 20;

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

export async function dispatchApiCall(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  ctx: HandlerContext,
  log: (message: string) => void = () => {},
): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
    return apiFail('unknown-method', `Unknown API method "${shown}".`);
  }
  const spec = contract[method];
  if (spec.writes && !ctx.canWrite) {
    return apiFail('forbidden', `"${method}" changes the store or the cache, and this server is read-only (start it with --allow-write).`);
  }
  // Only a missing input means "no arguments": null is not an object, and reading it as {} would run a
  // call nobody made properly (a sync, a retry of pending writes).
  const parsed = spec.input.safeParse(inputAsCaller(spec.caller, rawInput === undefined ? {} : rawInput, ctx));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
      path: issuePath(issue.path),
      message: issue.message,
    }));
    const first = issues[0];
    return apiFail(
      'validation',
      `Invalid input for "${method}": ${first ? `${first.path || '(input)'}: ${first.message}` : 'rejected'}.`,
      issues,
    );
  }
  const started = performance.now();
  try {
    const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    const elapsed = performance.now() - started;
    if (elapsed > 40) log(`slow API call ${method as MethodName}: ${elapsed.toFixed(0)} ms`);
    return apiOk(value);
  } catch (error) {
    if (error instanceof ApiFailure) return apiFail(error.code, error.message);
    if (error instanceof CacheDatabaseError) return apiFail('unavailable', error.message);
    log(`API call ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return apiFail('internal', `"${method}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
