/**
 * Writes audit events: who, when, what, the value before and after. Always called inside the
 * transaction that makes the change, so the trail and the data can never disagree. The table is
 * append-only (the database refuses UPDATE and DELETE); its latest id is the change counter.
 */
import { sql, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../storage/database-schema.js';
import { type Actor, actorId } from './actor.js';
import type { Workspace } from './workspace.js';

/** What an event is about; `history.ts` shows it as `product.name`, `profile.mqtt`, `requirement:2.4.7.13`. */
export type AuditTarget =
  | { readonly kind: 'product'; readonly id: string | null }
  | { readonly kind: 'profile'; readonly id: string }
  | { readonly kind: 'requirement'; readonly id: string }
  | { readonly kind: 'guideline'; readonly id: string }
  | { readonly kind: 'user'; readonly id: string }
  | { readonly kind: 'api-token'; readonly id: string }
  | { readonly kind: 'setting'; readonly id: string }
  | { readonly kind: 'setup'; readonly id: null };

export interface AuditEntry {
  readonly productId: string | null;
  readonly target: AuditTarget;
  readonly action: string;
  /** Any JSON value; undefined and null both mean "none". */
  readonly before?: unknown;
  readonly after?: unknown;
}

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

export async function appendAudit(
  trx: Transaction<DatabaseSchema>,
  actor: Actor,
  at: string,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // Chunked: SQLite allows at most 32766 bound parameters in one statement.
  for (let start = 0; start < entries.length; start += 500) {
    await trx
      .insertInto('audit_events')
      .values(
        entries.slice(start, start + 500).map((e) => ({
          at,
          actor_kind: actor.kind,
          actor_id: actorId(actor),
          actor_label: actor.label,
          product_id: e.productId,
          target_kind: e.target.kind,
          target_id: e.target.id,
          action: e.action,
          before_json: json(e.before),
          after_json: json(e.after),
        })),
      )
      .execute();
  }
}

/**
 * The id of the latest audit event about `productId` (or about anything, for null); null when there
 * is none. Every change appends its events in its own transaction, so this is the database's change
 * counter (the server's read cache is keyed on it). One index lookup: audit_events(product_id, id)
 * or its primary key.
 */
export async function latestChange(ws: Workspace, productId: string | null): Promise<number | null> {
  const query = ws.db.selectFrom('audit_events').select(sql<number | null>`max(id)`.as('latest'));
  const row = await (productId === null
    ? query
    : query.where('product_id', '=', productId)
  ).executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
}
