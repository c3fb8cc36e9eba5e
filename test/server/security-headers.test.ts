import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.js';
import {
  ANONYMOUS,
  type Caller,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
} from './server-harness.js';

describe('security headers and refused methods', () => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await setUpAdministrator(server);
  });
  afterAll(async () => server.close());

  const paths = ['/api/v1/health', '/api/v1/products', '/api/v1/no-such-route', '/', '/api/openapi.json'];

  it.each(paths)('sends the strict CSP and companions, and no banner, on %s', async (path) => {
    const r = await send(server.app, admin, 'GET', path);
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['permissions-policy']).toContain('camera=()');
    expect(r.headers.server).toBeUndefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('marks every API answer not to be stored, errors included', async () => {
    for (const path of ['/api/v1/products', '/api/v1/nothing-here']) {
      const r = await send(server.app, admin, 'GET', path);
      expect(r.headers['cache-control']).toBe('no-store');
    }
    const anonymous = await send(server.app, ANONYMOUS, 'GET', '/api/v1/products');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it.each(['/api/v1/health', '/api/v1/products', '/', '/anything/at/all'])(
    'refuses TRACE on %s with 405 and does not echo the request',
    async (path) => {
      const r = await server.app.inject({
        method: 'TRACE',
        url: path,
        headers: { cookie: admin.headers.cookie ?? '', 'x-secret': 'must-not-echo' },
      });
      expect(r.statusCode).toBe(405);
      expect(r.json().error.code).toBe('method-not-allowed');
      expect(r.body).not.toContain('must-not-echo');
      expect(r.body).not.toContain('iotassure_session');
    },
  );

  it('answers an unknown API path with the JSON error body, never a stack trace', async () => {
    const r = await send(server.app, admin, 'GET', '/api/v1/products/x/y/z');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({
      error: { code: 'not-found', message: 'no route GET /api/v1/products/x/y/z' },
    });
  });

  it('relaxes the CSP only for the API documentation pages', async () => {
    const docs = await send(server.app, ANONYMOUS, 'GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).toContain("script-src 'self';");
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
