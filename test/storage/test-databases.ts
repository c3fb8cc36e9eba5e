/**
 * The databases storage, workspace and API tests run against: SQLite always, PostgreSQL too when
 * IOTASSURE_TEST_DATABASE_URL is set (scripts/start-test-postgres.sh prints one). Each test file
 * gets its own fresh database — a temporary data folder, or a new PostgreSQL database created
 * through the given URL and dropped afterwards — so test files never see each other's rows.
 *
 *   describe.each(TEST_DATABASES)('%s', (kind) => { let db: TestDatabase; beforeAll(async () => { db = await freshDatabase(kind) }); … })
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import type { AssessmentContext } from '../../src/core/assessment/assessment-context.js';
import type { DialectName } from '../../src/storage/dialect.js';
import { type DatabaseHandle, openDatabase } from '../../src/storage/open-database.js';
import type { Actor } from '../../src/workspace/actor.js';
import { openWorkspace } from '../../src/workspace/open-workspace.js';
import type { Workspace } from '../../src/workspace/workspace.js';

export const POSTGRES_TEST_URL = process.env.IOTASSURE_TEST_DATABASE_URL || null;

export const TEST_DATABASES: readonly DialectName[] = POSTGRES_TEST_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  readonly kind: DialectName;
  /** The SQLite data folder (also set for PostgreSQL: a scratch folder for the test's files). */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Opens (another) handle to this database; closed by dispose(). */
  open(): Promise<DatabaseHandle>;
  /** Opens a workspace over this database with the bundled catalog. */
  workspace(options?: { now?: () => Date }): Promise<Workspace>;
  /** Closes every handle opened through this object and deletes the database. */
  dispose(): Promise<void>;
}

let sharedLoader: ReturnType<typeof contextLoader> | null = null;

/** The bundled catalog's context, loaded once per test file. */
export function bundledContext(): AssessmentContext {
  sharedLoader ??= contextLoader();
  return sharedLoader.contextFor(undefined);
}

export const TEST_TOOL = { name: 'iotassure', version: 'test' };

export const ALICE: Actor = { kind: 'user', id: 'user-alice', label: 'alice' };
export const BOB: Actor = { kind: 'user', id: 'user-bob', label: 'bob' };

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL ?? '' });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(kind: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iotassure-test-'));
  let databaseUrl: string | undefined;
  let dropName: string | null = null;
  if (kind === 'postgres') {
    if (!POSTGRES_TEST_URL) throw new Error('IOTASSURE_TEST_DATABASE_URL is not set');
    dropName = `iotassure_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${dropName}`);
    const url = new URL(POSTGRES_TEST_URL);
    url.pathname = `/${dropName}`;
    databaseUrl = url.toString();
  }
  const handles: DatabaseHandle[] = [];
  const open = async () => {
    const handle = await openDatabase({ dataDir, databaseUrl, poolSize: 4 });
    handles.push(handle);
    return handle;
  };
  return {
    kind,
    dataDir,
    databaseUrl,
    open,
    async workspace(options = {}) {
      const ws = await openWorkspace({
        dataDir,
        databaseUrl,
        poolSize: 4,
        ctx: bundledContext(),
        tool: TEST_TOOL,
        now: options.now,
      });
      handles.push(ws.handle);
      return ws;
    },
    async dispose() {
      for (const h of handles.splice(0)) await h.close().catch(() => {});
      if (dropName) await adminQuery(`drop database if exists ${dropName} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
