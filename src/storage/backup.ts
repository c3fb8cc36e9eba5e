/**
 * Consistent backups while the server runs, and restore into an empty database.
 *
 * - SQLite (default for an SQLite database): better-sqlite3's online backup API, copying every
 *   page in one step so the copy is one consistent state even while other connections write. The
 *   result is an ordinary iotassure.sqlite file.
 * - Portable (default for PostgreSQL; optional for SQLite): every table read in ONE snapshot (a
 *   REPEATABLE READ, READ ONLY transaction on PostgreSQL) and written as gzip-compressed JSON lines:
 *   a header, then per table its columns and its rows, then a trailer with the row counts, so a
 *   truncated file is detected. It restores into PostgreSQL or SQLite alike.
 *
 * restoreDatabase takes either kind of file and refuses a database that already holds data.
 */
import { once } from 'node:events';
import {
  chmodSync,
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type DatabaseSchema, TABLES_IN_DEPENDENCY_ORDER } from './database-schema.js';
import type { DialectName } from './dialect.js';
import { MIGRATIONS } from './migrations/migration-list.js';
import type { DatabaseHandle } from './open-database.js';

export type TableName = (typeof TABLES_IN_DEPENDENCY_ORDER)[number];

/** Each table's primary key: the order rows are read in (keyset paging, no OFFSET). */
const KEYS: Readonly<Record<TableName, readonly string[]>> = {
  settings: ['key'],
  setup_tokens: ['token_hash'],
  users: ['id'],
  sessions: ['token_hash'],
  api_tokens: ['id'],
  login_throttle: ['key'],
  blobs: ['sha256'],
  products: ['id'],
  profile_answers: ['product_id', 'fact_id'],
  assessment_records: ['product_id', 'scope', 'item_id'],
  evidence: ['id'],
  audit_events: ['id'],
};

/** Rows per read: blobs are up to 25 MB each, so few at a time. */
const PAGE_ROWS: Partial<Record<TableName, number>> = { blobs: 4 };
const DEFAULT_PAGE_ROWS = 2000;

/** Columns holding bytes, written as base64 in the portable format. */
const BYTE_COLUMNS: Partial<Record<TableName, readonly string[]>> = { blobs: ['bytes'] };

export const PORTABLE_FORMAT = 'iotassure-backup';
export const PORTABLE_FORMAT_VERSION = 1;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type BackupFormat = 'sqlite' | 'portable';

export interface BackupSummary {
  readonly path: string;
  readonly format: BackupFormat;
  readonly bytes: number;
  /** Rows per table (portable format only). */
  readonly rows: Readonly<Partial<Record<TableName, number>>> | null;
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

interface PortableHeader {
  readonly format: typeof PORTABLE_FORMAT;
  readonly version: number;
  readonly dialect: DialectName;
  readonly migrations: readonly string[];
  readonly createdAt: string;
}

type Row = Record<string, unknown>;

/** A temporary file beside the target, renamed into place when complete: never a half-written backup. */
function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
}

function refuseExisting(path: string): void {
  if (statSync(path, { throwIfNoEntry: false })) {
    throw new BackupError(`${path} already exists; choose a new file name for the backup`);
  }
  if (!statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) {
    throw new BackupError(`the folder ${dirname(path)} does not exist`);
  }
}

/** Reads every table's rows in primary-key order, in pages, inside the given snapshot. */
async function* tableRows(
  db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>,
  table: TableName,
): AsyncGenerator<Row[]> {
  const keys = KEYS[table];
  const pageRows = PAGE_ROWS[table] ?? DEFAULT_PAGE_ROWS;
  let last: unknown[] | null = null;
  for (;;) {
    const after: unknown[] | null = last;
    // biome-ignore lint/suspicious/noExplicitAny: one generic reader over every table
    let query = (db as Kysely<any>).selectFrom(table).selectAll();
    if (after) {
      query = query.where(
        sql<boolean>`(${sql.join(keys.map((k) => sql.ref(k)))}) > (${sql.join(after.map((v) => sql`${v}`))})`,
      );
    }
    for (const k of keys) query = query.orderBy(k);
    const rows = (await query.limit(pageRows).execute()) as Row[];
    if (rows.length === 0) return;
    yield rows;
    const final = rows[rows.length - 1] as Row;
    last = keys.map((k) => final[k]);
    if (rows.length < pageRows) return;
  }
}

