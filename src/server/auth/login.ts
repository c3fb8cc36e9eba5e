/**
 * Logging in: throttle check, password check (against a dummy hash when the user does not exist,
 * so timing does not reveal accounts), then a fresh session. One answer for every failure — wrong
 * name, wrong password, disabled account — so the login form reveals nothing either.
 */
import { clearLoginFailures, loginBlockedUntil, recordLoginFailure } from '../../workspace/login-throttle.js';
import { auditSessionEvent, createSession, type NewSession } from '../../workspace/sessions.js';
import { findUserCredentials, type UserView, usernameKey } from '../../workspace/users.js';
import { ApiError } from '../http-errors.js';
import type { ServerContext } from '../server-context.js';
import { SESSION_TIMES } from './authenticate.js';
import { ACCOUNT_POLICY, ADDRESS_POLICY, throttleKeys } from './login-throttle.js';
import { dummyHash, verifyPassword } from './password-hash.js';

export interface LoginResult {
  readonly user: UserView;
  readonly session: NewSession;
}

export function tooManyAttempts(waitMilliseconds: number): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMilliseconds / 1000));
  return new ApiError(
    'too-many-attempts',
    `too many failed logins; try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}`,
    { retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

export async function logIn(
  context: ServerContext,
  username: string,
  password: string,
  address: string,
): Promise<LoginResult> {
  const ws = context.workspace;
  const keys = throttleKeys(usernameKey(username), address);
  const blockedUntil = await loginBlockedUntil(ws, [keys.account, keys.address]);
  // While blocked, the password is not even checked: guessing gets no answer at all.
  if (blockedUntil) throw tooManyAttempts(new Date(blockedUntil).getTime() - context.now().getTime());

  const user = await findUserCredentials(ws, username);
  const hash = user?.passwordHash ?? (await dummyHash(context.passwordHashing));
  const { ok } = await verifyPassword(password, hash, context.passwordHashing);
  if (!user || !ok || user.disabled) {
    await recordLoginFailure(ws, [keys.account], ACCOUNT_POLICY);
    await recordLoginFailure(ws, [keys.address], ADDRESS_POLICY);
    throw new ApiError('bad-credentials', 'the user name or password is wrong, or the account is disabled');
  }
  // The account starts afresh; the address keeps its count (one good login must not hide guessing).
  await clearLoginFailures(ws, [keys.account]);
  const session = await createSession(ws, user.id, SESSION_TIMES);
  await auditSessionEvent(ws, { kind: 'user', id: user.id, label: user.username }, 'logged-in');
  const { passwordHash: _hash, ...view } = user;
  return { user: view, session };
}
