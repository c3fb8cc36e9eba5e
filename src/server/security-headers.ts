/**
 * HTTP hardening that applies to every answer, whatever route produced it: the Content-Security-
 * Policy and companion headers, no banner headers, no caching of API answers, and TRACE/TRACK
 * refused (they echo the request, cookies included, back to whoever sent it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorBody } from './http-errors.js';

/** Scripts, styles, fonts and connections from this server only; nothing may frame the app. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The API documentation page (@fastify/swagger-ui) is the one exception: Swagger UI styles its
 * elements with inline style attributes and loads its own logo as an SVG data URL. It is relaxed
 * only for paths under /api/docs, which serve no user data (only the public OpenAPI document).
 */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);
export const DOCS_PREFIX = '/api/docs';

const FIXED_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()',
};

const REFUSED_METHODS = new Set(['TRACE', 'TRACK']);

export function installSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  app.addHook('onRequest', async (request, reply) => {
    if (REFUSED_METHODS.has(request.raw.method ?? '')) {
      const error = new ApiError('method-not-allowed', `${request.raw.method} is not allowed on this server`);
      reply.header('allow', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      return reply.code(error.status).send(errorBody(error.code, error.message));
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply, options);
    return payload;
  });
}

/** The headers every answer carries; also called where fastify's hooks do not run (router errors). */
export function applySecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { readonly hsts: boolean },
): void {
  const path = request.url.split('?')[0] ?? '';
  // A route may set a stricter policy of its own (downloads are sandboxed); never a looser one.
  if (!reply.hasHeader('content-security-policy')) {
    reply.header(
      'content-security-policy',
      path === DOCS_PREFIX || path.startsWith(`${DOCS_PREFIX}/`)
        ? DOCS_CONTENT_SECURITY_POLICY
        : CONTENT_SECURITY_POLICY,
    );
  }
  for (const [name, value] of Object.entries(FIXED_HEADERS)) reply.header(name, value);
  // Over https only: tells browsers never to use plain http for this host for a year.
  if (options.hsts) reply.header('strict-transport-security', 'max-age=31536000');
  if (path.startsWith('/api/') && !reply.hasHeader('cache-control'))
    reply.header('cache-control', 'no-store');
  reply.removeHeader('server');
  reply.removeHeader('x-powered-by');
}
