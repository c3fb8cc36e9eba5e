/** Evidence beside a requirement or attestation: links, notes and files (upload, download, delete). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_BLOB_BYTES } from '../../storage/blob-limits.js';
import { addEvidence, readEvidenceFile, removeEvidence } from '../../workspace/evidence.js';
import { actorOf } from '../access/principal.js';
import { requirePrincipal } from '../access/require-principal.js';
import { ASSESSOR, VIEWER } from '../access/route-access.js';
import { productIdParamsSchema } from '../api/product-schemas.js';
import { addEvidenceBodySchema, evidenceItemSchema, evidenceParamsSchema } from '../api/record-schemas.js';
import { ApiError } from '../http-errors.js';
import { readMultipartForm } from '../multipart-form.js';
import { sendDownload, servedMediaType } from '../presenters/download-headers.js';
import type { ServerContext } from '../server-context.js';
import { unknownIdIsNotFound } from './record-routes.js';

/** `requirement:2.4.7.13` or `guideline:10`, as a multipart form field. */
function parseTarget(value: string | undefined) {
  const match = /^(requirement|guideline):(.{1,40})$/.exec(value ?? '');
  if (!match) {
    throw new ApiError(
      'invalid-request',
      'the form field "target" must be requirement:<id> (e.g. requirement:2.4.7.13) or guideline:<id> (e.g. guideline:10)',
    );
  }
  return { kind: match[1] as 'requirement' | 'guideline', id: match[2] ?? '' };
}

export const evidenceRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;
  const tags = ['evidence'];

  app.post(
    '/api/v1/products/:productId/evidence',
    {
      config: { access: ASSESSOR },
      schema: {
        tags,
        params: productIdParamsSchema,
        body: addEvidenceBodySchema,
        response: { 201: evidenceItemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const input = body.kind === 'url' ? { kind: body.kind, url: body.url, title: body.title } : body;
      const item = await unknownIdIsNotFound(() =>
        addEvidence(ws, actorOf(requirePrincipal(request)), request.params.productId, body.target, input),
      );
      return reply.code(201).send(item);
    },
  );

  app.post(
    '/api/v1/products/:productId/evidence/files',
    {
      config: { access: ASSESSOR },
      // The body is multipart (fields target, title, file), read under limits by the handler.
      bodyLimit: MAX_BLOB_BYTES + 64 * 1024,
      schema: {
        tags,
        params: productIdParamsSchema,
        consumes: ['multipart/form-data'],
        description: `Multipart form: \`target\` (requirement:<id> or guideline:<id>), optional \`title\`, and one \`file\` of at most ${MAX_BLOB_BYTES / 1024 / 1024} MB. Its type is sniffed from the content.`,
        response: { 201: evidenceItemSchema },
      },
    },
    async (request, reply) => {
      const form = await readMultipartForm(request, {
        textFields: ['target', 'title'],
        fileFields: { file: { maxBytes: MAX_BLOB_BYTES, maxCount: 1 } },
        maxTotalBytes: MAX_BLOB_BYTES,
      });
      const file = form.files[0];
      if (!file) throw new ApiError('invalid-request', 'the form has no "file"; choose a file to upload');
      const target = parseTarget(form.fields.get('target'));
      const title = form.fields.get('title')?.trim() || null;
      const item = await unknownIdIsNotFound(() =>
        addEvidence(ws, actorOf(requirePrincipal(request)), request.params.productId, target, {
          kind: 'file',
          bytes: file.bytes,
          fileName: file.fileName,
          title,
        }),
      );
      return reply.code(201).send(item);
    },
  );

  app.get(
    '/api/v1/products/:productId/evidence/:evidenceId/content',
    {
      config: { access: VIEWER },
      schema: {
        tags,
        params: evidenceParamsSchema,
        description:
          'The file as an attachment: its sniffed type when passive (PDF, images, text…), otherwise application/octet-stream.',
      },
    },
    async (request, reply) => {
      const { evidence, bytes } = await readEvidenceFile(
        ws,
        request.params.productId,
        request.params.evidenceId,
      );
      return sendDownload(
        reply,
        bytes,
        evidence.file?.filename ?? 'evidence',
        servedMediaType(evidence.file?.mediaType ?? 'application/octet-stream'),
      );
    },
  );

  app.delete(
    '/api/v1/products/:productId/evidence/:evidenceId',
    {
      config: { access: ASSESSOR },
      schema: { tags, params: evidenceParamsSchema, response: { 200: evidenceItemSchema } },
    },
    async (request) =>
      removeEvidence(
        ws,
        actorOf(requirePrincipal(request)),
        request.params.productId,
        request.params.evidenceId,
      ),
  );
};
