/**
 * Answers of the heaviest reads — the product detail (a full report model), the profile with its
 * derived applicability, and the portfolio — kept in memory, each tagged with the database's change
 * counter when it was computed: the id of the latest audit event (of that product, or of anything;
 * `latestChange` in workspace/audit-log.ts). Every change to a product appends an audit event in
 * the same transaction (docs/storage.md, "audit trail"), so a newer event means a possibly
 * different answer; the counter is read before the answer is computed, so an answer can only be
 * tagged older than it is, never newer. A reader therefore never sees a stale answer, and repeated
 * reads of an unchanged product cost one indexed lookup instead of a full evaluation. Another
 * process writing to the same database (a second server, an import) is seen the same way.
 */
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

  /**
   * The answer kept for `key` at `version`, or `compute`'s, kept for next time. With no version
   * (nothing changed yet, so no counter) the answer is computed and not kept.
   */
  async getOrCompute(key: string, version: number | null, compute: () => Promise<V>): Promise<V> {
    if (version === null) return compute();
    const kept = this.get(key, version);
    if (kept !== undefined) return kept;
    const value = await compute();
    this.set(key, version, value);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
