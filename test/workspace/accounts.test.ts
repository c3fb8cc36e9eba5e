import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  findApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../src/workspace/api-tokens.js';
import {
  accountKey,
  addressKey,
  clearLoginFailures,
  DEFAULT_THROTTLE_POLICY,
  releaseLoginAttempt,
  reserveLoginAttempt,
  throttleDelayMs,
} from '../../src/workspace/login-throttle.js';
import { createSession, deleteSession, findSession } from '../../src/workspace/sessions.js';
import { createFirstAdministrator, issueSetupToken, setupRequired } from '../../src/workspace/setup-token.js';
import {
  countUsers,
  createUser,
  findUserCredentials,
  listUsers,
  setPasswordHash,
  updateUser,
  usernameKey,
} from '../../src/workspace/users.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { ConflictError, NotFoundError, SetupTokenError } from '../../src/workspace/workspace-errors.js';
import { freshDatabase, TEST_DATABASES, type TestDatabase } from '../storage/test-databases.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const TIMES = { maxAgeMs: 8 * 3600_000, idleMs: 3600_000 };

describe.each(TEST_DATABASES)('accounts on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  let clock = new Date('2026-06-01T09:00:00.000Z');
  const at = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace({ now: () => clock });
  });
  afterAll(async () => test?.dispose());

  it('sets up once: the token creates the first administrator and then stops working', async () => {
    expect(await setupRequired(ws)).toBe(true);
    const stale = await issueSetupToken(ws);
    const token = await issueSetupToken(ws);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the latest link works, and only its hash is stored.
    await expect(
      createFirstAdministrator(ws, stale as string, { username: 'x', displayName: 'X', passwordHash: 'h' }),
    ).rejects.toBeInstanceOf(SetupTokenError);
    const rows = await ws.db.selectFrom('setup_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toEqual([sha256(token as string)]);
    // Two requests racing with the same token: exactly one wins.
    const results = await Promise.allSettled([
      createFirstAdministrator(ws, token as string, {
        username: 'Admin',
        displayName: 'The Admin',
        passwordHash: 'scrypt$1',
      }),
      createFirstAdministrator(ws, token as string, {
        username: 'Mallory',
        displayName: 'M',
        passwordHash: 'scrypt$2',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // Refused either as "already used" or "setup already done", depending on who got there first.
    expect(failure.reason instanceof SetupTokenError || failure.reason instanceof ConflictError).toBe(true);
    expect(await countUsers(ws)).toBe(1);
    const admin = (await listUsers(ws))[0];
    expect(admin).toMatchObject({ username: 'Admin', role: 'administrator', disabled: false });
    expect(await setupRequired(ws)).toBe(false);
    expect(await issueSetupToken(ws)).toBeNull();
    await expect(
      createFirstAdministrator(ws, token as string, { username: 'y', displayName: 'Y', passwordHash: 'h' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('keeps user names unique ignoring case and width, and never returns the hash in a view', async () => {
    const admin = { kind: 'user' as const, id: 'a', label: 'Admin' };
    const alice = await createUser(ws, admin, {
      username: 'Alice',
      displayName: 'Alice A.',
      role: 'assessor',
      passwordHash: 'scrypt$a',
    });
    expect(alice).not.toHaveProperty('passwordHash');
    for (const name of ['alice', 'ALICE', 'ＡＬＩＣＥ', ' alice ']) {
      await expect(
        createUser(ws, admin, { username: name, displayName: 'x', role: 'viewer', passwordHash: 'h' }),
      ).rejects.toBeInstanceOf(ConflictError);
    }
    expect(usernameKey('ＡＬＩＣＥ')).toBe('alice');
    expect((await findUserCredentials(ws, 'aLiCe'))?.passwordHash).toBe('scrypt$a');
    expect(await findUserCredentials(ws, 'nobody')).toBeNull();
  });

  it('will not demote or disable the last active administrator', async () => {
    const [admin] = (await listUsers(ws)).filter((u) => u.role === 'administrator');
    const actor = { kind: 'user' as const, id: admin?.id as string, label: 'Admin' };
    await expect(updateUser(ws, actor, admin?.id as string, { role: 'viewer' })).rejects.toThrow(
      /only active administrator/,
    );
    await expect(updateUser(ws, actor, admin?.id as string, { disabled: true })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const second = await createUser(ws, actor, {
      username: 'root2',
      displayName: 'R2',
      role: 'administrator',
      passwordHash: 'h',
    });
    expect((await updateUser(ws, actor, admin?.id as string, { role: 'assessor' })).role).toBe('assessor');
    await updateUser(ws, actor, admin?.id as string, { role: 'administrator' });
    await updateUser(ws, actor, second.id, { disabled: true });
    await expect(updateUser(ws, actor, 'nope', { role: 'viewer' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps sessions by hash; they end at expiry, when idle, on logout, on disable and on password change', async () => {
    const admin = { kind: 'user' as const, id: 'a', label: 'Admin' };
    const bob = await createUser(ws, admin, {
      username: 'bob',
      displayName: 'Bob',
      role: 'viewer',
      passwordHash: 'h1',
    });
    const s1 = await createSession(ws, bob.id, TIMES);
    const stored = await ws.db.selectFrom('sessions').selectAll().where('user_id', '=', bob.id).execute();
    expect(stored.map((r) => r.token_hash)).toEqual([sha256(s1.token)]);
    expect(JSON.stringify(stored)).not.toContain(s1.token);
    expect((await findSession(ws, s1.token, TIMES))?.user.username).toBe('bob');
    expect((await findSession(ws, s1.token, TIMES))?.csrfToken).toBe(s1.csrfToken);
    // Idle for longer than allowed: gone.
    at(TIMES.idleMs + 1000);
    expect(await findSession(ws, s1.token, TIMES)).toBeNull();
    // Active, but past the absolute limit: gone.
    const s2 = await createSession(ws, bob.id, TIMES);
    for (let t = 0; t < TIMES.maxAgeMs; t += TIMES.idleMs / 2) {
      at(TIMES.idleMs / 2);
      if (t + TIMES.idleMs / 2 < TIMES.maxAgeMs)
        expect(await findSession(ws, s2.token, TIMES)).not.toBeNull();
    }
    at(1000);
    expect(await findSession(ws, s2.token, TIMES)).toBeNull();
    // Logout.
    const s3 = await createSession(ws, bob.id, TIMES);
    await deleteSession(ws, s3.token);
    expect(await findSession(ws, s3.token, TIMES)).toBeNull();
    // A password change ends the other sessions but can keep the one that made it.
    const keep = await createSession(ws, bob.id, TIMES);
    const other = await createSession(ws, bob.id, TIMES);
    const changed = await setPasswordHash(ws, admin, bob.id, 'h2', sha256(keep.token));
    expect(changed.passwordChangedAt).toBe(clock.toISOString());
    expect(await findSession(ws, other.token, TIMES)).toBeNull();
    expect(await findSession(ws, keep.token, TIMES)).not.toBeNull();
    // Disabling the user ends them all.
    await updateUser(ws, admin, bob.id, { disabled: true });
    expect(await findSession(ws, keep.token, TIMES)).toBeNull();
    expect(await findSession(ws, 'not-a-token', TIMES)).toBeNull();
  });

  it('stores API tokens by hash, shows the secret once, and stops a revoked token or a disabled creator', async () => {
    const admin = { kind: 'user' as const, id: 'a', label: 'Admin' };
    const carol = await createUser(ws, admin, {
      username: 'carol',
      displayName: 'Carol',
      role: 'administrator',
      passwordHash: 'h',
    });
    const { token, secret } = await createApiToken(ws, admin, {
      name: 'ci-nightly',
      role: 'viewer',
      createdBy: carol.id,
    });
    expect(secret).toMatch(/^iot_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await ws.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(secret);
    expect(token).toMatchObject({
      name: 'ci-nightly',
      role: 'viewer',
      createdBy: { id: carol.id, username: 'carol' },
      lastUsedAt: null,
    });
    const found = await findApiToken(ws, secret);
    expect(found?.creator.username).toBe('carol');
    expect(found?.token.lastUsedAt).toBe(clock.toISOString());
    expect(await findApiToken(ws, `${secret}x`)).toBeNull();
    expect(await findApiToken(ws, 'Bearer nonsense')).toBeNull();
    expect((await listApiTokens(ws)).map((t) => t.name)).toContain('ci-nightly');
    const revoked = await revokeApiToken(ws, admin, token.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await findApiToken(ws, secret)).toBeNull();
    expect((await revokeApiToken(ws, admin, token.id)).revokedAt).toBe(revoked.revokedAt);
    const second = await createApiToken(ws, admin, { name: 'deploy', role: 'assessor', createdBy: carol.id });
    expect(await findApiToken(ws, second.secret)).not.toBeNull();
    await updateUser(ws, admin, carol.id, { disabled: true });
    expect(await findApiToken(ws, second.secret)).toBeNull();
    await expect(revokeApiToken(ws, admin, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('slows failed logins down exponentially per key, and forgets them after a success or a quiet day', async () => {
    const policy = DEFAULT_THROTTLE_POLICY;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => throttleDelayMs(n, policy))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000,
    ]);
    expect(throttleDelayMs(100, policy)).toBe(policy.maxDelayMs);
    const reserve = (...keys: string[]) =>
      reserveLoginAttempt(
        ws,
        keys.map((key) => ({ key, policy })),
      );
    const allowed = { allowed: true };
    const keys = [accountKey('dave'), addressKey('192.0.2.7')];
    // Failures 1-3 are free; the 4th is still allowed and sets the first wait.
    for (let i = 0; i < 4; i++) expect(await reserve(...keys)).toEqual(allowed);
    const until4 = new Date(clock.getTime() + 1000).toISOString();
    expect(await reserve(...keys)).toEqual({ allowed: false, blockedUntil: until4 });
    // Another account from the same address is blocked too; the same account elsewhere as well.
    expect(await reserve(accountKey('erin'), addressKey('192.0.2.7'))).toEqual({
      allowed: false,
      blockedUntil: until4,
    });
    expect(await reserve(accountKey('dave'), addressKey('198.51.100.1'))).toEqual({
      allowed: false,
      blockedUntil: until4,
    });
    // Once the wait is over, the 5th failure doubles it.
    at(1000);
    expect(await reserve(...keys)).toEqual(allowed);
    expect(await reserve(...keys)).toEqual({
      allowed: false,
      blockedUntil: new Date(clock.getTime() + 2000).toISOString(),
    });
    at(2001);
    expect(await reserve(...keys)).toEqual(allowed);
    // Concurrent failures all count.
    const burst = await Promise.all(Array.from({ length: 4 }, () => reserve(accountKey('frank'))));
    expect(burst).toEqual([allowed, allowed, allowed, allowed]);
    const failuresOf = async (key: string) =>
      (await ws.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst())
        ?.failures;
    expect(await failuresOf(accountKey('frank'))).toBe(4);
    // dave is blocked again (6 failures); a success clears the account's count.
    expect((await reserve(accountKey('dave'))).allowed).toBe(false);
    await clearLoginFailures(ws, [accountKey('dave')]);
    expect(await reserve(accountKey('dave'))).toEqual(allowed);
    expect(await failuresOf(accountKey('dave'))).toBe(1);
    // After a quiet day frank's count starts again from zero.
    at(policy.forgetAfterMs + 1);
    expect(await reserve(accountKey('frank'))).toEqual(allowed);
    expect(await failuresOf(accountKey('frank'))).toBe(1);
  });

  it('reserves attempts atomically: of a concurrent burst only the one-by-one number is allowed', async () => {
    const policy = { ...DEFAULT_THROTTLE_POLICY, freeAttempts: 5 };
    const keys = [
      { key: accountKey('grace'), policy },
      { key: addressKey('203.0.113.9'), policy: { ...policy, freeAttempts: 20 } },
    ];
    const results = await Promise.all(Array.from({ length: 30 }, () => reserveLoginAttempt(ws, keys)));
    // Failures 1-5 are free, the 6th sets the first wait; all later ones find the block.
    expect(results.filter((r) => r.allowed)).toHaveLength(6);
    const refused = results.filter((r) => !r.allowed);
    expect(refused).toHaveLength(24);
    const until = new Date(clock.getTime() + 1000).toISOString();
    for (const r of refused) expect(r).toEqual({ allowed: false, blockedUntil: until });
    const rows = await ws.db
      .selectFrom('login_throttle')
      .select(['key', 'failures'])
      .where('key', 'in', [accountKey('grace'), addressKey('203.0.113.9')])
      .orderBy('key')
      .execute();
    expect(rows).toEqual([
      { key: accountKey('grace'), failures: 6 },
      { key: addressKey('203.0.113.9'), failures: 6 },
    ]);
    await releaseLoginAttempt(ws, [addressKey('203.0.113.9')]);
    const address = await ws.db
      .selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', addressKey('203.0.113.9'))
      .executeTakeFirstOrThrow();
    expect(address.failures).toBe(5);
  });

  it('records user and token changes in the audit trail, never a password hash', async () => {
    const events = await ws.db
      .selectFrom('audit_events')
      .selectAll()
      .where('product_id', 'is', null)
      .orderBy('id')
      .execute();
    const actions = events.map((e) => `${e.target_kind}:${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'setup:setup-completed',
        'user:created',
        'user:updated',
        'user:password-changed',
        'api-token:created',
        'api-token:revoked',
      ]),
    );
    const text = JSON.stringify(events);
    for (const hash of ['scrypt$a', 'scrypt$1', 'h1', 'h2']) expect(text).not.toContain(`"${hash}"`);
  });
});
