/**
 * The OpenAPI document, generated from the same zod schemas that validate requests, served at the
 * stable path /api/openapi.json; and Swagger UI at /api/docs to read it in a browser.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { markRoutesPublic, PUBLIC } from './access/route-access.js';
import { SESSION_COOKIE } from './auth/session-cookie.js';
import { DOCS_PREFIX } from './security-headers.js';

export const OPENAPI_PATH = '/api/openapi.json';

export async function registerOpenApi(app: FastifyInstance, tool: { name: string; version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'iotassure team server API',
        version: tool.version,
        description:
          'Assess consumer IoT products against the IoTSF Compliance Framework 1.1 and see which of the 13 UK Code of Practice guidelines they meet. Roles, CSRF, errors and limits: docs/api.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token, iot_…' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
    // The docs' own routes and the web app are not part of the API.
    hideUntagged: false,
  });
  app.get(OPENAPI_PATH, { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    await scope.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      uiConfig: { docExpansion: 'list', deepLinking: true },
      staticCSP: false,
    });
  });
}
