/** The append-only audit trail of a product: who, when, what, before and after. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { productHistory } from '../../workspace/history.js';
import { VIEWER } from '../access/route-access.js';
import { historyQuerySchema, historySchema } from '../api/history-schemas.js';
import { productIdParamsSchema } from '../api/product-schemas.js';
import type { ServerContext } from '../server-context.js';
import { unknownIdIsNotFound } from './record-routes.js';

export const historyRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  app.get(
    '/api/v1/products/:productId/history',
    {
      config: { access: VIEWER },
      schema: {
        tags: ['history'],
        params: productIdParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historySchema },
      },
    },
    async (request) =>
      unknownIdIsNotFound(() => productHistory(context.workspace, request.params.productId, request.query)),
  );
};
