/** The audit trail of a product, newest first: the whole product, or one requirement or attestation. */
import type { AuditEventRow } from '../storage/database-schema.js';
import { MAX_PAGE_SIZE } from './portfolio.js';
import { loadProductRow } from './product-state.js';
import { resolveTarget } from './record-targets.js';
import type { Workspace } from './workspace.js';
import { InvalidInputError } from './workspace-errors.js';

export interface HistoryQuery {
  readonly page?: number;
  readonly pageSize?: number;
  /** Only events about this requirement (id or unambiguous printed number), its evidence included. */
  readonly requirement?: string;
  /** Only events about this guideline's attestation. */
  readonly guideline?: string;
}

export interface HistoryEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: string | null; readonly label: string };
  /** `product`, `product.name`, `profile.mqtt`, `requirement:2.4.7.13`, `guideline:10`, … */
  readonly target: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface HistoryPage {
  readonly items: readonly HistoryEvent[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

export function targetLabel(kind: string, id: string | null): string {
  if (id === null) return kind;
  return kind === 'product' || kind === 'profile' ? `${kind}.${id}` : `${kind}:${id}`;
}

export function historyEvent(row: AuditEventRow): HistoryEvent {
  return {
    id: String(row.id),
    at: row.at,
    actor: { id: row.actor_id, label: row.actor_label },
    target: targetLabel(row.target_kind, row.target_id),
    action: row.action,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  };
}

export async function productHistory(
  ws: Workspace,
  productId: string,
  query: HistoryQuery = {},
): Promise<HistoryPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  if (
    !Number.isInteger(page) ||
    page < 1 ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_PAGE_SIZE
  ) {
    throw new InvalidInputError([
      {
        path: ['page'],
        code: 'invalid-value',
        message: `page must be 1 or more, pageSize 1 to ${MAX_PAGE_SIZE}`,
        hint: null,
      },
    ]);
  }
  if (query.requirement !== undefined && query.guideline !== undefined) {
    throw new InvalidInputError([
      {
        path: ['guideline'],
        code: 'invalid-value',
        message: 'give requirement or guideline, not both',
        hint: null,
      },
    ]);
  }
  await loadProductRow(ws.db, productId); // NotFoundError for an unknown product
  const target =
    query.requirement !== undefined
      ? resolveTarget(ws, 'requirement', query.requirement)
      : query.guideline !== undefined
        ? resolveTarget(ws, 'guideline', query.guideline)
        : null;
  let filtered = ws.db.selectFrom('audit_events').where('product_id', '=', productId);
  if (target) filtered = filtered.where('target_kind', '=', target.kind).where('target_id', '=', target.id);
  const [total, rows] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    filtered
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { page, pageSize, total: Number(total.n), items: rows.map(historyEvent) };
}
