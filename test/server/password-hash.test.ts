import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCRYPT,
  dummyHash,
  hashPassword,
  verifyPassword,
} from '../../src/server/auth/password-hash.js';

const CHEAP = { version: 'test', N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('uses OWASP-level parameters for new hashes: 32 MiB of memory or more', () => {
    expect(128 * CURRENT_SCRYPT.N * CURRENT_SCRYPT.r).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(CURRENT_SCRYPT.N * CURRENT_SCRYPT.p).toBeGreaterThanOrEqual(2 ** 15 * 3);
  });

  it('stores scheme, version, parameters, salt and key, and verifies with the real parameters', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$v1\$N=32768,r=8,p=3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toEqual({
      ok: true,
      needsRehash: false,
    });
    expect((await verifyPassword('correct horse battery stapler', hash)).ok).toBe(false);
  }, 20_000);

  it('derives the key exactly as scrypt does over the NFKC form (independent check)', async () => {
    const hash = await hashPassword('ﬁne passphrase here', CHEAP);
    const [, , , salt, key] = hash.split('$');
    const expected = scryptSync('fine passphrase here', Buffer.from(salt ?? '', 'base64url'), 32, {
      N: CHEAP.N,
      r: CHEAP.r,
      p: CHEAP.p,
    });
    expect(Buffer.from(key ?? '', 'base64url').equals(expected)).toBe(true);
    // The same password in another Unicode form verifies.
    expect((await verifyPassword('fine passphrase here', hash, CHEAP)).ok).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password twice', CHEAP)).not.toBe(
      await hashPassword('same password twice', CHEAP),
    );
  });

  it('asks for a rehash when the stored parameters are older than the current ones', async () => {
    const old = await hashPassword('a long enough password', CHEAP);
    const stronger = { version: 'test2', N: 2 ** 11, r: 8, p: 1 };
    expect(await verifyPassword('a long enough password', old, stronger)).toEqual({
      ok: true,
      needsRehash: true,
    });
    expect(await verifyPassword('wrong password entirely', old, stronger)).toEqual({
      ok: false,
      needsRehash: false,
    });
  });

  it.each([
    '',
    'plain',
    'scrypt$v1$N=32768,r=8,p=3$c2FsdA$a2V5',
    'scrypt$v1$N=1073741824,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'scrypt$v1$N=1000,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ])('never matches an unreadable or hostile stored hash %j', async (stored) => {
    expect(await verifyPassword('anything at all', stored)).toEqual({ ok: false, needsRehash: false });
  });

  it('has a dummy hash with the same parameters for unknown users', async () => {
    const dummy = await dummyHash(CHEAP);
    expect(dummy).toMatch(/^scrypt\$test\$N=1024,r=8,p=1\$/);
    expect(await dummyHash(CHEAP)).toBe(dummy);
  });
});
