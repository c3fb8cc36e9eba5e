/**
 * The web app (built by Vite into dist/web): its files as they are, and index.html for every other
 * GET outside /api/, so that a reload on /products/42 opens the app on that page. When the folder
 * does not exist (the UI was not built) the server serves the API only.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { markRoutesPublic } from '../access/route-access.js';
import { ApiError, errorBody } from '../http-errors.js';

export async function registerWebApp(app: FastifyInstance, webRoot: string | null): Promise<void> {
  if (!webRoot || !existsSync(join(webRoot, 'index.html'))) return;
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    await scope.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      dotfiles: 'deny',
      // Cache-Control is set below, per kind of file.
      cacheControl: false,
      // Vite puts content hashes in asset names: they never change, so caching them is safe.
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // Not a static file: the app's own (client-side) routes get index.html; /api/… keeps its JSON 404.
    scope.get('/*', async (request, reply) => {
      // A missing file under /assets/ (an old build's hashed name) is a 404, not the app's page:
      // a browser would otherwise try to run index.html as a script or style sheet.
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) {
        const what = request.url.startsWith('/api/') ? 'no route GET' : 'no such file';
        const error = new ApiError('not-found', `${what} ${request.url.split('?')[0]}`);
        return reply.code(error.status).send(errorBody(error.code, error.message));
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', webRoot);
    });
  });
}
