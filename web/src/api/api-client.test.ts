import { describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer, json } from '../test-support/fake-server.js';
import { buildQuery, createApiClient } from './api-client.js';
import { ApiError, errorMessage, parseRetryAfter } from './api-error.js';

function client(server: FakeServer, token = 'csrf-1') {
  const onUnauthenticated = vi.fn();
  const refreshCsrfToken = vi.fn(async () => 'csrf-2');
  const api = createApiClient({
    fetch: server.fetch,
    csrfToken: () => token,
    refreshCsrfToken,
    onUnauthenticated,
  });
  return { api, onUnauthenticated, refreshCsrfToken };
}

describe('api client', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/products', { items: [] })
      .on('POST /api/v1/products', json({ id: 'p1' }, 201));
    const { api } = client(server);
    await api.request('GET', '/api/v1/products');
    await api.request('POST', '/api/v1/products', { json: { name: 'Cam' } });
    expect(server.requests[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(server.requests[1]?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(server.requests[1]?.headers.get('content-type')).toBe('application/json');
    expect(server.requests[1]?.json).toEqual({ name: 'Cam' });
  });

  it('fetches a fresh CSRF token once and resends a change the server refused for its token', async () => {
    let calls = 0;
    const server = new FakeServer().on('PUT /api/v1/x', (r) => {
      calls += 1;
      return r.headers.get('x-csrf-token') === 'csrf-2'
        ? json({ ok: true })
        : apiError(403, 'csrf', 'missing or wrong X-CSRF-Token');
    });
    const { api, refreshCsrfToken } = client(server);
    await expect(api.request('PUT', '/api/v1/x', { json: {} })).resolves.toEqual({ ok: true });
    expect(refreshCsrfToken).toHaveBeenCalledTimes(1);
    expect(calls).toBe(2);
  });

  it('does not resend a change refused for the role (403 forbidden)', async () => {
    const server = new FakeServer().on(
      'PUT /api/v1/x',
      apiError(403, 'forbidden', 'viewers cannot change products'),
    );
    const { api, refreshCsrfToken } = client(server);
    const error = await api.request('PUT', '/api/v1/x', { json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('forbidden');
    expect(refreshCsrfToken).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(1);
    expect(errorMessage(error)).toContain('Your role does not allow this');
  });

  it('reports an ended session (401 unauthenticated) but not wrong credentials', async () => {
    const server = new FakeServer()
      .on('GET /api/v1/products', apiError(401, 'unauthenticated', 'log in first'))
      .on('POST /api/v1/session', apiError(401, 'bad-credentials', 'wrong user name or password'));
    const { api, onUnauthenticated } = client(server);
    await expect(api.request('POST', '/api/v1/session', { json: {} })).rejects.toMatchObject({
      code: 'bad-credentials',
    });
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(api.request('GET', '/api/v1/products')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('carries the current state of a 409 stale-revision', async () => {
    const current = { revision: 4, status: 'compliant', justification: 'TLS 1.3 only' };
    const server = new FakeServer().on(
      'PUT /api/v1/r',
      apiError(409, 'stale-revision', 'changed since you read it', { current }),
    );
    const { api } = client(server);
    const error = (await api.request('PUT', '/api/v1/r', { json: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error.isStale).toBe(true);
    expect(error.current).toEqual(current);
  });

  it('says how long to wait after 429, from Retry-After', async () => {
    const server = new FakeServer().on(
      'POST /api/v1/session',
      apiError(429, 'too-many-attempts', 'Too many failed log-ins.', undefined, { 'retry-after': '30' }),
    );
    const { api } = client(server);
    const error = (await api
      .request('POST', '/api/v1/session', { json: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfterSeconds).toBe(30);
    expect(errorMessage(error)).toBe('Too many failed log-ins. Try again in 30 seconds.');
  });

  it('names a 413 from a proxy that answered without a JSON body', async () => {
    const server = new FakeServer().on(
      'POST /api/v1/up',
      () => new Response('<html>Request Entity Too Large</html>', { status: 413 }),
    );
    const { api } = client(server);
    await expect(api.request('POST', '/api/v1/up', { form: new FormData() })).rejects.toMatchObject({
      status: 413,
      code: 'payload-too-large',
    });
  });

  it('turns a network failure into a message', async () => {
    const api = createApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      csrfToken: () => null,
      refreshCsrfToken: async () => null,
      onUnauthenticated: () => {},
    });
    const error = (await api.request('GET', '/api/v1/health').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toContain('Could not reach the iotassure server (Failed to fetch)');
  });

  it('leaves empty query values out', () => {
    expect(buildQuery({ page: 2, q: '', manufacturer: undefined, archived: 'all', x: null })).toBe(
      '?page=2&archived=all',
    );
    expect(buildQuery({ q: 'a&b=c' })).toBe('?q=a%26b%3Dc');
    expect(buildQuery({})).toBe('');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
