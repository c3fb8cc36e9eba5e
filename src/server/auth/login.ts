/**
 * Logging in: throttle check, password check (against a dummy hash when the user does not exist,
 * so timing does not reveal accounts), then a fresh session. One answer for every failure — wrong
 * name, wrong password, disabled account — so the login form reveals nothing either.
 */
import {
  clearLoginFailures,
  releaseLoginAttempt,
  reserveLoginAttempt,
  type ThrottledKey,
} from '../../workspace/login-throttle.js';
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

function tooManyAttempts(waitMilliseconds: number): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMilliseconds / 1000));
  return new ApiError(
    'too-many-attempts',
    `too many failed logins; try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}`,
    { retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

/**
 * Reserves one attempt against every key before a password is checked (reserveLoginAttempt: a
 * burst of parallel guesses gets no more checks than the same guesses one by one); while any key
 * is blocked, throws 429 with the wait and the password is not even checked.
 */
export async function reserveAttemptOrThrow(
  context: ServerContext,
  keys: readonly ThrottledKey[],
): Promise<void> {
  const reservation = await reserveLoginAttempt(context.workspace, keys);
  if (!reservation.allowed) {
    throw tooManyAttempts(new Date(reservation.blockedUntil).getTime() - context.now().getTime());
  }
}

export async function logIn(
  context: ServerContext,
  username: string,
  password: string,
  address: string,
): Promise<LoginResult> {
  const ws = context.workspace;
  const keys = throttleKeys(usernameKey(username), address);
  // Counted as a failure until the password proves right; while blocked, guessing gets no answer.
  await reserveAttemptOrThrow(context, [
    { key: keys.account, policy: ACCOUNT_POLICY },
    { key: keys.address, policy: ADDRESS_POLICY },
  ]);

  const user = await findUserCredentials(ws, username);
  const hash = user?.passwordHash ?? (await dummyHash(context.passwordHashing));
  const { ok } = await verifyPassword(password, hash, context.passwordHashing);
  if (!user || !ok || user.disabled) {
    // The reservation already counted this failure.
    throw new ApiError('bad-credentials', 'the user name or password is wrong, or the account is disabled');
  }
  // The account starts afresh; the address keeps its earlier failures (one good login must not
  // hide guessing) but not this attempt's reservation.
  await clearLoginFailures(ws, [keys.account]);
  await releaseLoginAttempt(ws, [keys.address]);
  const session = await createSession(ws, user.id, SESSION_TIMES);
  await auditSessionEvent(ws, { kind: 'user', id: user.id, label: user.username }, 'logged-in');
  const { passwordHash: _hash, ...view } = user;
  return { user: view, session };
}
