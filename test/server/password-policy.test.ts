import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import {
  normalizePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from '../../src/server/auth/password-policy.js';

describe('password policy (NIST SP 800-63B, CF 2.4.8.4-2.4.8.6)', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple', 'alice')).toBeNull();
  });

  it.each([
    ['', 'blank'],
    ['            ', 'blank'],
    ['\t \u00a0 \u3000      ', 'blank'],
  ])('refuses a blank or whitespace-only password %j (2.4.8.4)', (password) => {
    expect(passwordProblem(password, 'alice')).toMatch(/blank/);
  });

  it('counts characters, not bytes or UTF-16 units, at the minimum length', () => {
    const eleven = '🔒'.repeat(PASSWORD_MIN_LENGTH - 1); // 11 characters, 22 UTF-16 units
    expect(eleven.length).toBe(22);
    expect(passwordProblem(eleven, 'alice')).toMatch(/at least 12 characters .*it has 11/);
    expect(passwordProblem('🔒'.repeat(PASSWORD_MIN_LENGTH), 'alice')).toBeNull();
  });

  it('enforces the maximum length', () => {
    expect(passwordProblem(`${'x'.repeat(PASSWORD_MAX_LENGTH - 5)}abcde`, 'alice')).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH + 1), 'alice')).toMatch(/at most 256/);
  });

  it('refuses a password containing the user name, in any case or width (2.4.8.5)', () => {
    expect(passwordProblem('my name is Alice, hello', 'alice')).toMatch(/user name/);
    expect(passwordProblem('my name is ＡＬＩＣＥ, hello', 'Alice')).toMatch(/user name/);
    expect(passwordProblem('my name is Bob, hello!!', 'alice')).toBeNull();
  });

  it('refuses every common password of 12 or more characters from the zxcvbn list, in any case', () => {
    const long = dictionary['passwords-common'].filter((p) => [...p.normalize('NFKC')].length >= 12);
    expect(long.length).toBeGreaterThan(200);
    for (const p of long) {
      expect(passwordProblem(p, 'zz-nobody')).toMatch(/most commonly used/);
      expect(passwordProblem(p.toUpperCase(), 'zz-nobody')).toMatch(/most commonly used/);
    }
    expect(long).toContain('qwerty123456');
  });

  it('normalises to NFKC, so two spellings of one password are one', () => {
    expect(normalizePassword('ﬁ')).toBe('fi');
    expect(normalizePassword('e\u0301')).toBe('é');
  });
});
