/**
 * The cached product detail and portfolio never show a stale state: every kind of change — through
 * the API or straight through the workspace, as another process would — is visible on the next read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionedCache } from '../../src/server/read-cache.js';
import { setRequirementRecord } from '../../src/workspace/records.js';
import {
  type Caller,
  DATABASES,
  send,
  sendForm,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

describe('VersionedCache', () => {
  it('returns a value only for the version it was stored with, and evicts the least recently used', () => {
    const cache = new VersionedCache<string>(2);
    cache.set('a', 1, 'A1');
    cache.set('b', 1, 'B1');
    expect(cache.get('a', 1)).toBe('A1');
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.get('a', 1)).toBeUndefined(); // dropped when found outdated
    cache.set('a', 2, 'A2');
    cache.get('b', 1);
    cache.set('c', 1, 'C1'); // evicts a (least recently used)
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.get('b', 1)).toBe('B1');
    expect(cache.size).toBe(2);
  });

  it('computes an answer once per version, and keeps none without a version', async () => {
    const cache = new VersionedCache<string>(2);
    let computed = 0;
    const compute = async () => `answer ${++computed}`;
    expect(await cache.getOrCompute('a', 1, compute)).toBe('answer 1');
    expect(await cache.getOrCompute('a', 1, compute)).toBe('answer 1');
    expect(await cache.getOrCompute('a', 2, compute)).toBe('answer 2');
    expect(await cache.getOrCompute('b', null, compute)).toBe('answer 3');
    expect(await cache.getOrCompute('b', null, compute)).toBe('answer 4');
    expect(cache.size).toBe(1);
  });
});

describe.each(DATABASES)('cached reads on %s', (dialect) => {
  let server: TestServer;
  let assessor: Caller;
  let id: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    assessor = await userWithRole(server, await setUpAdministrator(server), 'assessor');
    id = (await send(server.app, assessor, 'POST', '/api/v1/products', { name: 'Cached Cam' })).json().id;
  });
  afterAll(async () => server.close());

  const detail = async () => (await send(server.app, assessor, 'GET', `/api/v1/products/${id}`)).json();
  const portfolioRow = async () =>
    (await send(server.app, assessor, 'GET', '/api/v1/products?archived=all'))
      .json()
      .items.find((i: { id: string }) => i.id === id);

  it('shows every change on the next read', async () => {
    let before = await detail();
    await portfolioRow();

    // A product field.
    await send(server.app, assessor, 'PATCH', `/api/v1/products/${id}`, {
      expectedRevision: before.product.revision,
      model: 'C2',
    });
    expect((await detail()).product.model).toBe('C2');

    // A record, through the API: the detail and the portfolio's outcomes follow.
    const g10Before = (await portfolioRow()).outcomes['10'];
    const put = await send(server.app, assessor, 'PUT', `/api/v1/products/${id}/attestations/10`, {
      expectedRevision: 0,
      status: 'compliant',
      justification: 'Logging runbook in place.',
    });
    expect(put.statusCode).toBe(200);
    const g10After = put.json().outcomes['10'];
    expect(g10After).not.toBe(g10Before);
    expect((await detail()).attestations['10'].status).toBe('compliant');
    expect((await portfolioRow()).outcomes['10']).toBe(g10After);

    // Evidence added and removed.
    const upload = await sendForm(server.app, assessor, `/api/v1/products/${id}/evidence/files`, [
      { name: 'target', value: 'guideline:10' },
      { name: 'file', value: 'runbook', fileName: 'runbook.txt' },
    ]);
    expect((await detail()).evidence.map((e: { id: string }) => e.id)).toEqual([upload.json().id]);
    await send(server.app, assessor, 'DELETE', `/api/v1/products/${id}/evidence/${upload.json().id}`);
    expect((await detail()).evidence).toEqual([]);

    // Profile answers.
    before = await detail();
    await send(server.app, assessor, 'PUT', `/api/v1/products/${id}/profile`, {
      expectedRevision: before.product.revision,
      answers: { mqtt: false },
    });
    const mqtt = (await detail()).report.requirements.find((r: { id: string }) => r.id === '2.4.7.13');
    expect(mqtt.applicability.kind).toBe('not-applicable');
    const profile = (await send(server.app, assessor, 'GET', `/api/v1/products/${id}/profile`)).json();
    expect(profile.answers).toEqual({ mqtt: false });
    await send(server.app, assessor, 'PUT', `/api/v1/products/${id}/profile`, {
      expectedRevision: profile.revision,
      answers: { mqtt: true },
    });
    expect(
      (await send(server.app, assessor, 'GET', `/api/v1/products/${id}/profile`)).json().answers,
    ).toEqual({
      mqtt: true,
    });

    // Archive.
    before = await detail();
    await send(server.app, assessor, 'POST', `/api/v1/products/${id}/archive`, {
      expectedRevision: before.product.revision,
    });
    expect((await detail()).product.archivedAt).not.toBeNull();
    expect((await portfolioRow()).archivedAt).not.toBeNull();
  });

  it('sees a change made by another process (straight through the workspace)', async () => {
    const first = await detail();
    expect(first.records['2.4.8.4']).toBeUndefined();
    await setRequirementRecord(
      server.workspace,
      { kind: 'system', label: 'other process' },
      id,
      '2.4.8.4',
      0,
      {
        status: 'non-compliant',
      },
    );
    expect((await detail()).records['2.4.8.4'].status).toBe('non-compliant');
  });

  it('answers an unknown product with 404 every time (nothing cached)', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await send(
        server.app,
        assessor,
        'GET',
        '/api/v1/products/00000000-0000-4000-8000-000000000000',
      );
      expect(r.statusCode).toBe(404);
    }
  });
});
