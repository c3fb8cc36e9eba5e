/**
 * Opens the team server's database: embedded SQLite in the data folder, or PostgreSQL when a
 * connection URL is given. The same kysely code and the same migrations run on both; the database
 * is created and migrated on open, so a fresh data folder just works.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { DatabaseSchema } from './database-schema.js';
import type { DialectName } from './dialect.js';
import { MIGRATIONS } from './migrations/migration-list.js';

export const SQLITE_FILE_NAME = 'iotassure.sqlite';

/** How long a write waits for another process's write (a CLI import while the server runs) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export interface OpenDatabaseOptions {
  /** Folder for the SQLite file (created if missing). Ignored when `databaseUrl` is given. */
  readonly dataDir: string;
  /** postgres:// or postgresql:// URL: use PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string | undefined;
  /** Run pending migrations (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
}

interface HandleBase {
  readonly db: Kysely<DatabaseSchema>;
  /** Where the data is, for messages: the SQLite file, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** A discriminated union: backup and restore need the driver-level object of their database. */
export type DatabaseHandle =
  | (HandleBase & {
      readonly dialect: 'sqlite';
      readonly sqlite: SqliteDatabase.Database;
      readonly file: string;
    })
  | (HandleBase & { readonly dialect: 'postgres'; readonly pool: pg.Pool });

/** The database could not be opened or migrated; the message says which and how to fix it. */
export class DatabaseOpenError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseOpenError';
  }
}

/**
 * SQLite's `begin` is deferred: a transaction that reads first and writes later fails at once with
 * SQLITE_BUSY when another process wrote in between, whatever the busy timeout. `begin immediate`
 * takes the write lock up front (waiting up to the busy timeout), so every transaction is a
 * serialised write — the per-product serialisation PostgreSQL gets from SELECT … FOR UPDATE.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** The URL as it may be printed: no password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable database URL)';
  }
}

const INT8_OID = 20;

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseOpenError(
      'the database URL is not a URL; write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseOpenError(
      `the database URL must start with postgresql:// (got ${parsed.protocol}//); leave it unset to use SQLite in the data folder`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // COUNT(*), SUM() and bigint ids arrive as int8; every such value here is far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    location: redactUrl(url),
    close: () => db.destroy(),
  };
}

function openSqlite(dataDir: string): DatabaseHandle {
  const folder = resolve(dataDir);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DatabaseOpenError(
      `cannot create the data folder ${folder}: ${(error as Error).message}; choose another with --data-dir`,
      error,
    );
  }
  const file = join(folder, SQLITE_FILE_NAME);
  let sqlite: SqliteDatabase.Database;
  try {
    // Created owner-only before SQLite opens it: it holds password hashes and assessments.
    closeSync(openSync(file, 'a', 0o600));
    sqlite = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseOpenError(
      `cannot open the database ${file}: ${(error as Error).message}` +
        ((error as { code?: string }).code === 'SQLITE_NOTADB'
          ? '; the file is not an iotassure SQLite database (choose another data folder)'
          : ''),
      error,
    );
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { dialect: 'sqlite', db, sqlite, file, location: file, close: () => db.destroy() };
}

/** Applies every pending migration; a database from a newer iotassure is refused, not guessed at. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = (error as Error).message ?? String(error);
    const newer = /corrupted migrations|missing/i.test(message);
    throw new DatabaseOpenError(
      newer
        ? `the database ${handle.location} was written by a newer iotassure (${message}); upgrade iotassure or use another database`
        : `could not migrate the database ${handle.location}${failed ? ` (migration ${failed.migrationName})` : ''}: ${message}`,
      error,
    );
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openSqlite(options.dataDir);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(handle);
    } catch (error) {
      await handle.close().catch(() => {});
      if (error instanceof DatabaseOpenError) throw error;
      throw new DatabaseOpenError(
        `cannot reach the database ${handle.location}: ${(error as Error).message}`,
        error,
      );
    }
  }
  return handle;
}

export type { DialectName };
