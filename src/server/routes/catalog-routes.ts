/** The catalog for the web UI: guidelines, requirements, profile questions. Read-only, any role. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VIEWER } from '../access/route-access.js';
import {
  catalogGuidelinesSchema,
  catalogRequirementsSchema,
  profileQuestionsSchema,
} from '../api/catalog-schemas.js';
import { catalogGuidelines, catalogRequirements, profileQuestions } from '../presenters/catalog-presenter.js';
import type { ServerContext } from '../server-context.js';

export const catalogRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ctx = context.workspace.ctx;
  // The catalog does not change while the server runs: build each answer once.
  const guidelines = catalogGuidelines(ctx);
  const requirements = catalogRequirements(ctx);
  const questions = profileQuestions(ctx);
  const tags = ['catalog'];

  app.get(
    '/api/v1/catalog/guidelines',
    { config: { access: VIEWER }, schema: { tags, response: { 200: catalogGuidelinesSchema } } },
    async () => guidelines,
  );
  app.get(
    '/api/v1/catalog/requirements',
    { config: { access: VIEWER }, schema: { tags, response: { 200: catalogRequirementsSchema } } },
    async () => requirements,
  );
  app.get(
    '/api/v1/catalog/profile-questions',
    { config: { access: VIEWER }, schema: { tags, response: { 200: profileQuestionsSchema } } },
    async () => questions,
  );
};
