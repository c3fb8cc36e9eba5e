import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES_IN_DEPENDENCY_ORDER } from '../../src/storage/database-schema.js';
import { MIGRATIONS } from '../../src/storage/migrations/migration-list.js';
import {
  DatabaseOpenError,
  openDatabase,
  redactUrl,
  SQLITE_FILE_NAME,
} from '../../src/storage/open-database.js';
import { freshDatabase, TEST_DATABASES, type TestDatabase } from './test-databases.js';

describe('openDatabase on SQLite', () => {
  const root = mkdtempSync(join(tmpdir(), 'iotassure-open-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data folder and an owner-only database file, in WAL mode with foreign keys and a busy timeout', async () => {
    const dataDir = join(root, 'new', 'nested');
    const handle = await openDatabase({ dataDir });
    try {
      expect(handle.dialect).toBe('sqlite');
      const file = join(dataDir, SQLITE_FILE_NAME);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      if (handle.dialect !== 'sqlite') throw new Error('unreachable');
      expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    } finally {
      await handle.close();
    }
  });

  it('migrates once: opening again applies nothing and keeps the data', async () => {
    const dataDir = join(root, 'twice');
    const first = await openDatabase({ dataDir });
    await first.db
      .insertInto('settings')
      .values({ key: 'k', value: '"v"', updated_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    await first.close();
    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.db.selectFrom('settings').selectAll().execute();
      expect(rows).toHaveLength(1);
      const names = await sql<{ name: string }>`select name from kysely_migration`.execute(second.db);
      expect(names.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not a database, saying so', async () => {
    const dataDir = join(root, 'garbage');
    await openDatabase({ dataDir }).then((h) => h.close());
    rmSync(join(dataDir, SQLITE_FILE_NAME));
    writeFileSync(join(dataDir, SQLITE_FILE_NAME), 'this is not a database, just text '.repeat(200));
    const error = await openDatabase({ dataDir }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error.message).toContain(join(dataDir, SQLITE_FILE_NAME));
    expect(error.message).toMatch(/not an iotassure SQLite database|not a database/);
  });

  it('refuses a database written by a newer iotassure instead of guessing', async () => {
    const dataDir = join(root, 'newer');
    const handle = await openDatabase({ dataDir });
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(
      handle.db,
    );
    await handle.close();
    const error = await openDatabase({ dataDir }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error.message).toMatch(/newer iotassure/);
  });

  it('refuses a data folder it cannot create, naming it', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'x');
    const error = await openDatabase({ dataDir: join(blocker, 'sub') }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error.message).toContain('cannot create the data folder');
  });
});

describe('openDatabase with a database URL', () => {
  it('refuses a URL that is not PostgreSQL, with the way to write one', async () => {
    const error = await openDatabase({
      dataDir: '/nonexistent',
      databaseUrl: 'mysql://x@localhost/db',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error.message).toContain('postgresql://');
  });

  it('refuses text that is no URL', async () => {
    const error = await openDatabase({ dataDir: '/nonexistent', databaseUrl: 'not a url' }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error.message).toContain('postgresql://USER:PASSWORD@HOST:PORT/DATABASE');
  });

  it('says which server it cannot reach, without the password', async () => {
    const error = await openDatabase({
      dataDir: '/nonexistent',
      databaseUrl: 'postgresql://someone:s3cret-pw@127.0.0.1:1/db',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('redacts passwords in printed URLs', () => {
    expect(redactUrl('postgresql://u:pw@h:5432/d')).toBe('postgresql://u:***@h:5432/d');
    expect(redactUrl('postgresql://h/d')).toBe('postgresql://h/d');
  });
});

describe.each(TEST_DATABASES)('schema on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await freshDatabase(kind);
  });
  afterAll(async () => test?.dispose());

  it('has every table the backup order lists, and no other application table', async () => {
    const handle = await test.open();
    const tables = (await handle.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'));
    expect(tables.sort()).toEqual([...TABLES_IN_DEPENDENCY_ORDER].sort());
  });
});
