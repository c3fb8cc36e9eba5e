/** Administration: users and API tokens. Administrators only. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../workspace/api-tokens.js';
import { createUser, listUsers, updateUser } from '../../workspace/users.js';
import { actorOf } from '../access/principal.js';
import { requirePrincipal } from '../access/require-principal.js';
import { roleAtLeast } from '../access/roles.js';
import { ADMINISTRATOR } from '../access/route-access.js';
import { userSchema } from '../api/session-schemas.js';
import {
  apiTokenSchema,
  createdTokenSchema,
  createTokenBodySchema,
  createUserBodySchema,
  tokenIdParamsSchema,
  tokenListSchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userListSchema,
} from '../api/user-schemas.js';
import { hashPassword } from '../auth/password-hash.js';
import { passwordProblem } from '../auth/password-policy.js';
import { ApiError } from '../http-errors.js';
import type { ServerContext } from '../server-context.js';

export const accountRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;

  app.get(
    '/api/v1/users',
    { config: { access: ADMINISTRATOR }, schema: { tags: ['users'], response: { 200: userListSchema } } },
    async () => ({ items: await listUsers(ws) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: ADMINISTRATOR },
      schema: { tags: ['users'], body: createUserBodySchema, response: { 201: userSchema } },
    },
    async (request, reply) => {
      const { username, displayName, role, password } = request.body;
      const problem = passwordProblem(password, username);
      if (problem) throw new ApiError('weak-password', problem);
      const passwordHash = await hashPassword(password, context.passwordHashing);
      const user = await createUser(ws, actorOf(requirePrincipal(request)), {
        username,
        displayName,
        role,
        passwordHash,
      });
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/api/v1/users/:userId',
    {
      config: { access: ADMINISTRATOR },
      schema: {
        tags: ['users'],
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      updateUser(ws, actorOf(requirePrincipal(request)), request.params.userId, request.body),
  );

  app.get(
    '/api/v1/tokens',
    { config: { access: ADMINISTRATOR }, schema: { tags: ['tokens'], response: { 200: tokenListSchema } } },
    async () => ({ items: await listApiTokens(ws) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { access: ADMINISTRATOR },
      schema: { tags: ['tokens'], body: createTokenBodySchema, response: { 201: createdTokenSchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      // A token never holds more than the person (or token) creating it.
      if (!roleAtLeast(principal.role, request.body.role)) {
        throw new ApiError('forbidden', `a token cannot have a role above yours (${principal.role})`);
      }
      const created = await createApiToken(ws, actorOf(principal), {
        name: request.body.name,
        role: request.body.role,
        createdBy: principal.user.id,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/tokens/:tokenId',
    {
      config: { access: ADMINISTRATOR },
      schema: { tags: ['tokens'], params: tokenIdParamsSchema, response: { 200: apiTokenSchema } },
    },
    async (request) => revokeApiToken(ws, actorOf(requirePrincipal(request)), request.params.tokenId),
  );
};
