/**
 * Every registered route against every kind of caller. The expectations are written out here, route
 * by route, independently of the routes' own declarations: a route added without an entry fails
 * the first test, and a route whose declaration differs from this table fails the second.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  type Caller,
  DATABASES,
  logInAs,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  tokenWithRole,
  userWithRole,
} from './server-harness.js';

type Expected = 'public' | 'viewer' | 'assessor' | 'administrator' | 'viewer-session';

const EXPECTED: Record<string, Expected> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'GET /api/v1/password-policy': 'public',
  'POST /api/v1/session': 'public',
  'GET /api/v1/session': 'viewer',
  'DELETE /api/v1/session': 'viewer-session',
  'PUT /api/v1/session/password': 'viewer-session',
  'GET /api/v1/users': 'administrator',
  'POST /api/v1/users': 'administrator',
  'PATCH /api/v1/users/:userId': 'administrator',
  'GET /api/v1/tokens': 'administrator',
  'POST /api/v1/tokens': 'administrator',
  'DELETE /api/v1/tokens/:tokenId': 'administrator',
  'GET /api/v1/catalog/guidelines': 'viewer',
  'GET /api/v1/catalog/requirements': 'viewer',
  'GET /api/v1/catalog/profile-questions': 'viewer',
  'GET /api/v1/products': 'viewer',
  'POST /api/v1/products': 'assessor',
  'POST /api/v1/products/import': 'assessor',
  'GET /api/v1/products/:productId': 'viewer',
  'PATCH /api/v1/products/:productId': 'assessor',
  'POST /api/v1/products/:productId/archive': 'assessor',
  'POST /api/v1/products/:productId/unarchive': 'assessor',
  'GET /api/v1/products/:productId/profile': 'viewer',
  'PUT /api/v1/products/:productId/profile': 'assessor',
  'PUT /api/v1/products/:productId/requirements/:requirementId': 'assessor',
  'PUT /api/v1/products/:productId/attestations/:guidelineId': 'assessor',
  'POST /api/v1/products/:productId/evidence': 'assessor',
  'POST /api/v1/products/:productId/evidence/files': 'assessor',
  'GET /api/v1/products/:productId/evidence/:evidenceId/content': 'viewer',
  'DELETE /api/v1/products/:productId/evidence/:evidenceId': 'assessor',
  'GET /api/v1/products/:productId/history': 'viewer',
  'GET /api/v1/products/:productId/report': 'viewer',
  'POST /api/v1/products/:productId/import': 'assessor',
  'GET /api/v1/products/:productId/export': 'viewer',
  'GET /api/openapi.json': 'public',
  'HEAD /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/static/index.html': 'public',
  'GET /api/docs/static/swagger-initializer.js': 'public',
  'GET /api/docs/json': 'public',
  'GET /api/docs/yaml': 'public',
  'GET /api/docs/static/*': 'public',
};

const RANK = { viewer: 0, assessor: 1, administrator: 2 } as const;

/** HEAD routes that mirror a GET route are checked through the GET route. */
function routeKeys(server: TestServer): { method: string; url: string; key: string }[] {
  const gets = new Set(server.routes.filter((r) => r.method === 'GET').map((r) => r.url));
  return server.routes
    .filter((r) => r.method !== 'HEAD' || !gets.has(r.url))
    .map((r) => ({ method: r.method, url: r.url, key: `${r.method} ${r.url}` }));
}

function concretePath(url: string): string {
  return url
    .replace(':requirementId', '2.4.7.13')
    .replace(':guidelineId', '10')
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace('*', 'x');
}

describe.each(DATABASES)('authorisation of every route on %s', (dialect) => {
  let server: TestServer;
  let callers: {
    caller: Caller;
    role: keyof typeof RANK | null;
    kind: 'session' | 'token' | null;
    relogin?: () => Promise<Caller>;
  }[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await setUpAdministrator(server);
    const viewer = await userWithRole(server, admin, 'viewer');
    const assessor = await userWithRole(server, admin, 'assessor');
    callers = [
      { caller: ANONYMOUS, role: null, kind: null },
      {
        caller: viewer,
        role: 'viewer',
        kind: 'session',
        relogin: () => logInAs(server, 'viewer-user', 'viewer passphrase for tests'),
      },
      {
        caller: assessor,
        role: 'assessor',
        kind: 'session',
        relogin: () => logInAs(server, 'assessor-user', 'assessor passphrase for tests'),
      },
      {
        caller: admin,
        role: 'administrator',
        kind: 'session',
        relogin: () => logInAs(server, 'admin', 'correct horse battery staple 1'),
      },
      { caller: await tokenWithRole(server, admin, 'viewer'), role: 'viewer', kind: 'token' },
      { caller: await tokenWithRole(server, admin, 'assessor'), role: 'assessor', kind: 'token' },
      { caller: await tokenWithRole(server, admin, 'administrator'), role: 'administrator', kind: 'token' },
    ];
  });
  afterAll(async () => server.close());

  it('has an expectation for every registered route (and no expectation for a route that is gone)', () => {
    const registered = new Set(routeKeys(server).map((r) => r.key));
    expect(
      [...registered].filter((k) => !(k in EXPECTED)),
      'routes missing from EXPECTED',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !registered.has(k)),
      'EXPECTED lists routes that do not exist',
    ).toEqual([]);
  });

  it('declares on every route exactly the access this table expects', () => {
    const gets = new Set(server.routes.filter((r) => r.method === 'GET').map((r) => r.url));
    for (const r of server.routes) {
      const key = `${r.method === 'HEAD' && gets.has(r.url) ? 'GET' : r.method} ${r.url}`;
      const expected = EXPECTED[key];
      const declared =
        r.access?.role === 'viewer' && 'via' in r.access && r.access.via === 'session'
          ? 'viewer-session'
          : r.access?.role;
      expect(declared, key).toBe(expected);
    }
  });

  it('lets exactly the right callers through each route, and never fails with a 5xx', async () => {
    const problems: string[] = [];
    for (const route of routeKeys(server)) {
      const key = route.key;
      const expected = EXPECTED[key];
      for (const entry of callers) {
        const path = concretePath(route.url);
        const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
        const r = await send(server.app, entry.caller, route.method as 'GET', path, body);
        let want: 'through' | 401 | 403;
        if (expected === undefined) throw new Error(`no expectation for ${key}`);
        if (expected === 'public') want = 'through';
        else if (!entry.role) want = 401;
        else if (expected === 'viewer-session' && entry.kind === 'token') want = 403;
        else
          want =
            RANK[entry.role] >= RANK[expected === 'viewer-session' ? 'viewer' : expected] ? 'through' : 403;
        const got = r.statusCode;
        const ok = want === 'through' ? got !== 401 && got !== 403 : got === want;
        if (!ok || got >= 500)
          problems.push(
            `${key} as ${entry.caller.label}: expected ${want}, got ${got} ${r.body.slice(0, 200)}`,
          );
        if (want !== 'through' && got === want) {
          expect(r.json().error.code).toBe(want === 401 ? 'unauthenticated' : 'forbidden');
        }
        // Logging out ends the caller's session: log in again for the next routes.
        if (key === 'DELETE /api/v1/session' && entry.relogin && got === 204) {
          const fresh = await entry.relogin();
          Object.assign(entry, { caller: { ...fresh, label: entry.caller.label } });
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
