/**
 * Assessment files in and out: import a YAML (or JSON) assessment file with its evidence files,
 * as a new product or over an existing one; export a product as a YAML assessment file.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_ASSESSMENT_BYTES } from '../../assessment-file/read-assessment.js';
import { MAX_BLOB_BYTES } from '../../storage/blob-limits.js';
import { exportAssessmentYaml } from '../../workspace/assessment-export.js';
import { importAssessment } from '../../workspace/assessment-import.js';
import { actorOf } from '../access/principal.js';
import { requirePrincipal } from '../access/require-principal.js';
import { ASSESSOR, VIEWER } from '../access/route-access.js';
import { importResultSchema } from '../api/exchange-schemas.js';
import { productIdParamsSchema } from '../api/product-schemas.js';
import { ApiError } from '../http-errors.js';
import { type MultipartForm, readMultipartForm } from '../multipart-form.js';
import { diagnosticView } from '../presenters/diagnostic-presenter.js';
import { sendDownload } from '../presenters/download-headers.js';
import type { ServerContext } from '../server-context.js';

/**
 * An import holds the assessment file and its evidence in memory while it is checked and applied
 * in one transaction; this bounds that memory.
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const IMPORT_FORM = {
  textFields: ['expectedRevision'],
  fileFields: {
    assessment: { maxBytes: MAX_ASSESSMENT_BYTES, maxCount: 1 },
    evidence: { maxBytes: MAX_BLOB_BYTES, maxCount: 1000 },
  },
  maxTotalBytes: MAX_IMPORT_BYTES,
} as const;

const IMPORT_DESCRIPTION = `Multipart form: one \`assessment\` file (YAML or JSON, at most ${MAX_ASSESSMENT_BYTES / 1024 / 1024} MB) and any number of \`evidence\` files (matched to the file's evidence entries by SHA-256; at most ${MAX_BLOB_BYTES / 1024 / 1024} MB each, ${MAX_IMPORT_BYTES / 1024 / 1024} MB in all). Errors in the file: 400 invalid-assessment with every diagnostic and its line.`;

/** The assessment file's text: UTF-8 (a leading byte-order mark is dropped). */
function assessmentText(form: MultipartForm): { text: string; fileName: string } {
  const file = form.files.find((f) => f.field === 'assessment');
  if (!file) throw new ApiError('invalid-request', 'the form has no "assessment" file; attach the YAML file');
  const name = file.fileName || 'assessment.yaml';
  const b = file.bytes;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    throw new ApiError('invalid-assessment', `${name} is UTF-16 text; save it as UTF-8 and upload it again`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new ApiError(
      'invalid-assessment',
      `${name} is not valid UTF-8 text; save it as UTF-8 and upload it again`,
    );
  }
  if (text.includes('\u0000'))
    throw new ApiError('invalid-assessment', `${name} is binary, not a YAML or JSON file`);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, fileName: name };
}

function evidenceFiles(form: MultipartForm) {
  return form.files.filter((f) => f.field === 'evidence').map((f) => ({ name: f.fileName, bytes: f.bytes }));
}

export const exchangeRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (app, { context }) => {
  const ws = context.workspace;
  const tags = ['exchange'];

  app.post(
    '/api/v1/products/import',
    {
      config: { access: ASSESSOR },
      bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024,
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description: IMPORT_DESCRIPTION,
        response: { 201: importResultSchema },
      },
    },
    async (request, reply) => {
      const form = await readMultipartForm(request, IMPORT_FORM);
      if (form.fields.has('expectedRevision')) {
        throw new ApiError(
          'invalid-request',
          'expectedRevision belongs to an import over an existing product (…/products/:productId/import)',
        );
      }
      const result = await importAssessment(
        ws,
        actorOf(requirePrincipal(request)),
        { productId: null },
        {
          ...assessmentText(form),
          evidenceFiles: evidenceFiles(form),
        },
      );
      return reply.code(201).send({ product: result.product, warnings: result.warnings.map(diagnosticView) });
    },
  );

  app.post(
    '/api/v1/products/:productId/import',
    {
      config: { access: ASSESSOR },
      bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024,
      schema: {
        tags,
        params: productIdParamsSchema,
        consumes: ['multipart/form-data'],
        description: `${IMPORT_DESCRIPTION} Also \`expectedRevision\`: the product's revision as read; the import replaces the product's fields, profile, records and evidence.`,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const form = await readMultipartForm(request, IMPORT_FORM);
      const revision = form.fields.get('expectedRevision');
      if (revision === undefined || !/^\d{1,15}$/.test(revision.trim())) {
        throw new ApiError(
          'invalid-request',
          'the form field "expectedRevision" must be the product\'s revision as you read it (a whole number)',
        );
      }
      const result = await importAssessment(
        ws,
        actorOf(requirePrincipal(request)),
        { productId: request.params.productId, expectedRevision: Number(revision.trim()) },
        { ...assessmentText(form), evidenceFiles: evidenceFiles(form) },
      );
      return { product: result.product, warnings: result.warnings.map(diagnosticView) };
    },
  );

  app.get(
    '/api/v1/products/:productId/export',
    {
      config: { access: VIEWER },
      schema: {
        tags,
        params: productIdParamsSchema,
        description:
          'The product as an assessment file (YAML). Its evidence files are downloaded separately (…/evidence/:id/content) into an evidence/ folder beside it.',
      },
    },
    async (request, reply) => {
      const exported = await exportAssessmentYaml(ws, request.params.productId);
      return sendDownload(reply, exported.yaml, exported.fileName, 'application/yaml; charset=utf-8');
    },
  );
};
