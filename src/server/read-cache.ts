/**
 * Answers of the heaviest reads — the product detail (a full report model), the profile with its
 * derived applicability, and the portfolio — kept in memory, each tagged with the database's change counter when it was computed: the id of
 * the latest audit event (of that product, or of anything). Every change to a product appends an
 * audit event in the same transaction (docs/storage.md, "audit trail"), so a newer event means a
 * possibly different answer; the counter is read before the answer is computed, so an answer can
 * only be tagged older than it is, never newer. A reader therefore never sees a stale answer, and
 * repeated reads of an unchanged product cost one indexed lookup instead of a full evaluation.
 * Another process writing to the same database (a second server, an import) is seen the same way.
 */
import { sql } from 'kysely';
import type { Workspace } from '../workspace/workspace.js';

export class VersionedCache<V> {
  readonly #entries = new Map<string, { version: number; value: V }>();
  constructor(readonly maxEntries: number) {}

  get(key: string, version: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version) {
      this.#entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: number, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { version, value });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * The id of the latest audit event about `productId` (or about anything, for null); null when there
 * is none (then nothing is cached). One index lookup: audit_events(product_id, id) or its primary key.
 */
export async function latestChange(ws: Workspace, productId: string | null): Promise<number | null> {
  const query = ws.db.selectFrom('audit_events').select(sql<number | null>`max(id)`.as('latest'));
  const row = await (productId === null
    ? query
    : query.where('product_id', '=', productId)
  ).executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}
