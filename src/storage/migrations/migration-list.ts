import type { Migration } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { portfolioIndexesMigration } from './0002-portfolio-indexes.js';

/**
 * Every migration, in order, in code (not read from a folder at run time): the bundled CLI and
 * the server carry their schema with them. Names sort in the order they run.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initialMigration,
  '0002-portfolio-indexes': portfolioIndexesMigration,
};
