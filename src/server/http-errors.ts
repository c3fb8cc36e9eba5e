/**
 * The API's error catalogue: every error answer has a stable code, an HTTP status and a message
 * for people (docs/api.md, "Errors"; a test keeps the two in step). Route handlers throw ApiError;
 * the error handler (error-handler.ts) turns it, and every other kind of failure, into
 * `{ error: { code, message, details? } }`.
 */
export const API_ERRORS = {
  'invalid-request': 400,
  'invalid-json': 400,
  'invalid-assessment': 400,
  'weak-password': 400,
  unauthenticated: 401,
  'bad-credentials': 401,
  'invalid-setup-token': 401,
  forbidden: 403,
  csrf: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'stale-revision': 409,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'too-many-attempts': 429,
  internal: 500,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After for a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERRORS[code];
  }
}

export function errorBody(code: ApiErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
