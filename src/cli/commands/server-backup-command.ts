/**
 * `iotassure server backup -o FILE` and `iotassure server restore FILE`: a consistent copy of the
 * team server's database, taken while the server runs (SQLite's online backup, or one read-only
 * snapshot of PostgreSQL), and its restore into an empty database.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { printable } from '../../diagnostics/printable.js';
import { CliError, EXIT } from '../exit-codes.js';
import { SERVE_DEFAULTS } from './serve-command.js';

export interface ServerDatabaseOptions {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

export interface BackupCommandOptions extends ServerDatabaseOptions {
  readonly output: string;
  readonly format?: string;
}

function where(options: ServerDatabaseOptions) {
  return {
    dataDir: resolve(options.dataDir ?? process.env.IOTASSURE_SERVER_DATA_DIR ?? SERVE_DEFAULTS.dataDir),
    databaseUrl: options.databaseUrl ?? (process.env.IOTASSURE_DATABASE_URL || undefined),
  };
}

async function open(options: ServerDatabaseOptions, mustExist: boolean) {
  const { openDatabase, DatabaseOpenError, SQLITE_FILE_NAME } = await import(
    '../../storage/open-database.js'
  );
  const { dataDir, databaseUrl } = where(options);
  // A backup of a folder that holds no database is a mistake (a wrong --data-dir), not an empty backup.
  if (mustExist && !databaseUrl && !existsSync(join(dataDir, SQLITE_FILE_NAME))) {
    throw new CliError(
      `there is no iotassure database in ${dataDir}; give the server's folder with --data-dir (or --database-url)`,
      EXIT.badInput,
    );
  }
  try {
    return await openDatabase({ dataDir, databaseUrl, poolSize: 2 });
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message, EXIT.badInput);
    throw error;
  }
}

export async function serverBackupCommand(options: BackupCommandOptions): Promise<number> {
  if (options.format !== undefined && options.format !== 'sqlite' && options.format !== 'portable') {
    throw new CliError(`--format must be sqlite or portable (got "${options.format}")`, EXIT.usage);
  }
  const output = resolve(options.output);
  if (existsSync(output)) {
    throw new CliError(
      `${options.output} exists; backups never overwrite a file, choose a new name`,
      EXIT.badInput,
    );
  }
  const { backupDatabase, BackupError } = await import('../../storage/backup.js');
  const handle = await open(options, true);
  try {
    const summary = await backupDatabase(handle, output, options.format ? { format: options.format } : {});
    const rows = summary.rows
      ? `, ${Object.values(summary.rows).reduce((a, b) => a + (b ?? 0), 0)} rows`
      : '';
    process.stderr.write(
      `wrote ${printable(options.output)}: a ${summary.format} backup of ${printable(handle.location)} (${summary.bytes} bytes${rows})\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message, EXIT.badInput);
    throw error;
  } finally {
    await handle.close();
  }
}

export async function serverRestoreCommand(file: string, options: ServerDatabaseOptions): Promise<number> {
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`, EXIT.badInput);
  const { restoreDatabase, BackupError } = await import('../../storage/backup.js');
  const handle = await open(options, false);
  try {
    const summary = await restoreDatabase(handle, resolve(file));
    const rows = Object.values(summary.rows).reduce((a, b) => a + (b ?? 0), 0);
    process.stderr.write(`restored ${printable(file)} into ${printable(handle.location)} (${rows} rows)\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message, EXIT.badInput);
    throw error;
  } finally {
    await handle.close();
  }
}
