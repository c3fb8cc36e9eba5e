/**
 * Writes racing on one product: on PostgreSQL they run on separate connections at once; on SQLite
 * they queue on its single writer. Either way none is lost, stale ones are refused, and the cached
 * evaluation matches the final state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct } from '../../src/workspace/products.js';
import { setProfileAnswers } from '../../src/workspace/profile.js';
import { setRequirementRecord } from '../../src/workspace/records.js';
import { createUser, listUsers, updateUser } from '../../src/workspace/users.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { StaleRevisionError } from '../../src/workspace/workspace-errors.js';
import { staleCaches } from '../storage/consistency.js';
import { ALICE, BOB, freshDatabase, TEST_DATABASES, type TestDatabase } from '../storage/test-databases.js';

describe.each(TEST_DATABASES)('concurrent writes on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
  });
  afterAll(async () => test?.dispose());

  it('keeps every one of many simultaneous edits of different requirements', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Busy product' });
    const ids = ws.ctx.source.items.slice(0, 40).map((i) => i.id);
    const results = await Promise.all(
      ids.map((id, n) =>
        setRequirementRecord(ws, n % 2 ? ALICE : BOB, p.id, id, 0, {
          status: 'compliant',
          assessor: `person ${n}`,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.record.revision)).size).toBe(ids.length);
    const stored = await ws.db
      .selectFrom('assessment_records')
      .select(['item_id', 'assessor'])
      .where('product_id', '=', p.id)
      .execute();
    expect(stored).toHaveLength(ids.length);
    expect(await staleCaches(ws)).toEqual([]);
  });

  it('lets exactly one of several simultaneous edits of the same record win', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Contested product' });
    const attempts = await Promise.allSettled(
      ['compliant', 'non-compliant', 'partially-compliant', 'compliant'].map((status, n) =>
        setRequirementRecord(ws, n % 2 ? ALICE : BOB, p.id, '2.4.3.5', 0, {
          status: status as 'compliant',
          assessor: `person ${n}`,
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts)
      if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(StaleRevisionError);
  });

  it('applies one of two simultaneous profile changes and refuses the other as stale', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Profile race' });
    const attempts = await Promise.allSettled([
      setProfileAnswers(ws, ALICE, p.id, 1, { mqtt: true }),
      setProfileAnswers(ws, BOB, p.id, 1, { mqtt: false }),
    ]);
    expect(attempts.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await staleCaches(ws)).toEqual([]);
  });

  it('never leaves the server without an administrator, even when two demote each other at once', async () => {
    const system = { kind: 'system' as const, label: 'test' };
    const a = await createUser(ws, system, {
      username: 'admin-a',
      displayName: 'A',
      role: 'administrator',
      passwordHash: 'h',
    });
    const b = await createUser(ws, system, {
      username: 'admin-b',
      displayName: 'B',
      role: 'administrator',
      passwordHash: 'h',
    });
    const attempts = await Promise.allSettled([
      updateUser(ws, system, a.id, { role: 'viewer' }),
      updateUser(ws, system, b.id, { role: 'viewer' }),
    ]);
    expect(attempts.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect((await listUsers(ws)).filter((u) => u.role === 'administrator' && !u.disabled)).toHaveLength(1);
  });
});
