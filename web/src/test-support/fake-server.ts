/**
 * A stand-in for the iotassure server in component tests: answers fetch calls from a table of
 * "METHOD /path" handlers and records every request (method, path, query, headers, body), so a
 * test asserts on what the app actually sent.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly json: unknown;
  readonly form: FormData | null;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
) {
  return json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status, headers);
}

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly handlers = new Map<string, Handler>();

  /** A handler, a fixed Response (sent afresh each time), or a value answered as JSON with 200. */
  on(route: string, handler: Handler): this;
  on(route: string, value: unknown): this;
  on(route: string, handler: unknown): this {
    if (typeof handler === 'function') this.handlers.set(route, handler as Handler);
    else if (handler instanceof Response) this.handlers.set(route, () => handler.clone());
    else this.handlers.set(route, () => json(handler));
    return this;
  }

  /** Requests other than the app's start-up reads, e.g. every write. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input), 'http://iotassure.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    let body: unknown = null;
    let form: FormData | null = null;
    if (typeof init?.body === 'string') body = JSON.parse(init.body);
    else if (init?.body instanceof FormData) form = init.body;
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      json: body,
      form,
    };
    this.requests.push(request);
    const handler = this.handlers.get(`${method} ${url.pathname}`);
    if (!handler) return apiError(404, 'not-found', `no route ${method} ${url.pathname} in this test`);
    return handler(request);
  };
}
