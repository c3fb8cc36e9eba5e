/**
 * Every failed API call becomes one ApiError: the HTTP status, the server's stable code and
 * sentence (docs/api.md, "Errors"), its details, and for 429 how long to wait. Pages show
 * `message`; the code decides what else happens (401 → log in, 409 → the conflict panel).
 */
import type { FieldIssue } from './api-types.js';

/** Codes the client itself produces when there is no answer from the server to quote. */
export type ClientErrorCode = 'network' | 'bad-response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
    /** Seconds, from the Retry-After header of a 429; null otherwise. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** A write based on a revision someone else has replaced (409 `stale-revision`). */
  get isStale(): boolean {
    return this.status === 409 && this.code === 'stale-revision';
  }

  /** The state the server holds now, sent with a 409 `stale-revision`; null otherwise. */
  get current(): unknown {
    if (!this.isStale || typeof this.details !== 'object' || this.details === null) return null;
    return (this.details as { current?: unknown }).current ?? null;
  }

  /** Field problems of a 400 `invalid-request`, each with its path (`body.name`). */
  get issues(): FieldIssue[] {
    if (typeof this.details !== 'object' || this.details === null) return [];
    const issues = (this.details as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) return [];
    return issues.filter(
      (i): i is FieldIssue =>
        typeof i === 'object' &&
        i !== null &&
        typeof (i as FieldIssue).path === 'string' &&
        typeof (i as FieldIssue).message === 'string',
    );
  }
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** What a person reads for any error thrown by an API call (or anything else that went wrong). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfterSeconds !== null) {
      return `${error.message} Try again in ${waitText(error.retryAfterSeconds)}.`;
    }
    if (error.status === 403 && error.code === 'forbidden') {
      return `${error.message} Your role does not allow this; ask an administrator if you need it.`;
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** "45 seconds", "1 minute", "3 minutes" (rounded up: never tell someone to retry too early). */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
