/**
 * Indexes for the portfolio at 10,000 products, measured on the benchmark seed: each of its
 * orders (name, last update, guidelines met) can be read from an index that starts with the
 * archived filter, so a page needs no sort; and the outcome counts read (archived_at,
 * outcome_codes) from an index alone, never the wide product rows.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema;
  await schema
    .createIndex('products_by_name')
    .on('products')
    .columns(['archived_at', 'search_key', 'id'])
    .execute();
  await schema
    .createIndex('products_by_update')
    .on('products')
    .columns(['archived_at', 'updated_at desc', 'id'])
    .execute();
  await schema
    .createIndex('products_by_met')
    .on('products')
    .columns(['archived_at', 'guidelines_met desc', 'search_key', 'id'])
    .execute();
  await schema
    .createIndex('products_outcomes')
    .on('products')
    .columns(['archived_at', 'outcome_codes'])
    .execute();
  // Superseded by the four above (each starts with archived_at).
  await schema.dropIndex('products_archived').execute();
}

export const portfolioIndexesMigration: Migration = { up };
