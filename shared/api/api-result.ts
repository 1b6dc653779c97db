// The result every API call resolves to: it never throws, so the UI can show errors in place.
export type ApiErrorCode =
  | 'validation'
  | 'unknown-method'
  | 'not-found'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'unavailable'
  /** Too many heavy calls of this client at once (`serve`): wait for the running ones. */
  | 'busy'
  | 'cancelled'
  | 'internal';

export interface ApiIssue {
  /** Where in the input, e.g. `runs[2]` or `width`. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  issues?: ApiIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function apiOk<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function apiFail(code: ApiErrorCode, message: string, issues?: ApiIssue[]): ApiResult<never> {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** Thrown by handlers for expected failures; the dispatcher turns it into `{ok: false}`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
