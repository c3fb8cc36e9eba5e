import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '../../src/server/auth/login-throttle.js';
import { buildApp } from '../../src/server/build-app.js';
import { hashToken } from '../../src/workspace/secret-tokens.js';
import { issueSetupToken } from '../../src/workspace/setup-token.js';
import {
  ADMIN_PASSWORD,
  ANONYMOUS,
  type Caller,
  CHEAP_SCRYPT,
  DATABASES,
  logInAs,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

const setupBody = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  username: 'first-admin',
  displayName: 'First Administrator',
  password: 'a long and unusual passphrase',
  ...overrides,
});

describe.each(DATABASES)('first-run setup on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server.close());

  it('works once, with the printed token only, and one of two concurrent uses wins', async () => {
    const status = await send(server.app, ANONYMOUS, 'GET', '/api/v1/setup');
    expect(status.json()).toEqual({ required: true });
    const token = await issueSetupToken(server.workspace);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const rows = await server.workspace.db.selectFrom('setup_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toEqual([hashToken(token ?? '')]);
    expect(JSON.stringify(rows)).not.toContain(token);

    const wrong = await send(server.app, ANONYMOUS, 'POST', '/api/v1/setup', setupBody('x'.repeat(43)));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid-setup-token');

    // A weak password is refused before the token is used up.
    const weak = await send(
      server.app,
      ANONYMOUS,
      'POST',
      '/api/v1/setup',
      setupBody(token ?? '', { password: 'password' }),
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('weak-password');

    const [a, b] = await Promise.all([
      send(server.app, ANONYMOUS, 'POST', '/api/v1/setup', setupBody(token ?? '', { username: 'admin-a' })),
      send(server.app, ANONYMOUS, 'POST', '/api/v1/setup', setupBody(token ?? '', { username: 'admin-b' })),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(201);
    expect([401, 409]).toContain(statuses[1]);
    const users = await server.workspace.db.selectFrom('users').select(['username', 'role']).execute();
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe('administrator');

    const winner = a.statusCode === 201 ? a : b;
    expect(winner.json().user.role).toBe('administrator');
    const cookie = winner.cookies.find((c) => c.name === 'iotassure_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const again = await send(
      server.app,
      ANONYMOUS,
      'POST',
      '/api/v1/setup',
      setupBody(token ?? '', { username: 'admin-c' }),
    );
    expect(again.statusCode).toBe(409);
    expect((await send(server.app, ANONYMOUS, 'GET', '/api/v1/setup')).json()).toEqual({ required: false });
    // Once an administrator exists, no new setup token is issued at start.
    expect(await issueSetupToken(server.workspace)).toBeNull();
  });
});

describe.each(DATABASES)('logging in, sessions and passwords on %s', (dialect) => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await setUpAdministrator(server);
    await userWithRole(server, admin, 'assessor', 'carol');
    // Made now: later tests move the clock by hours, past the administrator's session.
    await userWithRole(server, admin, 'viewer', 'burst-target');
    await userWithRole(server, admin, 'viewer', 'change-target');
  });
  afterAll(async () => server.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', 'some password of length', '10.1.0.1');
    const wrong = await login('carol', 'not the right password', '10.1.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error.code).toBe('bad-credentials');
  });

  it('compares user names ignoring case, and returns a CSRF token with the session', async () => {
    const r = await login('CAROL', 'assessor passphrase for tests', '10.1.0.3');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ user: { username: 'carol', role: 'assessor' }, via: 'session' });
    expect(r.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('slows failed logins down per account: five free, then 1 s, 2 s … with Retry-After; time, not the password, unblocks', async () => {
    for (let i = 1; i <= 5; i += 1) {
      expect((await login('carol', `wrong password number ${i}`, `10.2.0.${i}`)).statusCode).toBe(401);
    }
    // The sixth failure sets a 1 s wait.
    expect((await login('carol', 'wrong password number 6', '10.2.0.6')).statusCode).toBe(401);
    const blocked = await login('carol', 'assessor passphrase for tests', '10.2.0.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.json().error.code).toBe('too-many-attempts');
    server.clock.advance(1100);
    expect((await login('carol', 'wrong password number 7', '10.2.0.8')).statusCode).toBe(401);
    const twoSeconds = await login('carol', 'assessor passphrase for tests', '10.2.0.9');
    expect(twoSeconds.statusCode).toBe(429);
    expect(twoSeconds.headers['retry-after']).toBe('2');
    server.clock.advance(2100);
    // The right password now works and starts the account's count afresh.
    expect((await login('carol', 'assessor passphrase for tests', '10.2.0.10')).statusCode).toBe(200);
    expect((await login('carol', 'wrong password again', '10.2.0.11')).statusCode).toBe(401);
    expect((await login('carol', 'assessor passphrase for tests', '10.2.0.12')).statusCode).toBe(200);
  });

  it('caps the wait at 15 minutes', async () => {
    for (let i = 0; i < 30; i += 1) {
      await login('ghost-account', 'guess', `10.3.${i}.1`);
      server.clock.advance(16 * 60 * 1000);
    }
    await login('ghost-account', 'guess', '10.3.200.1');
    const r = await login('ghost-account', 'guess', '10.3.201.1');
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe(String(15 * 60));
  });

  it('slows down an address that tries many accounts, after 20 free attempts', async () => {
    for (let i = 0; i < 21; i += 1) {
      expect((await login(`user-${i}`, 'guess guess guess', '10.9.9.9')).statusCode).toBe(401);
    }
    const r = await login('carol', 'assessor passphrase for tests', '10.9.9.9');
    expect(r.statusCode).toBe(429);
    // Another address is not affected.
    expect((await login('carol', 'assessor passphrase for tests', '10.9.9.10')).statusCode).toBe(200);
  });

  it('counts a burst of parallel guesses before checking any: no more checks than one by one, then 429', async () => {
    // One by one with no time passing, the free attempts fail (401) and so does the one that sets
    // the first wait; everything after is refused unchecked. A burst must get exactly that.
    const checkedOneByOne = ACCOUNT_POLICY.freeAttempts + 1;
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('burst-target', `wrong guess number ${i}`, `10.6.0.${i}`)),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checkedOneByOne);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checkedOneByOne);
    const row = await server.workspace.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', 'account:burst-target')
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(checkedOneByOne);
    // The right password, inside a second burst while blocked, is not accepted either.
    const second = await Promise.all([
      login('burst-target', 'wrong guess again', '10.6.1.1'),
      login('burst-target', 'viewer passphrase for tests', '10.6.1.2'),
      login('burst-target', 'wrong guess once more', '10.6.1.3'),
    ]);
    expect(second.map((r) => r.statusCode)).toEqual([429, 429, 429]);
    server.clock.advance(1100);
    expect((await login('burst-target', 'viewer passphrase for tests', '10.6.1.4')).statusCode).toBe(200);
  });

  it('counts a burst from one address across accounts the same way', async () => {
    const checkedOneByOne = ADDRESS_POLICY.freeAttempts + 1;
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(`burst-account-${i}`, 'guess guess guess', '10.7.7.7')),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checkedOneByOne);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checkedOneByOne);
    server.clock.advance(1100);
  });

  it('throttles wrong current passwords on a password change like logins, on the account', async () => {
    const target = await logInAs(server, 'change-target', 'viewer passphrase for tests');
    const change = (currentPassword: string) =>
      send(server.app, target, 'PUT', '/api/v1/session/password', {
        currentPassword,
        newPassword: 'a brand new passphrase here',
      });
    const checkedOneByOne = ACCOUNT_POLICY.freeAttempts + 1;
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => change(`not my password ${i}`)));
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checkedOneByOne);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - checkedOneByOne);
    // While blocked even the right current password is refused unchecked, and so is a login.
    expect((await change('viewer passphrase for tests')).statusCode).toBe(429);
    expect((await login('change-target', 'viewer passphrase for tests', '10.8.0.1')).statusCode).toBe(429);
    server.clock.advance(1100);
    expect((await change('viewer passphrase for tests')).statusCode).toBe(200);
    // A success starts the account's count afresh.
    const row = await server.workspace.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', 'account:change-target')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('keeps the throttle through a restart (it is in the database)', async () => {
    for (let i = 0; i < 7; i += 1) await login('dave-the-target', 'guess guess guess', `10.4.0.${i}`);
    const restarted = await buildApp({ workspace: server.workspace, passwordHashing: CHEAP_SCRYPT });
    await restarted.app.ready();
    const r = await restarted.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'dave-the-target', password: 'guess guess guess' },
      remoteAddress: '10.4.1.1',
    });
    expect(r.statusCode).toBe(429);
    await restarted.app.close();
  });

  it('ends a session after an hour without use, and 12 hours after login whatever happens', async () => {
    const carol = await logInAs(server, 'carol', 'assessor passphrase for tests');
    server.clock.advance(59 * 60 * 1000);
    expect((await send(server.app, carol, 'GET', '/api/v1/session')).statusCode).toBe(200);
    server.clock.advance(61 * 60 * 1000);
    expect((await send(server.app, carol, 'GET', '/api/v1/session')).statusCode).toBe(401);

    const busy = await logInAs(server, 'carol', 'assessor passphrase for tests');
    // Used every 50 minutes: never idle for an hour, yet over after 12 hours.
    for (let step = 1; step * 50 < 12 * 60; step += 1) {
      server.clock.advance(50 * 60 * 1000);
      expect((await send(server.app, busy, 'GET', '/api/v1/session')).statusCode).toBe(200);
    }
    server.clock.advance(50 * 60 * 1000);
    expect((await send(server.app, busy, 'GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('stores only the hash of a session token, and rotates the session at login', async () => {
    const first = await logInAs(server, 'carol', 'assessor passphrase for tests');
    const token = (first.headers.cookie ?? '').split('=')[1] ?? '';
    const stored = await server.workspace.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // Logging in again from the same browser ends the old session.
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { cookie: first.headers.cookie ?? '' },
      payload: { username: 'carol', password: 'assessor passphrase for tests' },
    });
    expect(again.statusCode).toBe(200);
    expect((await send(server.app, first, 'GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('logs out: the cookie stops working and is cleared', async () => {
    const carol = await logInAs(server, 'carol', 'assessor passphrase for tests');
    const out = await send(server.app, carol, 'DELETE', '/api/v1/session');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'iotassure_session');
    expect(cleared?.value).toBe('');
    expect((await send(server.app, carol, 'GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('changes a password only with the current one, by the rules, and ends every session of the user', async () => {
    const here = await logInAs(server, 'carol', 'assessor passphrase for tests');
    const elsewhere = await logInAs(server, 'carol', 'assessor passphrase for tests');
    const wrong = await send(server.app, here, 'PUT', '/api/v1/session/password', {
      currentPassword: 'not my password at all',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(401);
    const weak = await send(server.app, here, 'PUT', '/api/v1/session/password', {
      currentPassword: 'assessor passphrase for tests',
      newPassword: 'carol is my name ok',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({
      code: 'weak-password',
      message: 'the password must not contain the user name',
    });
    const changed = await send(server.app, here, 'PUT', '/api/v1/session/password', {
      currentPassword: 'assessor passphrase for tests',
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect((await send(server.app, elsewhere, 'GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await send(server.app, here, 'GET', '/api/v1/session')).statusCode).toBe(401);
    const cookie = changed.cookies.find((c) => c.name === 'iotassure_session');
    const fresh: Caller = {
      label: 'carol',
      headers: { cookie: `iotassure_session=${cookie?.value}` },
      csrf: changed.json().csrfToken,
    };
    expect((await send(server.app, fresh, 'GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await login('carol', 'assessor passphrase for tests', '10.5.0.1')).statusCode).toBe(401);
    expect((await login('carol', 'a brand new passphrase', '10.5.0.2')).statusCode).toBe(200);
  });

  it('refuses a disabled user, and ends their sessions', async () => {
    // Earlier tests moved the clock by hours: the administrator logs in afresh.
    admin = await logInAs(server, 'admin', ADMIN_PASSWORD);
    const created = await send(server.app, admin, 'POST', '/api/v1/users', {
      username: 'erin',
      displayName: 'Erin',
      role: 'viewer',
      password: 'a passphrase for E',
    });
    expect(created.statusCode).toBe(201);
    const erin = await logInAs(server, 'erin', 'a passphrase for E');
    const disabled = await send(server.app, admin, 'PATCH', `/api/v1/users/${created.json().id}`, {
      disabled: true,
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await send(server.app, erin, 'GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await login('erin', 'a passphrase for E', '10.6.0.1')).statusCode).toBe(401);
  });
});

describe('the Secure cookie flag', () => {
  it('is set when the server is configured for https', async () => {
    const server = await startTestServer('sqlite');
    try {
      const secure = await buildApp({
        workspace: server.workspace,
        passwordHashing: CHEAP_SCRYPT,
        secureCookies: true,
      });
      await secure.app.ready();
      const token = await issueSetupToken(server.workspace);
      const r = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: setupBody(token ?? ''),
      });
      expect(r.statusCode).toBe(201);
      expect(r.cookies.find((c) => c.name === 'iotassure_session')?.secure).toBe(true);
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
      await secure.app.close();
    } finally {
      await server.close();
    }
  });
});
