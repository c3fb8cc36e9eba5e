import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import {
  createAssessmentContext,
  DEFAULT_MAPPING_SET,
} from '../../src/core/assessment/assessment-context.js';
import { refreshStaleEvaluations } from '../../src/workspace/evaluation-cache.js';
import { productHistory } from '../../src/workspace/history.js';
import { createProduct, updateProduct } from '../../src/workspace/products.js';
import { setGuidelineAttestation, setRequirementRecord } from '../../src/workspace/records.js';
import { catalogKeyOf, type Workspace } from '../../src/workspace/workspace.js';
import { InvalidInputError, NotFoundError } from '../../src/workspace/workspace-errors.js';
import { staleCaches } from '../storage/consistency.js';
import {
  ALICE,
  BOB,
  bundledContext,
  freshDatabase,
  TEST_DATABASES,
  type TestDatabase,
} from '../storage/test-databases.js';

describe('the catalog fingerprint', () => {
  it('changes when the mapping changes, and only then', () => {
    const catalog = contextLoader().catalog();
    const mapping = catalog.mappingSets.get(DEFAULT_MAPPING_SET);
    if (!mapping) throw new Error('no default mapping');
    const same = createAssessmentContext(catalog);
    const fewerLinks = createAssessmentContext({
      ...catalog,
      mappingSets: new Map([[DEFAULT_MAPPING_SET, { ...mapping, links: mapping.links.slice(1) }]]),
    });
    expect(catalogKeyOf(same)).toBe(catalogKeyOf(bundledContext()));
    expect(catalogKeyOf(fewerLinks)).not.toBe(catalogKeyOf(same));
  });
});

describe.each(TEST_DATABASES)('cached evaluations and history on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  let productId: string;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
    const p = await createProduct(ws, ALICE, { name: 'History Cam' });
    productId = p.id;
    let revision = 0;
    for (const status of ['not-assessed', 'partially-compliant', 'compliant'] as const) {
      revision = (
        await setRequirementRecord(ws, status === 'compliant' ? BOB : ALICE, p.id, '2.4.3.5', revision, {
          status,
        })
      ).record.revision;
    }
    await setGuidelineAttestation(ws, ALICE, p.id, '10', 0, { status: 'compliant' });
    await updateProduct(ws, BOB, p.id, 1, { model: 'H-1' });
  });
  afterAll(async () => test?.dispose());

  it('re-evaluates products whose cache was computed with another catalog', async () => {
    await ws.db
      .updateTable('products')
      .set({ evaluated_with: 'old-catalog', outcome_codes: 'MMMMMMMMMMMMM', guidelines_met: 13 })
      .execute();
    expect(await staleCaches(ws)).not.toEqual([]);
    expect(await refreshStaleEvaluations(ws)).toBe(1);
    expect(await staleCaches(ws)).toEqual([]);
    expect(await refreshStaleEvaluations(ws)).toBe(0);
    // No audit event: the product's state did not change.
    expect((await productHistory(ws, productId)).total).toBe(6);
  });

  it('lists a product’s history newest first, with who, what, before and after', async () => {
    const history = await productHistory(ws, productId);
    expect(history.total).toBe(6);
    expect(history.items.map((e) => [e.target, e.action, e.actor.label])).toEqual([
      ['product.model', 'updated', 'bob'],
      ['guideline:10', 'created', 'alice'],
      ['requirement:2.4.3.5', 'updated', 'bob'],
      ['requirement:2.4.3.5', 'updated', 'alice'],
      ['requirement:2.4.3.5', 'created', 'alice'],
      ['product', 'created', 'alice'],
    ]);
    expect(history.items[2]).toMatchObject({
      before: { status: 'partially-compliant' },
      after: { status: 'compliant' },
    });
    const ids = history.items.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('pages, and narrows to one requirement (by printed number too) or one attestation', async () => {
    const page2 = await productHistory(ws, productId, { page: 2, pageSize: 4 });
    expect(page2.items.map((e) => e.action)).toEqual(['created', 'created']);
    expect(page2.total).toBe(6);
    const requirement = await productHistory(ws, productId, { requirement: '2.4.3.5' });
    expect(requirement.items.map((e) => e.after)).toEqual([
      expect.objectContaining({ status: 'compliant' }),
      expect.objectContaining({ status: 'partially-compliant' }),
      expect.objectContaining({ status: 'not-assessed' }),
    ]);
    expect((await productHistory(ws, productId, { guideline: '10' })).total).toBe(1);
  });

  it('refuses bad history queries and unknown products', async () => {
    await expect(productHistory(ws, productId, { requirement: '2.4.3.13' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      productHistory(ws, productId, { requirement: '2.4.3.5', guideline: '10' }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(productHistory(ws, productId, { pageSize: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(productHistory(ws, 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe.each(TEST_DATABASES)('settings on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
  });
  afterAll(async () => test?.dispose());

  it('stores a checked JSON value, audits each change, and refuses a bad one', async () => {
    const { z } = await import('zod');
    const { getSetting, setSetting } = await import('../../src/workspace/settings.js');
    const schema = z.object({ minutes: z.number().int().min(1) });
    expect(await getSetting(ws, 'session', schema, { minutes: 60 })).toEqual({ minutes: 60 });
    await setSetting(ws, ALICE, 'session', schema, { minutes: 30 });
    await setSetting(ws, ALICE, 'session', schema, { minutes: 30 });
    expect(await getSetting(ws, 'session', schema, { minutes: 60 })).toEqual({ minutes: 30 });
    await expect(setSetting(ws, ALICE, 'session', schema, { minutes: 0 })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const events = await ws.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_kind', '=', 'setting')
      .execute();
    expect(events.map((e) => [e.target_id, e.before_json, e.after_json])).toEqual([
      ['session', null, '{"minutes":30}'],
    ]);
  });
});
