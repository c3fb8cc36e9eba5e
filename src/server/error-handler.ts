/**
 * One place that turns every failure into the uniform error body `{ error: { code, message,
 * details? } }` with the right status: request validation (zod issues as readable field paths),
 * fastify's body-parsing errors, the workspace's typed errors, and anything unexpected (logged,
 * answered with a generic 500 — never a stack trace).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { formatPath } from '../diagnostics/source-positions.js';
import {
  AssessmentFileError,
  InvalidInputError,
  StaleRevisionError,
  WorkspaceError,
} from '../workspace/workspace-errors.js';
import { ApiError, type ApiErrorCode, errorBody } from './http-errors.js';
import { diagnosticView } from './presenters/diagnostic-presenter.js';

/** `body.product.name`, `query.page`, `body.answers["mqtt"]`: where a problem is, as people read it. */
export function readablePath(context: string, path: readonly PropertyKey[]): string {
  let out = context;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

const CONTEXT_NAME: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

interface ValidationIssue {
  readonly instancePath: string;
  readonly message?: string;
  readonly params?: { readonly keys?: readonly string[] };
  readonly keyword?: string;
}

function validationIssues(error: FastifyError): { path: string; message: string }[] {
  const context = CONTEXT_NAME[error.validationContext ?? 'body'] ?? 'body';
  return ((error.validation ?? []) as ValidationIssue[]).map((issue) => {
    const segments = issue.instancePath
      .split('/')
      .slice(1)
      .filter((s) => s !== '')
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'unrecognized_keys' && issue.params?.keys) {
      message = `unknown field${issue.params.keys.length === 1 ? '' : 's'} ${issue.params.keys
        .map((k) => `"${k}"`)
        .join(', ')}; check the spelling (see /api/docs)`;
    }
    return { path: readablePath(context, segments), message };
  });
}

const WORKSPACE_CODE: Record<WorkspaceError['code'], ApiErrorCode> = {
  'not-found': 'not-found',
  'stale-revision': 'stale-revision',
  'invalid-input': 'invalid-request',
  'invalid-assessment': 'invalid-assessment',
  conflict: 'conflict',
  'payload-too-large': 'payload-too-large',
  'invalid-setup-token': 'invalid-setup-token',
};

/** Fastify's own error codes for bodies it cannot take. */
const FASTIFY_CODE: Readonly<Record<string, [ApiErrorCode, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid-json', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    'invalid-json',
    'the body is empty but the Content-Type says JSON; send a JSON object',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload-too-large', 'the request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported-media-type',
    'this Content-Type is not accepted here; send application/json (or multipart/form-data for uploads)',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid-request', 'the Content-Length does not match the body'],
  FST_ERR_CTP_INVALID_TYPE: ['unsupported-media-type', 'the Content-Type header is not valid'],
  FST_ERR_CTP_INVALID_CHARSET: [
    'unsupported-media-type',
    'this charset is not accepted; send the body as UTF-8',
  ],
  FST_REQ_FILE_TOO_LARGE: ['payload-too-large', 'the uploaded file is too large'],
  FST_PARTS_LIMIT: ['payload-too-large', 'the upload has too many parts'],
  FST_FILES_LIMIT: ['payload-too-large', 'the upload has too many files'],
  FST_FIELDS_LIMIT: ['payload-too-large', 'the upload has too many fields'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    'unsupported-media-type',
    'this route takes multipart/form-data (a file upload)',
  ],
  FST_ERR_BAD_URL: ['invalid-request', 'the URL is not valid'],
};

function send(reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
}

/** Maps any thrown value to an ApiError; null for a bug (answered 500 and logged). */
export function toApiError(error: unknown, present: PresentCurrent): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof StaleRevisionError) {
    // The workspace's message already says who changed it, when, and to reload and reapply.
    return new ApiError('stale-revision', error.message, {
      currentRevision: error.currentRevision,
      current: present(error.current),
    });
  }
  if (error instanceof InvalidInputError) {
    // Paths in the terms of an assessment file (requirements.2.4.7.13.status), as the UI and the
    // YAML file name things; the message already reads as a sentence.
    return new ApiError('invalid-request', error.message, {
      issues: error.issues.map((i) => ({
        path: formatPath(i.path),
        message: i.hint ? `${i.message} (${i.hint})` : i.message,
      })),
    });
  }
  if (error instanceof AssessmentFileError) {
    return new ApiError('invalid-assessment', error.message, {
      diagnostics: error.diagnostics.map(diagnosticView),
    });
  }
  if (error instanceof WorkspaceError) return new ApiError(WORKSPACE_CODE[error.code], error.message);
  const fastifyError = error as Partial<FastifyError>;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = validationIssues(error as FastifyError);
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    return new ApiError(
      'invalid-request',
      `${shown.join('; ')}${issues.length > shown.length ? `; and ${issues.length - shown.length} more` : ''}`,
      { issues },
    );
  }
  const known = fastifyError.code ? FASTIFY_CODE[fastifyError.code] : undefined;
  if (known) return new ApiError(known[0], known[1]);
  // Other client errors fastify raises (e.g. a malformed header): keep the status, word it safely.
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status === 413 ? 'payload-too-large' : 'invalid-request', 'the request is not valid');
  }
  return null;
}

/** Turns the current state carried by a 409 into what the client sees (an allow-list). */
export type PresentCurrent = (current: unknown) => unknown;

export function installErrorHandling(app: FastifyInstance, present: PresentCurrent): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error, present);
    if (apiError) return send(reply, apiError);
    request.log.error({ err: error }, 'unexpected error');
    return send(
      reply,
      new ApiError(
        'internal',
        'the server failed to answer this request; the failure is logged on the server',
      ),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, new ApiError('not-found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
