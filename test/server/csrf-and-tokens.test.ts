import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/workspace/secret-tokens.js';
import {
  type Caller,
  DATABASES,
  logInAs,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  tokenWithRole,
  userWithRole,
} from './server-harness.js';

describe.each(DATABASES)('CSRF protection on %s', (dialect) => {
  let server: TestServer;
  let assessor: Caller;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await setUpAdministrator(server);
    assessor = await userWithRole(server, admin, 'assessor');
  });
  afterAll(async () => server.close());

  const count = async () => (await server.workspace.db.selectFrom('products').select('id').execute()).length;

  it.each([
    ['missing', {}],
    ['wrong', { 'x-csrf-token': 'A'.repeat(43) }],
    ['empty', { 'x-csrf-token': '' }],
  ])(
    'refuses a cookie-authenticated change with a %s X-CSRF-Token with 403, changing nothing',
    async (_label, headers) => {
      const before = await count();
      const r = await server.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { cookie: assessor.headers.cookie ?? '', ...headers },
        payload: { name: 'Forged' },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('csrf');
      expect(await count()).toBe(before);
    },
  );

  it('does not accept another session’s CSRF token', async () => {
    const other = await logInAs(server, 'assessor-user', 'assessor passphrase for tests');
    const r = await send(
      server.app,
      assessor,
      'POST',
      '/api/v1/products',
      { name: 'Mixed' },
      { 'x-csrf-token': other.csrf ?? '' },
    );
    expect(r.statusCode).toBe(403);
  });

  it('needs no CSRF token for reads, and none for bearer tokens (no cookie is involved)', async () => {
    const read = await server.app.inject({
      method: 'GET',
      url: '/api/v1/products',
      headers: { cookie: assessor.headers.cookie ?? '' },
    });
    expect(read.statusCode).toBe(200);
    const admin = await logInAs(server, 'admin', 'correct horse battery staple 1');
    const token = await tokenWithRole(server, admin, 'assessor');
    const write = await send(server.app, token, 'POST', '/api/v1/products', { name: 'From CI' });
    expect(write.statusCode).toBe(201);
    expect(write.json().createdBy).toBe('assessor token (token of admin)');
  });

  it('returns the CSRF token with the session', async () => {
    const r = await send(server.app, assessor, 'GET', '/api/v1/session');
    expect(r.json().csrfToken).toBe(assessor.csrf);
  });
});

describe.each(DATABASES)('users and API tokens on %s', (dialect) => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await setUpAdministrator(server);
  });
  afterAll(async () => server.close());

  it('creates users with the password rules and unique names (any case)', async () => {
    const weak = await send(server.app, admin, 'POST', '/api/v1/users', {
      username: 'frank',
      displayName: 'Frank',
      role: 'viewer',
      password: 'password1234',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('weak-password');
    const ok = await send(server.app, admin, 'POST', '/api/v1/users', {
      username: 'frank',
      displayName: 'Frank',
      role: 'viewer',
      password: 'a fine long passphrase',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).not.toHaveProperty('passwordHash');
    const dup = await send(server.app, admin, 'POST', '/api/v1/users', {
      username: 'FRANK',
      displayName: 'Another Frank',
      role: 'viewer',
      password: 'a fine long passphrase',
    });
    expect(dup.statusCode).toBe(409);
    const list = (await send(server.app, admin, 'GET', '/api/v1/users')).json();
    expect(list.items.map((u: { username: string }) => u.username)).toEqual(['admin', 'frank']);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|hash/i);
  });

  it('changes roles, and will not leave the server without an administrator', async () => {
    const users = (await send(server.app, admin, 'GET', '/api/v1/users')).json().items;
    const me = users.find((u: { username: string }) => u.username === 'admin');
    const demote = await send(server.app, admin, 'PATCH', `/api/v1/users/${me.id}`, { role: 'viewer' });
    expect(demote.statusCode).toBe(409);
    const frank = users.find((u: { username: string }) => u.username === 'frank');
    const promoted = await send(server.app, admin, 'PATCH', `/api/v1/users/${frank.id}`, {
      role: 'assessor',
    });
    expect(promoted.json().role).toBe('assessor');
    const empty = await send(server.app, admin, 'PATCH', `/api/v1/users/${frank.id}`, {});
    expect(empty.statusCode).toBe(400);
  });

  it('shows a token once, stores only its hash, records its use, and revokes it', async () => {
    const created = await send(server.app, admin, 'POST', '/api/v1/tokens', {
      name: 'nightly CI',
      role: 'viewer',
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^iot_[A-Za-z0-9_-]{43}$/);
    const rows = await server.workspace.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows.find((r) => r.id === token.id)?.token_hash).toBe(hashToken(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    const listed = (await send(server.app, admin, 'GET', '/api/v1/tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed.items.find((t: { id: string }) => t.id === token.id).lastUsedAt).toBeNull();

    const ci: Caller = { label: 'ci', headers: { authorization: `Bearer ${secret}` }, csrf: null };
    const session = (await send(server.app, ci, 'GET', '/api/v1/session')).json();
    expect(session).toMatchObject({
      via: 'token',
      tokenRole: 'viewer',
      csrfToken: null,
      user: { username: 'admin' },
    });
    expect((await send(server.app, ci, 'POST', '/api/v1/products', { name: 'No' })).statusCode).toBe(403);
    const used = (await send(server.app, admin, 'GET', '/api/v1/tokens')).json();
    expect(used.items.find((t: { id: string }) => t.id === token.id).lastUsedAt).not.toBeNull();

    const revoked = await send(server.app, admin, 'DELETE', `/api/v1/tokens/${token.id}`);
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await send(server.app, ci, 'GET', '/api/v1/products');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toContain('revoked');
  });

  it('lowers a token to its creator’s current role, and stops it when the creator is disabled', async () => {
    const second = await userWithRole(server, admin, 'administrator', 'grace');
    const token = await tokenWithRole(server, second, 'administrator');
    expect((await send(server.app, token, 'GET', '/api/v1/users')).statusCode).toBe(200);
    const grace = (await send(server.app, admin, 'GET', '/api/v1/users'))
      .json()
      .items.find((u: { username: string }) => u.username === 'grace');
    await send(server.app, admin, 'PATCH', `/api/v1/users/${grace.id}`, { role: 'assessor' });
    expect((await send(server.app, token, 'GET', '/api/v1/users')).statusCode).toBe(403);
    expect(
      (await send(server.app, token, 'POST', '/api/v1/products', { name: 'Still assessor' })).statusCode,
    ).toBe(201);
    await send(server.app, admin, 'PATCH', `/api/v1/users/${grace.id}`, { disabled: true });
    expect((await send(server.app, token, 'GET', '/api/v1/products')).statusCode).toBe(401);
  });

  it('refuses malformed Authorization headers with 401', async () => {
    for (const value of [
      'Basic YWRtaW46YWRtaW4=',
      'Bearer',
      'Bearer iot_<script>',
      `Bearer iot_${'x'.repeat(43)}`,
    ]) {
      const r = await server.app.inject({
        method: 'GET',
        url: '/api/v1/products',
        headers: { authorization: value },
      });
      expect(r.statusCode, value).toBe(401);
    }
  });
});
