/** The database itself refuses the states the types exclude (a second line of defence). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/open-database.js';
import { freshDatabase, TEST_DATABASES, type TestDatabase } from './test-databases.js';

const AT = '2026-01-01T00:00:00.000Z';

describe.each(TEST_DATABASES)('constraints on %s', (kind) => {
  let test: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    handle = await test.open();
    await handle.db
      .insertInto('products')
      .values({
        id: 'p1',
        name: 'P',
        model: null,
        version: null,
        manufacturer: null,
        description: null,
        roles: '[]',
        archived_at: null,
        revision: 1,
        record_sequence: 0,
        created_at: AT,
        created_by: 't',
        updated_at: AT,
        updated_by: 't',
        search_key: 'p',
        manufacturer_key: null,
        outcome_codes: 'IIIIIIIIITIII',
        guidelines_met: 0,
        top_priority_met: 0,
        applicable_requirements: 0,
        compliant_requirements: 0,
        evaluated_with: 'x',
      })
      .execute();
    await handle.db
      .insertInto('assessment_records')
      .values({
        product_id: 'p1',
        scope: 'requirement',
        item_id: '2.4.3.5',
        status: 'compliant',
        justification: null,
        profile_override: 0,
        assessor: null,
        assessed_on: null,
        revision: 1,
        updated_at: AT,
        updated_by: 't',
      })
      .execute();
  });
  afterAll(async () => test?.dispose());

  const record = (values: Record<string, unknown>) =>
    handle.db
      .insertInto('assessment_records')
      .values({
        product_id: 'p1',
        scope: 'requirement',
        item_id: `r-${Math.random()}`,
        status: 'compliant',
        justification: null,
        profile_override: 0,
        assessor: null,
        assessed_on: null,
        revision: 1,
        updated_at: AT,
        updated_by: 't',
        ...values,
      } as never)
      .execute();

  const evidence = (values: Record<string, unknown>) =>
    handle.db
      .insertInto('evidence')
      .values({
        id: `e-${Math.random()}`,
        product_id: 'p1',
        scope: 'requirement',
        item_id: '2.4.3.5',
        position: 0,
        kind: 'note',
        title: null,
        url: null,
        note: 'text',
        blob_sha256: null,
        file_name: null,
        created_at: AT,
        created_by: 't',
        ...values,
      } as never)
      .execute();

  it('accepts a well-formed record and note', async () => {
    await expect(record({})).resolves.toBeDefined();
    await expect(evidence({})).resolves.toBeDefined();
  });

  it('refuses a status that does not exist', async () => {
    await expect(record({ status: 'done' })).rejects.toThrow();
  });

  it('refuses a profile override without a justification', async () => {
    await expect(record({ profile_override: 1, justification: null })).rejects.toThrow();
    await expect(record({ profile_override: 1, justification: 'deliberate' })).resolves.toBeDefined();
  });

  it('refuses evidence whose fields do not match its kind', async () => {
    await expect(evidence({ kind: 'note', note: null })).rejects.toThrow();
    await expect(evidence({ kind: 'note', url: 'https://x.example' })).rejects.toThrow();
    await expect(evidence({ kind: 'url', note: null, url: null })).rejects.toThrow();
    await expect(
      evidence({ kind: 'file', note: null, blob_sha256: null, file_name: 'a.txt' }),
    ).rejects.toThrow();
    await expect(evidence({ kind: 'picture', note: 'x' })).rejects.toThrow();
  });

  it('refuses evidence for a record that does not exist, and a file that is not stored', async () => {
    await expect(evidence({ item_id: '2.4.3.6' })).rejects.toThrow();
    await expect(
      evidence({ kind: 'file', note: null, blob_sha256: 'a'.repeat(64), file_name: 'a.txt' }),
    ).rejects.toThrow();
  });

  it('refuses a user role that does not exist and a second user with the same name key', async () => {
    const user = (id: string, role: string) =>
      handle.db
        .insertInto('users')
        .values({
          id,
          username: 'Alice',
          username_key: 'alice',
          display_name: 'A',
          role: role as 'viewer',
          password_hash: 'x',
          created_at: AT,
          disabled_at: null,
          password_changed_at: AT,
        })
        .execute();
    await expect(user('u0', 'root')).rejects.toThrow();
    await expect(user('u1', 'viewer')).resolves.toBeDefined();
    await expect(user('u2', 'viewer')).rejects.toThrow();
  });
});
