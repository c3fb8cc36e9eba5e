/** Liveness, for monitors and the `serve` test: answers when the server accepts requests. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC } from '../access/route-access.js';
import type { ServerContext } from '../server-context.js';

export const healthRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app) => {
  app.get(
    '/api/v1/health',
    {
      config: { access: PUBLIC },
      schema: { tags: ['server'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
};
