import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/open-database.js';
import { freshDatabase, TEST_DATABASES, type TestDatabase } from './test-databases.js';

describe.each(TEST_DATABASES)('the audit trail on %s', (kind) => {
  let test: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    handle = await test.open();
    await handle.db
      .insertInto('audit_events')
      .values(
        [1, 2].map((i) => ({
          at: `2026-01-0${i}T00:00:00.000Z`,
          actor_kind: 'system' as const,
          actor_id: null,
          actor_label: 'test',
          product_id: null,
          target_kind: 'setup',
          target_id: null,
          action: `event-${i}`,
          before_json: null,
          after_json: null,
        })),
      )
      .execute();
  });
  afterAll(async () => test?.dispose());

  const events = () => handle.db.selectFrom('audit_events').select(['id', 'action']).orderBy('id').execute();

  it('numbers events in the order they were appended', async () => {
    expect((await events()).map((e) => e.action)).toEqual(['event-1', 'event-2']);
  });

  it('refuses UPDATE, even of one column of one row', async () => {
    await expect(
      handle.db
        .updateTable('audit_events')
        .set({ action: 'rewritten' })
        .where('action', '=', 'event-1')
        .execute(),
    ).rejects.toThrow(/append-only/);
    expect((await events()).map((e) => e.action)).toEqual(['event-1', 'event-2']);
  });

  it('refuses DELETE', async () => {
    await expect(handle.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    await expect(
      handle.db.deleteFrom('audit_events').where('action', '=', 'event-2').execute(),
    ).rejects.toThrow(/append-only/);
    expect(await events()).toHaveLength(2);
  });

  it('refuses them inside a transaction too, leaving the trail as it was', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('audit_events').execute();
      }),
    ).rejects.toThrow(/append-only/);
    expect(await events()).toHaveLength(2);
  });

  // SQLite has no TRUNCATE (its DELETE without WHERE is refused above).
  if (kind === 'postgres') {
    it('refuses TRUNCATE on PostgreSQL', async () => {
      await expect(sql`truncate audit_events`.execute(handle.db)).rejects.toThrow(/append-only/);
      expect(await events()).toHaveLength(2);
    });
  }
});
