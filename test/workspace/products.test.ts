import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productHistory } from '../../src/workspace/history.js';
import {
  archiveProduct,
  createProduct,
  getProduct,
  unarchiveProduct,
  updateProduct,
} from '../../src/workspace/products.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import {
  InvalidInputError,
  NotFoundError,
  StaleRevisionError,
} from '../../src/workspace/workspace-errors.js';
import { ALICE, BOB, freshDatabase, TEST_DATABASES, type TestDatabase } from '../storage/test-databases.js';

describe.each(TEST_DATABASES)('products on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
  });
  afterAll(async () => test?.dispose());

  it('creates a product at revision 1 with its fields, creator and a "created" event', async () => {
    const p = await createProduct(ws, ALICE, {
      name: '  Acme Cam  ',
      model: 'AC-1',
      manufacturer: 'Acme Ltd',
      roles: ['device-manufacturers', 'iot-service-providers'],
    });
    expect(p).toMatchObject({
      name: 'Acme Cam',
      model: 'AC-1',
      version: null,
      manufacturer: 'Acme Ltd',
      description: null,
      roles: ['device-manufacturers', 'iot-service-providers'],
      revision: 1,
      archivedAt: null,
      createdBy: 'alice',
      updatedBy: 'alice',
    });
    expect(await getProduct(ws, p.id)).toEqual(p);
    const history = await productHistory(ws, p.id);
    expect(history.items.map((e) => [e.target, e.action])).toEqual([['product', 'created']]);
    expect(history.items[0]?.actor).toEqual({ id: 'user-alice', label: 'alice' });
  });

  it('refuses fields the assessment file would refuse, naming the field', async () => {
    for (const [input, field] of [
      [{ name: '   ' }, 'product.name'],
      [{ name: '!!!' }, 'product.name'],
      [{ name: 'x'.repeat(201) }, 'product.name'],
      [{ name: 'ok', roles: ['retailers', 'retailers'] }, 'product.roles'],
      [{ name: 'ok', roles: ['ceo'] }, 'product.roles'],
    ] as const) {
      const error = await createProduct(ws, ALICE, input as never).catch((e) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInputError);
      expect(error.message).toContain(field);
    }
  });

  it('edits fields: one event per changed field with before and after, revision + 1', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Plug', model: 'P1' });
    const edited = await updateProduct(ws, BOB, p.id, 1, { name: 'Smart Plug', model: null, version: '2.0' });
    expect(edited).toMatchObject({
      name: 'Smart Plug',
      model: null,
      version: '2.0',
      revision: 2,
      updatedBy: 'bob',
      createdBy: 'alice',
    });
    const events = (await productHistory(ws, p.id)).items.filter((e) => e.action === 'updated');
    expect(events.map((e) => [e.target, e.before, e.after]).sort()).toEqual(
      [
        ['product.model', 'P1', null],
        ['product.name', 'Plug', 'Smart Plug'],
        ['product.version', null, '2.0'],
      ].sort(),
    );
    expect(events.every((e) => e.actor.label === 'bob')).toBe(true);
  });

  it('refuses a stale edit with the current product, and changes nothing', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Lock' });
    await updateProduct(ws, ALICE, p.id, 1, { name: 'Door Lock' });
    const error = await updateProduct(ws, BOB, p.id, 1, { name: 'Bob’s Lock' }).catch((e) => e);
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error.expectedRevision).toBe(1);
    expect(error.currentRevision).toBe(2);
    expect(error.current).toMatchObject({ id: p.id, name: 'Door Lock', revision: 2 });
    expect(error.message).toMatch(/alice/);
    expect((await getProduct(ws, p.id)).name).toBe('Door Lock');
  });

  it('archives and unarchives; doing it twice changes nothing and records nothing', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Old Camera' });
    const archived = await archiveProduct(ws, ALICE, p.id, 1);
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.revision).toBe(2);
    const again = await archiveProduct(ws, ALICE, p.id, 2);
    expect(again.revision).toBe(2);
    expect(again.archivedAt).toBe(archived.archivedAt);
    const back = await unarchiveProduct(ws, ALICE, p.id, 2);
    expect(back).toMatchObject({ archivedAt: null, revision: 3 });
    const actions = (await productHistory(ws, p.id)).items.map((e) => e.action);
    expect(actions).toEqual(['unarchived', 'archived', 'created']);
  });

  it('says which product does not exist', async () => {
    await expect(getProduct(ws, 'no-such-id')).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateProduct(ws, ALICE, 'no-such-id', 1, { name: 'x' })).rejects.toThrow(
      /no product with id no-such-id/,
    );
  });
});
