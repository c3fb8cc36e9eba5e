/**
 * The one place the app talks HTTP. It sends the session cookie (same origin) and, on every
 * state-changing request, the CSRF token from GET /api/v1/session in `X-CSRF-Token`; it turns
 * every failure into an ApiError carrying the server's code and message. A 401 `unauthenticated`
 * tells the app the session is gone (it shows the login page); a 403 `csrf` means the token went
 * stale (the server rotates it on log-in and password change), so the token is fetched again and
 * the request, which the server refused before doing anything, is sent once more.
 */
import { ApiError, parseRetryAfter } from './api-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  readonly query?: Query;
  /** A JSON body. */
  readonly json?: unknown;
  /** A multipart body (uploads); the browser sets its Content-Type with the boundary. */
  readonly form?: FormData;
}

export interface ApiClientOptions {
  /** The current CSRF token, or null before anyone logged in. */
  readonly csrfToken: () => string | null;
  /** Fetches the session again and returns its fresh CSRF token (null when logged out). */
  readonly refreshCsrfToken: () => Promise<string | null>;
  /** The server said the session is gone (401 `unauthenticated`). */
  readonly onUnauthenticated: () => void;
  readonly fetch?: typeof fetch;
  /** Only tests set this; the app talks to the server that served it. */
  readonly baseUrl?: string;
}

export interface ApiClient {
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  /** The URL of a GET route, for links and downloads the browser fetches itself. */
  url(path: string, query?: Query): string;
}

const STATE_CHANGING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? '';
  const url = (path: string, query?: Query) => `${base}${path}${buildQuery(query)}`;

  async function send(method: Method, path: string, request: RequestOptions, csrf: string | null) {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: BodyInit | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    }
    if (STATE_CHANGING.has(method) && csrf) headers['x-csrf-token'] = csrf;
    try {
      return await doFetch(url(path, request.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        // API answers must never come from a cache: they are per user and change with every write.
        cache: 'no-store',
      });
    } catch (error) {
      throw new ApiError(
        0,
        'network',
        `Could not reach the iotassure server (${error instanceof Error ? error.message : String(error)}). Check that it is running and try again.`,
      );
    }
  }

  async function request<T>(method: Method, path: string, request: RequestOptions = {}): Promise<T> {
    let response = await send(method, path, request, options.csrfToken());
    if (response.status === 403 && STATE_CHANGING.has(method)) {
      const error = await errorFrom(response);
      if (error.code !== 'csrf') throw error;
      const fresh = await options.refreshCsrfToken();
      if (!fresh) throw error;
      response = await send(method, path, request, fresh);
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (error.status === 401 && error.code === 'unauthenticated') options.onUnauthenticated();
      throw error;
    }
    if (response.status === 204) return null as T;
    const text = await response.text();
    if (text === '') return null as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(
        response.status,
        'bad-response',
        `The server's answer to ${method} ${path} was not JSON; reload the page and try again.`,
      );
    }
  }

  return { request, url };
}

/** The error body of a failed answer, or a sentence that says what came back instead. */
export async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(await response.text());
  } catch {
    // Not JSON: a proxy's error page, or no body. Described below from the status alone.
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
    ?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, error.details, retryAfter);
  }
  return new ApiError(
    response.status,
    fallbackCode(response.status),
    fallbackMessage(response),
    undefined,
    retryAfter,
  );
}

function fallbackCode(status: number): string {
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'too-many-attempts';
  return 'bad-response';
}

function fallbackMessage(response: Response): string {
  if (response.status === 413) return 'The upload is larger than the server accepts.';
  if (response.status === 429) return 'Too many requests.';
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return `The server answered ${status} without an explanation; try again, and tell your administrator if it persists.`;
}