async function writeLine(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

async function portableBackup(
  handle: DatabaseHandle,
  path: string,
): Promise<Partial<Record<TableName, number>>> {
  const counts: Partial<Record<TableName, number>> = {};
  const gzip = createGzip();
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    file.on('finish', resolve);
    file.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(file);
  let tx = handle.db.transaction();
  if (handle.dialect === 'postgres') tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
  await tx.execute(async (trx) => {
    const header: PortableHeader = {
      format: PORTABLE_FORMAT,
      version: PORTABLE_FORMAT_VERSION,
      dialect: handle.dialect,
      migrations: await appliedMigrations(trx),
      createdAt: new Date().toISOString(),
    };
    await writeLine(gzip, header);
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      let columns: string[] | null = null;
      let n = 0;
      for await (const rows of tableRows(trx, table)) {
        if (!columns) {
          columns = Object.keys(rows[0] as Row);
          await writeLine(gzip, { table, columns });
        }
        const bytes = BYTE_COLUMNS[table] ?? [];
        for (const row of rows) {
          await writeLine(
            gzip,
            (columns as string[]).map((c) =>
              bytes.includes(c) ? Buffer.from(row[c] as Uint8Array).toString('base64') : row[c],
            ),
          );
        }
        n += rows.length;
      }
      counts[table] = n;
    }
    await writeLine(gzip, { end: true, rows: counts });
  });
  gzip.end();
  await done;
  return counts;
}

async function appliedMigrations(
  db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>,
): Promise<string[]> {
  // biome-ignore lint/suspicious/noExplicitAny: kysely's own bookkeeping table is not in the schema type
  const rows = await (db as Kysely<any>)
    .selectFrom('kysely_migration')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((r: { name: string }) => r.name);
}

/**
 * Writes a consistent copy of the database to `outputPath` (which must not exist yet), readable
 * only by its owner. Safe while the server runs and writes.
 */
export async function backupDatabase(
  handle: DatabaseHandle,
  outputPath: string,
  options: { readonly format?: BackupFormat } = {},
): Promise<BackupSummary> {
  const format = options.format ?? (handle.dialect === 'sqlite' ? 'sqlite' : 'portable');
  if (format === 'sqlite' && handle.dialect !== 'sqlite') {
    throw new BackupError('a PostgreSQL database is backed up in the portable format');
  }
  refuseExisting(outputPath);
  const partial = temporaryBeside(outputPath);
  rmSync(partial, { force: true });
  try {
    let rows: Partial<Record<TableName, number>> | null = null;
    if (format === 'sqlite' && handle.dialect === 'sqlite') {
      // All remaining pages in one step: the copy is one consistent state even when another
      // process writes meanwhile (a step-by-step copy would restart on every such write).
      await handle.sqlite.backup(partial, { progress: () => 0x7fffffff });
      chmodSync(partial, 0o600);
      const check = new SqliteDatabase(partial, { readonly: true, fileMustExist: true });
      try {
        const result = check.pragma('quick_check', { simple: true });
        if (result !== 'ok')
          throw new BackupError(`the backup copy failed its integrity check: ${String(result)}`);
      } finally {
        check.close();
      }
    } else {
      rows = await portableBackup(handle, partial);
    }
    renameSync(partial, outputPath);
    return { path: outputPath, format, bytes: statSync(outputPath).size, rows };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed: ${(error as Error).message}`, { cause: error });
  }
}

function fileKind(path: string): BackupFormat {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n >= 16 && head.toString('latin1') === SQLITE_MAGIC) return 'sqlite';
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'portable';
  } finally {
    closeSync(fd);
  }
  throw new BackupError(
    `${path} is not an iotassure backup (neither an SQLite database nor a portable backup)`,
  );
}

interface TableBatch {
  readonly table: TableName;
  readonly rows: Row[];
}

/** The rows of a portable backup, table by table, in batches; checks the trailer's counts. */
async function* portableRows(path: string): AsyncGenerator<TableBatch> {
  const lines = createInterface({
    input: createReadStream(path).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: PortableHeader | null = null;
  let table: TableName | null = null;
  let columns: string[] = [];
  let batch: Row[] = [];
  const seen: Partial<Record<TableName, number>> = {};
  let ended = false;
  let lineNumber = 0;
  const bad = (what: string) =>
    new BackupError(`${path}, line ${lineNumber}: ${what}; the backup is damaged`);
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (ended) throw bad('data after the end marker');
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw bad('not JSON');
      }
      if (!header) {
        const h = value as PortableHeader;
        if (h?.format !== PORTABLE_FORMAT) throw bad('not an iotassure backup header');
        if (h.version !== PORTABLE_FORMAT_VERSION)
          throw bad(`backup format version ${h.version} is not supported`);
        checkMigrations(h.migrations ?? [], path);
        header = h;
        continue;
      }
      if (Array.isArray(value)) {
        if (!table) throw bad('a row before any table');
        const bytes = BYTE_COLUMNS[table] ?? [];
        const row: Row = {};
        columns.forEach((c, i) => {
          const v = value[i];
          row[c] = bytes.includes(c) && typeof v === 'string' ? Buffer.from(v, 'base64') : v;
        });
        batch.push(row);
        seen[table] = (seen[table] ?? 0) + 1;
        if (batch.length >= (PAGE_ROWS[table] ?? DEFAULT_PAGE_ROWS)) {
          yield { table, rows: batch };
          batch = [];
        }
        continue;
      }
      const obj = value as {
        table?: string;
        columns?: string[];
        end?: boolean;
        rows?: Record<string, number>;
      };
      if (obj.table) {
        if (table && batch.length) yield { table, rows: batch };
        batch = [];
        if (!(TABLES_IN_DEPENDENCY_ORDER as readonly string[]).includes(obj.table))
          throw bad(`unknown table ${obj.table}`);
        table = obj.table as TableName;
        columns = obj.columns ?? [];
        continue;
      }
      if (obj.end) {
        if (table && batch.length) yield { table, rows: batch };
        batch = [];
        for (const t of TABLES_IN_DEPENDENCY_ORDER) {
          if ((obj.rows?.[t] ?? 0) !== (seen[t] ?? 0))
            throw bad(`table ${t} should have ${obj.rows?.[t] ?? 0} rows, found ${seen[t] ?? 0}`);
        }
        ended = true;
        continue;
      }
      throw bad('an unexpected line');
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${path} cannot be read: ${(error as Error).message}; the backup is damaged`, {
      cause: error,
    });
  }
  if (!ended) throw new BackupError(`${path} ends before its end marker: the backup is incomplete`);
}

