import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.js';
import {
  ANONYMOUS,
  type Caller,
  DATABASES,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
} from './server-harness.js';

describe.each(DATABASES)('server basics on %s', (dialect) => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await setUpAdministrator(server);
  });
  afterAll(async () => server.close());

  it('answers health', async () => {
    const r = await send(server.app, ANONYMOUS, 'GET', '/api/v1/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });

  it('shows the session', async () => {
    const r = await send(server.app, admin, 'GET', '/api/v1/session');
    expect(r.statusCode).toBe(200);
    expect(r.json().user.username).toBe('admin');
    expect(r.json().user.role).toBe('administrator');
  });

  it('sends the security headers', async () => {
    const r = await send(server.app, ANONYMOUS, 'GET', '/api/v1/health');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.server).toBeUndefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
  });
});
