/**
 * First-run setup: no default credentials. While no user exists, the server prints a one-time link
 * with a random token at each start; presenting the token here creates the first administrator and
 * consumes it atomically (of two requests with the same token, exactly one succeeds).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditSessionEvent, createSession } from '../../workspace/sessions.js';
import { createFirstAdministrator, setupRequired } from '../../workspace/setup-token.js';
import { PUBLIC } from '../access/route-access.js';
import { sessionSchema, setupBodySchema, setupStatusSchema } from '../api/session-schemas.js';
import { SESSION_TIMES } from '../auth/authenticate.js';
import { hashPassword } from '../auth/password-hash.js';
import { passwordProblem } from '../auth/password-policy.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import { ApiError } from '../http-errors.js';
import { sessionBody } from '../presenters/session-presenter.js';
import type { ServerContext } from '../server-context.js';

export const setupRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;
  const tags = ['setup'];

  app.get(
    '/api/v1/setup',
    { config: { access: PUBLIC }, schema: { tags, response: { 200: setupStatusSchema } } },
    async () => ({ required: await setupRequired(ws) }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: PUBLIC },
      schema: { tags, body: setupBodySchema, response: { 201: sessionSchema } },
    },
    async (request, reply) => {
      const { token, username, displayName, password } = request.body;
      if (!(await setupRequired(ws))) {
        throw new ApiError(
          'conflict',
          'setup is already done: log in, or ask an administrator for an account',
        );
      }
      // Checked before the token is consumed, so a weak password does not use up the link.
      const problem = passwordProblem(password, username);
      if (problem) throw new ApiError('weak-password', problem);
      const passwordHash = await hashPassword(password, context.passwordHashing);
      const user = await createFirstAdministrator(ws, token, { username, displayName, passwordHash });
      const session = await createSession(ws, user.id, SESSION_TIMES);
      await auditSessionEvent(ws, { kind: 'user', id: user.id, label: user.username }, 'logged-in');
      setSessionCookie(reply, session.token, context.secureCookies, new Date(session.expiresAt));
      return reply.code(201).send(sessionBody(user, session));
    },
  );
};