async function* sqliteRows(path: string): AsyncGenerator<TableBatch> {
  const source = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const migrations = (
      source.prepare('select name from kysely_migration order by name').all() as { name: string }[]
    ).map((r) => r.name);
    checkMigrations(migrations, path);
    source.exec('begin'); // one snapshot of the file
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      const rows = source
        .prepare(`select * from ${table} order by ${KEYS[table].join(', ')}`)
        .iterate() as IterableIterator<Row>;
      let batch: Row[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= (PAGE_ROWS[table] ?? DEFAULT_PAGE_ROWS)) {
          yield { table, rows: batch };
          batch = [];
        }
      }
      if (batch.length) yield { table, rows: batch };
    }
    source.exec('commit');
  } finally {
    source.close();
  }
}

function checkMigrations(migrations: readonly string[], path: string): void {
  const ours = Object.keys(MIGRATIONS).sort();
  if (JSON.stringify([...migrations].sort()) !== JSON.stringify(ours)) {
    throw new BackupError(
      `${path} has the schema of another iotassure version (migrations ${migrations.join(', ') || 'none'}; this version has ${ours.join(', ')}); restore it with that version`,
    );
  }
}

export interface RestoreSummary {
  readonly format: BackupFormat;
  readonly rows: Readonly<Partial<Record<TableName, number>>>;
}

/**
 * Restores a backup into `handle`'s database, which must be migrated and empty (a fresh data
 * folder or a new PostgreSQL database). All or nothing: one transaction.
 */
export async function restoreDatabase(handle: DatabaseHandle, inputPath: string): Promise<RestoreSummary> {
  if (!statSync(inputPath, { throwIfNoEntry: false })?.isFile())
    throw new BackupError(`${inputPath} does not exist`);
  const format = fileKind(inputPath);
  const rows: Partial<Record<TableName, number>> = {};
  await handle.db.transaction().execute(async (trx) => {
    for (const table of TABLES_IN_DEPENDENCY_ORDER) {
      // biome-ignore lint/suspicious/noExplicitAny: one generic check over every table
      const any = await (trx as Kysely<any>)
        .selectFrom(table)
        .select(sql`1`.as('one'))
        .limit(1)
        .executeTakeFirst();
      if (any) {
        throw new BackupError(
          `the database ${handle.location} already holds data (table ${table}); restore into an empty database: a new data folder, or a new PostgreSQL database`,
        );
      }
    }
    const source = format === 'sqlite' ? sqliteRows(inputPath) : portableRows(inputPath);
    for await (const { table, rows: batch } of source) {
      const width = Object.keys(batch[0] ?? {}).length || 1;
      const chunk = Math.max(1, Math.floor(30_000 / width));
      for (let start = 0; start < batch.length; start += chunk) {
        // biome-ignore lint/suspicious/noExplicitAny: rows come from the same schema
        await (trx as Kysely<any>)
          .insertInto(table)
          .values(batch.slice(start, start + chunk))
          .execute();
      }
      rows[table] = (rows[table] ?? 0) + batch.length;
    }
    if (handle.dialect === 'postgres') {
      // Explicit ids were inserted: the identity sequence continues after the highest one.
      await sql`select setval(pg_get_serial_sequence('audit_events', 'id'), coalesce((select max(id) from audit_events), 0) + 1, false)`.execute(
        trx,
      );
    }
  });
  return { format, rows };
}
