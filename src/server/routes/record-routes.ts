/** Requirement records and guideline attestations: status, justification, assessor, date. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { setGuidelineAttestation, setRequirementRecord } from '../../workspace/records.js';
import { InvalidInputError } from '../../workspace/workspace-errors.js';
import { actorOf } from '../access/principal.js';
import { requirePrincipal } from '../access/require-principal.js';
import { ASSESSOR } from '../access/route-access.js';
import {
  guidelineParamsSchema,
  putRecordBodySchema,
  putRecordResponseSchema,
  requirementParamsSchema,
} from '../api/record-schemas.js';
import { ApiError } from '../http-errors.js';
import { warningsOf } from '../presenters/finding-presenter.js';
import type { ServerContext } from '../server-context.js';

/** An id in the path that names nothing in the catalog is a missing resource (404), not a bad body. */
export async function unknownIdIsNotFound<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (
      error instanceof InvalidInputError &&
      error.issues.length > 0 &&
      error.issues.every((i) => i.code === 'unknown-requirement' || i.code === 'unknown-guideline')
    ) {
      throw new ApiError('not-found', error.message);
    }
    throw error;
  }
}

export const recordRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;
  const tags = ['records'];

  app.put(
    '/api/v1/products/:productId/requirements/:requirementId',
    {
      config: { access: ASSESSOR },
      schema: {
        tags,
        params: requirementParamsSchema,
        body: putRecordBodySchema,
        response: { 200: putRecordResponseSchema },
      },
    },
    async (request) => {
      const { expectedRevision, ...input } = request.body;
      const result = await unknownIdIsNotFound(() =>
        setRequirementRecord(
          ws,
          actorOf(requirePrincipal(request)),
          request.params.productId,
          request.params.requirementId,
          expectedRevision,
          input,
        ),
      );
      return { ...result, warnings: warningsOf(result.findings) };
    },
  );

  app.put(
    '/api/v1/products/:productId/attestations/:guidelineId',
    {
      config: { access: ASSESSOR },
      schema: {
        tags,
        params: guidelineParamsSchema,
        body: putRecordBodySchema,
        response: { 200: putRecordResponseSchema },
      },
    },
    async (request) => {
      const { expectedRevision, ...input } = request.body;
      const result = await unknownIdIsNotFound(() =>
        setGuidelineAttestation(
          ws,
          actorOf(requirePrincipal(request)),
          request.params.productId,
          request.params.guidelineId,
          expectedRevision,
          input,
        ),
      );
      return { ...result, warnings: warningsOf(result.findings) };
    },
  );
};
