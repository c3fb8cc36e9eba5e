import { type Kysely, PostgresAdapter } from 'kysely';

/** The two databases iotassure runs on. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** Which database a kysely instance talks to (migrations need it for the few non-portable lines). */
export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
