/**
 * Bad input never crashes the server or changes what is stored: malformed JSON, wrong types,
 * unknown fields, oversized bodies, wrong content types and hostile path segments each get a 4xx
 * with the uniform error body and a message that says what is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  DATABASES,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

describe.each(DATABASES)('bad input on %s', (dialect) => {
  let server: TestServer;
  let assessor: Caller;
  let productId: string;
  let snapshot: () => Promise<unknown>;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await setUpAdministrator(server);
    assessor = await userWithRole(server, admin, 'assessor');
    productId = (await send(server.app, assessor, 'POST', '/api/v1/products', { name: 'Stable' })).json().id;
    // Everything a bad request could have touched: products, records, profile, evidence, audit trail.
    snapshot = async () => {
      const db = server.workspace.db;
      return {
        products: await db.selectFrom('products').selectAll().orderBy('id').execute(),
        records: await db.selectFrom('assessment_records').selectAll().execute(),
        answers: await db.selectFrom('profile_answers').selectAll().execute(),
        evidence: await db.selectFrom('evidence').selectAll().execute(),
        audit: await db.selectFrom('audit_events').select(['id']).execute(),
        users: await db.selectFrom('users').select(['id', 'role', 'disabled_at']).orderBy('id').execute(),
      };
    };
  });
  afterAll(async () => server.close());

  const raw = (
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload: string | Buffer,
    contentType: string,
  ) =>
    server.app.inject({
      method,
      url,
      payload,
      headers: { ...assessor.headers, 'x-csrf-token': assessor.csrf ?? '', 'content-type': contentType },
    });

  it('answers malformed JSON with 400 invalid-json', async () => {
    const before = await snapshot();
    const r = await raw(
      'PATCH',
      `/api/v1/products/${productId}`,
      '{"expectedRevision": 1, "name": ',
      'application/json',
    );
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'invalid-json', message: 'the body is not valid JSON' } });
    expect(await snapshot()).toEqual(before);
  });

  it('names every wrong field with its path', async () => {
    const r = await send(server.app, assessor, 'PATCH', `/api/v1/products/${productId}`, {
      expectedRevision: 'one',
      name: '   ',
      roles: ['device-manufacturers', 'kings'],
    });
    expect(r.statusCode).toBe(400);
    const issues = r.json().error.details.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['body.expectedRevision', 'body.name', 'body.roles[1]']);
    expect(issues.find((i) => i.path === 'body.name')?.message).toBe('must not be blank');
    expect(r.json().error.message).toContain(
      'body.expectedRevision: expectedRevision must be a whole number',
    );
  });

  it('refuses unknown (misspelt) fields instead of dropping them', async () => {
    const before = await snapshot();
    const r = await send(server.app, assessor, 'PATCH', `/api/v1/products/${productId}`, {
      expectedRevision: 1,
      manufactuer: 'Typo Ltd',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('unknown field "manufactuer"');
    expect(await snapshot()).toEqual(before);
  });

  it('answers a body over 1 MB with 413, before touching anything', async () => {
    const before = await snapshot();
    const big = JSON.stringify({ expectedRevision: 1, description: 'x'.repeat(1024 * 1024 + 10) });
    const r = await raw('PATCH', `/api/v1/products/${productId}`, big, 'application/json');
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload-too-large');
    expect(await snapshot()).toEqual(before);
  });

  it('answers text bodies and unknown content types on JSON routes with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const r = await raw('POST', '/api/v1/products', 'name=x', type);
      expect(r.statusCode, type).toBe(415);
      expect(r.json().error.code).toBe('unsupported-media-type');
    }
  });

  it('refuses a JSON body that is not an object', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const r = await raw('POST', '/api/v1/products', body, 'application/json');
      expect(r.statusCode, body).toBe(400);
    }
  });

  it.each([
    '/api/v1/products/..%2F..%2Fetc%2Fpasswd',
    '/api/v1/products/%00',
    `/api/v1/products/${'a'.repeat(300)}`,
    '/api/v1/products/1;DROP TABLE products',
    '/api/v1/products/%E2%80%AE',
  ])('answers a hostile product id in the path (%s) with a 4xx', async (url) => {
    const r = await send(server.app, assessor, 'GET', url);
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json().error.code).toMatch(/^(invalid-request|not-found)$/);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it.each(['page=0', 'pageSize=1000', 'page=abc', 'archived=maybe', 'outcome=great', 'sort=random'])(
    'refuses a bad portfolio query (%s)',
    async (query) => {
      const r = await send(server.app, assessor, 'GET', `/api/v1/products?${query}`);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.issues[0].path).toMatch(/^query\./);
    },
  );

  it('answers an unknown product with 404 naming it', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, url, body] of [
      ['GET', `/api/v1/products/${id}`, undefined],
      ['PATCH', `/api/v1/products/${id}`, { expectedRevision: 1, name: 'x' }],
      ['GET', `/api/v1/products/${id}/history`, undefined],
      ['GET', `/api/v1/products/${id}/export`, undefined],
      ['GET', `/api/v1/products/${id}/report?format=json`, undefined],
    ] as const) {
      const r = await send(server.app, assessor, method, url, body);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.message).toContain(id);
    }
  });

  it('refuses control characters in names', async () => {
    const r = await send(server.app, assessor, 'POST', '/api/v1/products', { name: 'Cam\u001b[31m' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.issues[0]).toEqual({
      path: 'body.name',
      message: 'must not contain control characters',
    });
  });
});
