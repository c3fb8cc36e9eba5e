import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/database-schema.js';
import type { Workspace } from './workspace.js';

/**
 * Runs several reads against one consistent snapshot, so a page never mixes two states of a product
 * (PostgreSQL: a REPEATABLE READ, READ ONLY transaction; SQLite: one transaction on its one connection).
 */
export function readSnapshot<T>(ws: Workspace, read: (db: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  let tx = ws.db.transaction();
  if (ws.handle.dialect === 'postgres')
    tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
  return tx.execute(read);
}
