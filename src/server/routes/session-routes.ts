/** Log in and out, the current session (with its CSRF token), password change, the password rules. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clearLoginFailures } from '../../workspace/login-throttle.js';
import { auditSessionEvent, createSession, deleteSession } from '../../workspace/sessions.js';
import { getUser, getUserCredentials, setPasswordHash, usernameKey } from '../../workspace/users.js';
import { actorOf, type Principal } from '../access/principal.js';
import { requirePrincipal } from '../access/require-principal.js';
import { PUBLIC, SESSION_USER, VIEWER } from '../access/route-access.js';
import { noContentSchema } from '../api/common-schemas.js';
import {
  changePasswordBodySchema,
  loginBodySchema,
  passwordPolicySchema,
  sessionSchema,
} from '../api/session-schemas.js';
import { SESSION_TIMES } from '../auth/authenticate.js';
import { logIn, reserveAttemptOrThrow } from '../auth/login.js';
import { ACCOUNT_POLICY, throttleKeys } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/password-hash.js';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  passwordProblem,
} from '../auth/password-policy.js';
import { clearSessionCookie, sessionCookieToken, setSessionCookie } from '../auth/session-cookie.js';
import { ApiError } from '../http-errors.js';
import { sessionBody } from '../presenters/session-presenter.js';
import type { ServerContext } from '../server-context.js';

export const sessionRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;
  const tags = ['session'];

  app.get(
    '/api/v1/password-policy',
    { config: { access: PUBLIC }, schema: { tags, response: { 200: passwordPolicySchema } } },
    async () => ({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, rules: PASSWORD_RULES }),
  );

  app.post(
    '/api/v1/session',
    {
      config: { access: PUBLIC },
      schema: { tags, body: loginBodySchema, response: { 200: sessionSchema } },
    },
    async (request, reply) => {
      const { user, session } = await logIn(
        context,
        request.body.username,
        request.body.password,
        request.ip,
      );
      // Rotation: whatever session this browser had before is ended, never reused.
      const previous = sessionCookieToken(request);
      if (previous) await deleteSession(ws, previous);
      setSessionCookie(reply, session.token, context.secureCookies, new Date(session.expiresAt));
      return sessionBody(user, session);
    },
  );

  app.get(
    '/api/v1/session',
    { config: { access: VIEWER }, schema: { tags, response: { 200: sessionSchema } } },
    async (request) => sessionView(request.principal),
  );

  app.delete(
    '/api/v1/session',
    { config: { access: SESSION_USER }, schema: { tags, response: { 204: noContentSchema } } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const token = sessionCookieToken(request);
      if (token) await deleteSession(ws, token);
      await auditSessionEvent(ws, actorOf(principal), 'logged-out');
      clearSessionCookie(reply, context.secureCookies);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/session/password',
    {
      config: { access: SESSION_USER },
      schema: { tags, body: changePasswordBodySchema, response: { 200: sessionSchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const user = await getUserCredentials(ws, principal.user.id);
      // Each check costs a full scrypt and a stolen session could guess the current password with
      // it, so it is throttled like a login, on the account's own key.
      const accountThrottleKey = throttleKeys(usernameKey(user.username), request.ip).account;
      await reserveAttemptOrThrow(context, [{ key: accountThrottleKey, policy: ACCOUNT_POLICY }]);
      const { ok } = await verifyPassword(
        request.body.currentPassword,
        user.passwordHash,
        context.passwordHashing,
      );
      if (!ok) throw new ApiError('bad-credentials', 'the current password is wrong');
      await clearLoginFailures(ws, [accountThrottleKey]);
      const problem = passwordProblem(request.body.newPassword, user.username);
      if (problem) throw new ApiError('weak-password', problem);
      if (request.body.newPassword === request.body.currentPassword) {
        throw new ApiError('weak-password', 'the new password must differ from the current one');
      }
      const hash = await hashPassword(request.body.newPassword, context.passwordHashing);
      // Every session of the user ends, this one included; this browser gets a fresh one.
      const updated = await setPasswordHash(ws, actorOf(principal), user.id, hash, null);
      const session = await createSession(ws, user.id, SESSION_TIMES);
      setSessionCookie(reply, session.token, context.secureCookies, new Date(session.expiresAt));
      return sessionBody(updated, session);
    },
  );

  async function sessionView(principal: Principal | null) {
    if (!principal) throw new ApiError('unauthenticated', 'log in first');
    const user = await getUser(ws, principal.user.id);
    return principal.kind === 'session'
      ? sessionBody(user, principal)
      : { user, via: 'token' as const, csrfToken: null, expiresAt: null, tokenRole: principal.tokenRole };
  }
};
