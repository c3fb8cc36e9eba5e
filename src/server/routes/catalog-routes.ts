/** The catalog for the web UI: guidelines, requirements, profile questions. Read-only, any role. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VIEWER } from '../access/route-access.js';
import {
  catalogGuidelinesSchema,
  catalogRequirementsSchema,
  profileQuestionsSchema,
} from '../api/catalog-schemas.js';
import { catalogGuidelines, catalogRequirements, profileQuestions } from '../presenters/catalog-presenter.js';
import { JSON_CONTENT_TYPE, preserialized } from '../presenters/preserialized.js';
import type { ServerContext } from '../server-context.js';

export const catalogRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ctx = context.workspace.ctx;
  // The catalog does not change while the server runs: build and serialise each answer once.
  const guidelines = preserialized(catalogGuidelinesSchema, catalogGuidelines(ctx));
  const requirements = preserialized(catalogRequirementsSchema, catalogRequirements(ctx));
  const questions = preserialized(profileQuestionsSchema, profileQuestions(ctx));
  const tags = ['catalog'];

  app.get(
    '/api/v1/catalog/guidelines',
    { config: { access: VIEWER }, schema: { tags, response: { 200: catalogGuidelinesSchema } } },
    async (_request, reply) => reply.type(JSON_CONTENT_TYPE).send(guidelines as never),
  );
  app.get(
    '/api/v1/catalog/requirements',
    { config: { access: VIEWER }, schema: { tags, response: { 200: catalogRequirementsSchema } } },
    async (_request, reply) => reply.type(JSON_CONTENT_TYPE).send(requirements as never),
  );
  app.get(
    '/api/v1/catalog/profile-questions',
    { config: { access: VIEWER }, schema: { tags, response: { 200: profileQuestionsSchema } } },
    async (_request, reply) => reply.type(JSON_CONTENT_TYPE).send(questions as never),
  );
};
