/** Products and their profiles: the portfolio, create, read, edit, archive; profile answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { latestChange } from '../../workspace/audit-log.js';
import { queryPortfolio } from '../../workspace/portfolio.js';
import { getProductDetail } from '../../workspace/product-detail.js';
import { archiveProduct, createProduct, unarchiveProduct, updateProduct } from '../../workspace/products.js';
import { getProfile, setProfileAnswers } from '../../workspace/profile.js';
import { actorOf } from '../access/principal.js';
import { requirePrincipal } from '../access/require-principal.js';
import { ASSESSOR, VIEWER } from '../access/route-access.js';
import {
  createProductBodySchema,
  portfolioQuerySchema,
  portfolioSchema,
  productDetailSchema,
  productIdParamsSchema,
  productSchema,
  revisionBodySchema,
  updateProductBodySchema,
} from '../api/product-schemas.js';
import { profileSchema, putProfileBodySchema, putProfileResponseSchema } from '../api/profile-schemas.js';
import { productDetailBody } from '../presenters/detail-body.js';
import { warningsOf } from '../presenters/finding-presenter.js';
import { JSON_CONTENT_TYPE, preserialized } from '../presenters/preserialized.js';
import { VersionedCache } from '../read-cache.js';
import type { ServerContext } from '../server-context.js';

export const productRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;
  const tags = ['products'];
  // About 150 KB per product detail and 30 KB per portfolio page: a few tens of MB at most.
  const detailCache = new VersionedCache<string>(100);
  const portfolioCache = new VersionedCache<string>(50);
  const profileCache = new VersionedCache<string>(100);

  app.get(
    '/api/v1/products',
    {
      config: { access: VIEWER },
      schema: { tags, querystring: portfolioQuerySchema, response: { 200: portfolioSchema } },
    },
    async (request, reply) => {
      const body = await portfolioCache.getOrCompute(
        JSON.stringify(request.query),
        await latestChange(ws, null),
        async () => preserialized(portfolioSchema, await queryPortfolio(ws, request.query)),
      );
      return reply.type(JSON_CONTENT_TYPE).send(body as never);
    },
  );

  app.post(
    '/api/v1/products',
    {
      config: { access: ASSESSOR },
      schema: { tags, body: createProductBodySchema, response: { 201: productSchema } },
    },
    async (request, reply) => {
      const product = await createProduct(ws, actorOf(requirePrincipal(request)), request.body);
      return reply.code(201).send(product);
    },
  );

  app.get(
    '/api/v1/products/:productId',
    {
      config: { access: VIEWER },
      schema: { tags, params: productIdParamsSchema, response: { 200: productDetailSchema } },
    },
    async (request, reply) => {
      const id = request.params.productId;
      const body = await detailCache.getOrCompute(id, await latestChange(ws, id), async () =>
        productDetailBody(await getProductDetail(ws, id)),
      );
      return reply.type(JSON_CONTENT_TYPE).send(body as never);
    },
  );

  app.patch(
    '/api/v1/products/:productId',
    {
      config: { access: ASSESSOR },
      schema: {
        tags,
        params: productIdParamsSchema,
        body: updateProductBodySchema,
        response: { 200: productSchema },
      },
    },
    async (request) => {
      const { expectedRevision, ...changes } = request.body;
      return updateProduct(
        ws,
        actorOf(requirePrincipal(request)),
        request.params.productId,
        expectedRevision,
        changes,
      );
    },
  );

  for (const [action, change] of [
    ['archive', archiveProduct],
    ['unarchive', unarchiveProduct],
  ] as const) {
    app.post(
      `/api/v1/products/:productId/${action}`,
      {
        config: { access: ASSESSOR },
        schema: {
          tags,
          params: productIdParamsSchema,
          body: revisionBodySchema,
          response: { 200: productSchema },
        },
      },
      async (request) =>
        change(
          ws,
          actorOf(requirePrincipal(request)),
          request.params.productId,
          request.body.expectedRevision,
        ),
    );
  }

  app.get(
    '/api/v1/products/:productId/profile',
    {
      config: { access: VIEWER },
      schema: { tags, params: productIdParamsSchema, response: { 200: profileSchema } },
    },
    async (request, reply) => {
      const id = request.params.productId;
      const body = await profileCache.getOrCompute(id, await latestChange(ws, id), async () =>
        preserialized(profileSchema, await getProfile(ws, id)),
      );
      return reply.type(JSON_CONTENT_TYPE).send(body as never);
    },
  );

  app.put(
    '/api/v1/products/:productId/profile',
    {
      config: { access: ASSESSOR },
      schema: {
        tags,
        params: productIdParamsSchema,
        body: putProfileBodySchema,
        response: { 200: putProfileResponseSchema },
      },
    },
    async (request) => {
      const { profile, findings } = await setProfileAnswers(
        ws,
        actorOf(requirePrincipal(request)),
        request.params.productId,
        request.body.expectedRevision,
        request.body.answers,
      );
      return { profile, warnings: warningsOf(findings) };
    },
  );
};
