/**
 * The published contract stays in step with the code: docs/api.md lists exactly the routes the app
 * registers, with the roles they declare, and exactly the error codes it answers with; the OpenAPI
 * document describes every API route and every schema it refers to.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERRORS } from '../../src/server/http-errors.js';
import { ANONYMOUS, send, startTestServer, type TestServer } from './server-harness.js';

const apiDoc = readFileSync('docs/api.md', 'utf8');

function tableRows(section: string): string[][] {
  const start = apiDoc.indexOf(`## ${section}`);
  const end = apiDoc.indexOf('\n## ', start + 1);
  return apiDoc
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('|---'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe('the API contract', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it('docs/api.md lists every /api/v1 route with the role it declares, and no other', () => {
    const documented = tableRows('Routes')
      .filter((r) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(r[0] ?? ''))
      .map(([method, path, role]) => `${method} ${path} ${role}`)
      .sort();
    const registered = server.routes
      .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
      .map((r) => {
        const a = r.access;
        const role = !a
          ? '?'
          : a.role === 'public'
            ? 'public'
            : 'via' in a && a.via === 'session'
              ? `${a.role}, session`
              : a.role;
        return `${r.method} ${r.url} ${role}`;
      })
      .sort();
    expect(documented).toEqual(registered);
  });

  it('docs/api.md lists every error code with its status', () => {
    const documented = tableRows('Errors')
      .filter((r) => /^\d{3}$/.test(r[0] ?? ''))
      .map(([status, code]) => `${code?.replace(/`/g, '')} ${status}`)
      .sort();
    const known = Object.entries(API_ERRORS)
      .map(([code, status]) => `${code} ${status}`)
      .sort();
    expect(documented).toEqual(known);
  });

  it('serves an OpenAPI 3.1 document describing every API route, with every referenced schema', async () => {
    const r = await send(server.app, ANONYMOUS, 'GET', '/api/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    const paths = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) paths.add(`${method.toUpperCase()} ${path}`);
    }
    for (const route of server.routes.filter((x) => x.url.startsWith('/api/v1/') && x.method !== 'HEAD')) {
      expect(paths, route.url).toContain(`${route.method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    }
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref);
    const login = doc.paths['/api/v1/session'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
  });
});
