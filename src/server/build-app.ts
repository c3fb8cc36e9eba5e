/**
 * The team server as a fastify instance, built in one function so tests drive it with
 * `app.inject()` and `iotassure serve` listens with it. Order matters and is deliberate: error
 * handling and security headers first (they apply to everything, 404s included), then cookies and
 * the access check (which runs before any body is read), then the routes, each declaring its role.
 */
import { createServer as createHttpsServer } from 'node:https';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { MAX_BLOB_BYTES } from '../storage/blob-limits.js';
import type { Workspace } from '../workspace/workspace.js';
import { installAuthorization } from './access/authorize.js';
import { type RegisteredRoute, trackRouteAccess } from './access/route-access.js';
import { errorBodySchema } from './api/common-schemas.js';
import { authenticator } from './auth/authenticate.js';
import { CURRENT_SCRYPT, type ScryptParams } from './auth/password-hash.js';
import { installErrorHandling } from './error-handler.js';
import { ApiError, errorBody } from './http-errors.js';
import { registerOpenApi } from './openapi.js';
import { presentCurrent } from './presenters/stale-presenter.js';
import { accountRoutes } from './routes/account-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { evidenceRoutes } from './routes/evidence-routes.js';
import { exchangeRoutes } from './routes/exchange-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { historyRoutes } from './routes/history-routes.js';
import { productRoutes } from './routes/product-routes.js';
import { recordRoutes } from './routes/record-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { setupRoutes } from './routes/setup-routes.js';
import { registerWebApp } from './routes/web-app.js';
import { applySecurityHeaders, installSecurityHeaders } from './security-headers.js';
import type { ServerContext } from './server-context.js';

/** JSON bodies are small (a record, a profile); uploads have their own limits. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  readonly workspace: Workspace;
  /** Folder of the built web app (dist/web); null or missing folder: API only. */
  readonly webRoot?: string | null;
  /** Mark the session cookie Secure (the server is reached over https, e.g. behind a TLS proxy). */
  readonly secureCookies?: boolean;
  /** Serve https directly with this certificate (PEM); implies secureCookies. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer } | null;
  /** Trust X-Forwarded-For from a reverse proxy for the client address (throttling, logs). */
  readonly trustProxy?: boolean;
  readonly logger?: FastifyServerOptions['logger'];
  /** scrypt parameters for new password hashes; only tests lower them. */
  readonly passwordHashing?: ScryptParams & { readonly version: string };
}

export interface App {
  readonly app: FastifyInstance;
  /** Every route with its declared access, complete once `app.ready()` has resolved. */
  readonly routes: readonly RegisteredRoute[];
  readonly context: ServerContext;
}

/** The error statuses any API route may answer, documented on every route of the OpenAPI document. */
const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 429, 500] as const;

export async function buildApp(options: AppOptions): Promise<App> {
  const context: ServerContext = {
    workspace: options.workspace,
    now: options.workspace.now,
    secureCookies: (options.secureCookies ?? false) || Boolean(options.tls),
    passwordHashing: options.passwordHashing ?? CURRENT_SCRYPT,
  };
  const tls = options.tls ?? null;
  const app = Fastify({
    // https when a certificate is given; the server object is created here so the instance keeps
    // one type either way (fastify's handler is the same for http and https).
    ...(tls
      ? {
          serverFactory: (handler: Parameters<typeof createHttpsServer>[1]) =>
            createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, handler),
        }
      : {}),
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    // Request ids come from the server, never from a client header that could forge log lines.
    requestIdHeader: false,
    // Ids are short; longer path segments are refused before routing.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    // URLs the router cannot even take apart get the same error body as everything else.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const apiError = new ApiError(
        tooLong ? 'not-found' : 'invalid-request',
        tooLong ? 'no such resource: an id in the path is far too long' : 'the URL is not valid',
      );
      const plain = reply as FastifyReply;
      applySecurityHeaders(request, plain, { hsts: context.secureCookies });
      return plain.code(apiError.status).send(errorBody(apiError.code, apiError.message));
    },
  });
  // Only JSON (and multipart, for uploads) is taken: a text/plain body is refused with 415
  // rather than reaching a schema as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes = trackRouteAccess(app);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || !route.schema) return;
    const response = { ...((route.schema.response as Record<number, unknown> | undefined) ?? {}) };
    for (const status of ERROR_STATUSES) response[status] ??= errorBodySchema;
    route.schema = { ...route.schema, response };
  });
  installErrorHandling(app, presentCurrent);
  installSecurityHeaders(app, { hsts: context.secureCookies });
  await app.register(cookie);
  await app.register(multipart, {
    limits: {
      fileSize: MAX_BLOB_BYTES,
      files: 200,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: 250,
      headerPairs: 100,
    },
  });
  installAuthorization(app, authenticator(context));
  await registerOpenApi(app, context.workspace.tool);

  const plugins = [
    healthRoutes,
    accountRoutes,
    catalogRoutes,
    productRoutes,
    recordRoutes,
    evidenceRoutes,
    historyRoutes,
    reportRoutes,
    exchangeRoutes,
    sessionRoutes,
    setupRoutes,
  ];
  for (const plugin of plugins) await app.register(plugin, { context });
  await registerWebApp(app, options.webRoot ?? null);
  return { app, routes, context };
}
