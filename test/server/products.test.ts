/**
 * Products through the API: create, portfolio, detail, edit with revisions, archive, profile and
 * records. Expected outcomes are computed here with the core engine from an assessment the test
 * builds itself, never read back from the server's own cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import type { Assessment, RequirementRecord } from '../../src/core/assessment/assessment-types.js';
import { evaluate } from '../../src/core/outcome/evaluate.js';
import {
  type Caller,
  DATABASES,
  send,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

const ctx = contextLoader().contextFor(undefined);

function outcomesOf(assessment: Partial<Assessment>): Record<string, string> {
  const full: Assessment = {
    product: { name: 'x', model: null, version: null, manufacturer: null, description: null, roles: [] },
    profile: new Map(),
    requirements: new Map(),
    attestations: new Map(),
    ...assessment,
  };
  return Object.fromEntries(evaluate(ctx, full).guidelines.map((g) => [g.id, g.outcome]));
}

const record = (
  status: RequirementRecord['status'],
  justification: string | null = null,
): RequirementRecord => ({
  status,
  justification,
  evidence: [],
  profileOverride: false,
  assessor: null,
  date: null,
});

describe.each(DATABASES)('products on %s', (dialect) => {
  let server: TestServer;
  let assessor: Caller;
  let viewer: Caller;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await setUpAdministrator(server);
    assessor = await userWithRole(server, admin, 'assessor');
    viewer = await userWithRole(server, admin, 'viewer');
  });
  afterAll(async () => server.close());

  const create = async (fields: Record<string, unknown>) => {
    const r = await send(server.app, assessor, 'POST', '/api/v1/products', fields);
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };

  it('creates a product and shows it with the outcomes the core computes for an empty assessment', async () => {
    const p = await create({ name: 'Cam One', manufacturer: 'Acme Ltd', roles: ['device-manufacturers'] });
    expect(p).toMatchObject({
      name: 'Cam One',
      manufacturer: 'Acme Ltd',
      revision: 1,
      archivedAt: null,
      createdBy: 'assessor-user',
    });
    const detail = await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.product.id).toBe(p.id);
    expect(body.report.format).toBe('iotassure-report');
    expect(body.report.guidelines).toHaveLength(13);
    expect(
      Object.fromEntries(
        body.report.guidelines.map((g: { id: string; outcome: string }) => [g.id, g.outcome]),
      ),
    ).toEqual(outcomesOf({}));
    expect(body.report.requirements).toHaveLength(ctx.source.items.length);
  });

  it('filters the portfolio and counts outcomes over the whole filtered set', async () => {
    await create({ name: 'Plug Two', manufacturer: 'Acme Ltd' });
    await create({ name: 'Lock Three', manufacturer: 'Other Co' });
    const all = (await send(server.app, viewer, 'GET', '/api/v1/products?pageSize=2')).json();
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    expect(all.items.map((i: { name: string }) => i.name)).toEqual(['Cam One', 'Lock Three']);
    const empty = outcomesOf({});
    for (const [guideline, outcome] of Object.entries(empty)) {
      expect(all.counts[guideline][outcome]).toBe(3);
    }
    const acme = (await send(server.app, viewer, 'GET', '/api/v1/products?manufacturer=acme%20ltd')).json();
    expect(acme.items.map((i: { name: string }) => i.name).sort()).toEqual(['Cam One', 'Plug Two']);
    const search = (await send(server.app, viewer, 'GET', '/api/v1/products?q=LOCK')).json();
    expect(search.items.map((i: { name: string }) => i.name)).toEqual(['Lock Three']);
    const byOutcome = (
      await send(server.app, viewer, 'GET', `/api/v1/products?guideline=10&outcome=${empty['10']}`)
    ).json();
    expect(byOutcome.total).toBe(3);
    const none = (await send(server.app, viewer, 'GET', '/api/v1/products?guideline=10&outcome=met')).json();
    expect(none.total).toBe(0);
  });

  it('edits with expectedRevision: a stale write is refused with the current state, and succeeds after reload', async () => {
    const p = await create({ name: 'Edit Me' });
    const first = await send(server.app, assessor, 'PATCH', `/api/v1/products/${p.id}`, {
      expectedRevision: 1,
      model: 'M-1',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ model: 'M-1', revision: 2 });
    const stale = await send(server.app, assessor, 'PATCH', `/api/v1/products/${p.id}`, {
      expectedRevision: 1,
      model: 'M-2',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale-revision');
    expect(stale.json().error.details).toMatchObject({
      currentRevision: 2,
      current: { model: 'M-1', revision: 2 },
    });
    expect((await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`)).json().product.model).toBe(
      'M-1',
    );
    const retried = await send(server.app, assessor, 'PATCH', `/api/v1/products/${p.id}`, {
      expectedRevision: 2,
      model: 'M-2',
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ model: 'M-2', revision: 3 });
  });

  it('archives and unarchives; an archived product leaves the default portfolio', async () => {
    const p = await create({ name: 'Old Model' });
    const archived = await send(server.app, assessor, 'POST', `/api/v1/products/${p.id}/archive`, {
      expectedRevision: 1,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    const active = (await send(server.app, viewer, 'GET', '/api/v1/products?pageSize=200')).json();
    expect(active.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    const onlyArchived = (await send(server.app, viewer, 'GET', '/api/v1/products?archived=true')).json();
    expect(onlyArchived.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const back = await send(server.app, assessor, 'POST', `/api/v1/products/${p.id}/unarchive`, {
      expectedRevision: archived.json().revision,
    });
    expect(back.json().archivedAt).toBeNull();
  });

  it('answers the profile and shows the derived applicability, with its reason', async () => {
    const p = await create({ name: 'Profiled' });
    const put = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/profile`, {
      expectedRevision: 1,
      answers: { mqtt: false, wifi: true, wps: null },
    });
    expect(put.statusCode, put.body).toBe(200);
    const profile = put.json().profile;
    expect(profile.answers).toEqual({ mqtt: false, wifi: true });
    const mqttRule = profile.applicability.find((a: { requirement: string }) => a.requirement === '2.4.7.13');
    expect(mqttRule).toEqual({
      requirement: '2.4.7.13',
      kind: 'not-applicable',
      reason: 'the product does not use MQTT',
      missing: [],
    });
    const read = (await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}/profile`)).json();
    expect(read).toEqual(profile);
    const unknown = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/profile`, {
      expectedRevision: profile.revision,
      answers: { mqqt: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('did you mean mqtt');
  });

  it('sets records and attestations, each with its own revision, and the outcome follows the core', async () => {
    const p = await create({ name: 'Recorded' });
    const g10 = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/attestations/10`, {
      expectedRevision: 0,
      status: 'compliant',
      justification: 'Logging follows the IoTSF Best Practice Guide; see the runbook.',
      assessor: 'A. Assessor',
      date: '2026-03-01',
    });
    expect(g10.statusCode, g10.body).toBe(200);
    expect(g10.json().record).toMatchObject({
      status: 'compliant',
      assessor: 'A. Assessor',
      date: '2026-03-01',
    });
    const attestations = new Map([
      ['10', record('compliant', 'Logging follows the IoTSF Best Practice Guide; see the runbook.')],
    ]);
    expect(g10.json().outcomes).toEqual(outcomesOf({ attestations }));

    const r1 = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/requirements/2.4.7.13`, {
      expectedRevision: 0,
      status: 'non-compliant',
    });
    expect(r1.statusCode, r1.body).toBe(200);
    const requirements = new Map([['2.4.7.13', record('non-compliant')]]);
    expect(r1.json().outcomes).toEqual(outcomesOf({ attestations, requirements }));

    // Someone else's older view of the same requirement is refused, with the current record.
    const stale = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/requirements/2.4.7.13`, {
      expectedRevision: 0,
      status: 'compliant',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({
      status: 'non-compliant',
      revision: r1.json().record.revision,
    });
    // A different requirement is not affected by that revision.
    const other = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/requirements/2.4.8.4`, {
      expectedRevision: 0,
      status: 'compliant',
    });
    expect(other.statusCode).toBe(200);

    const detail = (await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`)).json();
    expect(detail.records['2.4.7.13']).toMatchObject({
      status: 'non-compliant',
      revision: r1.json().record.revision,
    });
    expect(detail.attestations['10'].status).toBe('compliant');
  });

  it('refuses records that break the assessment rules, and unknown ids, changing nothing', async () => {
    const p = await create({ name: 'Rules' });
    const before = (await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`)).json();
    const noJustification = await send(
      server.app,
      assessor,
      'PUT',
      `/api/v1/products/${p.id}/requirements/2.4.8.4`,
      {
        expectedRevision: 0,
        status: 'not-applicable',
      },
    );
    expect(noJustification.statusCode).toBe(400);
    expect(noJustification.json().error.message).toMatch(/no justification/);
    const unknown = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/requirements/9.9.9.9`, {
      expectedRevision: 0,
      status: 'compliant',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('no requirement "9.9.9.9"');
    const ambiguous = await send(
      server.app,
      assessor,
      'PUT',
      `/api/v1/products/${p.id}/requirements/2.4.3.13`,
      {
        expectedRevision: 0,
        status: 'compliant',
      },
    );
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().error.message).toContain('2.4.3.13/');
    const mapped = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/attestations/1`, {
      expectedRevision: 0,
      status: 'compliant',
    });
    expect(mapped.statusCode).toBe(400);
    const noProduct = await send(
      server.app,
      assessor,
      'PUT',
      '/api/v1/products/00000000-0000-4000-8000-000000000000/requirements/2.4.8.4',
      { expectedRevision: 0, status: 'compliant' },
    );
    expect(noProduct.statusCode).toBe(404);
    const after = (await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`)).json();
    expect({ ...after, report: { ...after.report, generatedAt: '' } }).toEqual({
      ...before,
      report: { ...before.report, generatedAt: '' },
    });
  });

  it('reaches a requirement whose id contains a slash (2.4.3.13/2) when it is URL-encoded', async () => {
    const p = await create({ name: 'Slash' });
    const r = await send(server.app, assessor, 'PUT', `/api/v1/products/${p.id}/requirements/2.4.3.13%2F2`, {
      expectedRevision: 0,
      status: 'compliant',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().target).toEqual({ kind: 'requirement', id: '2.4.3.13/2' });
  });

  it('keeps hostile strings as plain text, exactly', async () => {
    const hostile = {
      name: '<script>alert(1)</script> =HYPERLINK("http://x")',
      model: "'; DROP TABLE products; --",
      // A right-to-left override, template syntax and a zero-width space: all stay plain text.
      description: '\u202egnp.exe {{7*7}} $' + '{process.env} \u200b',
    };
    const p = await create(hostile);
    const detail = (await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`)).json();
    expect(detail.product).toMatchObject(hostile);
    const listed = (
      await send(server.app, viewer, 'GET', `/api/v1/products?q=${encodeURIComponent('<script>')}`)
    ).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });

  it('does not let a viewer change anything', async () => {
    const p = await create({ name: 'Read Only' });
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/products/${p.id}`, { expectedRevision: 1, name: 'Hacked' }],
      ['POST', '/api/v1/products', { name: 'New' }],
      ['PUT', `/api/v1/products/${p.id}/requirements/2.4.8.4`, { expectedRevision: 0, status: 'compliant' }],
    ] as const) {
      const r = await send(server.app, viewer, method, url, body);
      expect(r.statusCode).toBe(403);
    }
    expect((await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}`)).json().product.name).toBe(
      'Read Only',
    );
  });
});
