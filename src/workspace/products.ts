/** Products: create, read, edit, archive and unarchive. */
import { randomUUID } from 'node:crypto';
import type { Product } from '../core/assessment/assessment-types.js';
import type { Stakeholder } from '../core/catalog/catalog-types.js';
import { assessmentFileSchema } from '../schema/assessment-file-schema.js';
import type { ProductRow } from '../storage/database-schema.js';
import type { Actor } from './actor.js';
import type { AuditEntry } from './audit-log.js';
import { parseInput } from './input-issues.js';
import { OUTCOME_CODE } from './outcome-codes.js';
import { loadProductRow, type ProductView, productView } from './product-state.js';
import { applyProductWrite, type ProductWrite, writeProduct } from './product-write.js';
import type { Workspace } from './workspace.js';

/** The fields a person edits; null clears an optional one. */
export interface ProductFieldsInput {
  readonly name: string;
  readonly model?: string | null;
  readonly version?: string | null;
  readonly manufacturer?: string | null;
  readonly description?: string | null;
  readonly roles?: readonly Stakeholder[];
}

export type ProductChanges = Partial<ProductFieldsInput>;

const PRODUCT_FIELDS = ['name', 'model', 'version', 'manufacturer', 'description', 'roles'] as const;

/** Checks product fields with the assessment file's own rules (a stored product always exports validly). */
export function checkProductFields(input: ProductFieldsInput): Product {
  const parsed = parseInput(
    assessmentFileSchema.shape.product,
    {
      name: input.name,
      model: input.model ?? undefined,
      version: input.version ?? undefined,
      manufacturer: input.manufacturer ?? undefined,
      description: input.description ?? undefined,
      roles: input.roles ? [...input.roles] : [],
    },
    ['product'],
  );
  return {
    name: parsed.name,
    model: parsed.model ?? null,
    version: parsed.version ?? null,
    manufacturer: parsed.manufacturer ?? null,
    description: parsed.description ?? null,
    roles: parsed.roles,
  };
}

/** The columns a product's fields are stored in, with the lower-cased keys the portfolio filters on. */
function productFieldColumns(p: Product) {
  return {
    name: p.name,
    model: p.model,
    version: p.version,
    manufacturer: p.manufacturer,
    description: p.description,
    roles: JSON.stringify(p.roles),
    search_key: `${p.name}\n${p.model ?? ''}`.toLowerCase(),
    manufacturer_key: p.manufacturer?.trim().toLowerCase() ?? null,
  };
}

/** Stores the locked product's fields; one audit event per changed field, with its value before and after. */
export async function writeProductFields(w: ProductWrite, after: Product): Promise<void> {
  const before = productView(w.row);
  for (const field of PRODUCT_FIELDS) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    w.audit.push({
      productId: w.row.id,
      target: { kind: 'product', id: field },
      action: 'updated',
      before: before[field],
      after: after[field],
    });
  }
  await w.trx.updateTable('products').set(productFieldColumns(after)).where('id', '=', w.row.id).execute();
}

/** A new product row; its cache columns are filled by finishProductWrite in the same transaction. */
export function newProductRow(
  ws: Workspace,
  actor: Actor,
  product: Product,
  at: string,
  id = randomUUID(),
): ProductRow {
  return {
    id,
    ...productFieldColumns(product),
    archived_at: null,
    revision: 1,
    record_sequence: 0,
    created_at: at,
    created_by: actor.label,
    updated_at: at,
    updated_by: actor.label,
    // Placeholder overwritten before commit: nothing unevaluated is ever committed.
    outcome_codes: OUTCOME_CODE.incomplete.repeat(ws.ctx.target.items.length),
    guidelines_met: 0,
    top_priority_met: 0,
    applicable_requirements: 0,
    compliant_requirements: 0,
    evaluated_with: '',
  };
}

/**
 * Runs `fill` as the first write of a new product, in one transaction with its creation: create,
 * and create-by-import, share it.
 */
export async function createProductWith<T>(
  ws: Workspace,
  actor: Actor,
  product: Product,
  fill: (write: ProductWrite) => Promise<T>,
): Promise<{ product: ProductView; result: T }> {
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const row = newProductRow(ws, actor, product, at);
    await trx.insertInto('products').values(row).execute();
    const created: AuditEntry = {
      productId: row.id,
      target: { kind: 'product', id: null },
      action: 'created',
      after: product,
    };
    const { result, state } = await applyProductWrite(
      { trx, ws, actor, row, at, audit: [created] },
      { bumpRevision: false, touched: 'everything' },
      fill,
    );
    return { product: state.product, result };
  });
}

export async function createProduct(
  ws: Workspace,
  actor: Actor,
  input: ProductFieldsInput,
): Promise<ProductView> {
  const product = checkProductFields(input);
  return (await createProductWith(ws, actor, product, async () => undefined)).product;
}

export async function getProduct(ws: Workspace, productId: string): Promise<ProductView> {
  return productView(await loadProductRow(ws.db, productId));
}

/** Changes some fields; each changed field is one audit event with its value before and after. */
export async function updateProduct(
  ws: Workspace,
  actor: Actor,
  productId: string,
  expectedRevision: number,
  changes: ProductChanges,
): Promise<ProductView> {
  const { state } = await writeProduct(
    ws,
    actor,
    productId,
    { expectedRevision, bumpRevision: true, touched: 'nothing' },
    async (w) => {
      const before = productView(w.row);
      const merged: ProductFieldsInput = {
        name: changes.name ?? before.name,
        model: changes.model !== undefined ? changes.model : before.model,
        version: changes.version !== undefined ? changes.version : before.version,
        manufacturer: changes.manufacturer !== undefined ? changes.manufacturer : before.manufacturer,
        description: changes.description !== undefined ? changes.description : before.description,
        roles: changes.roles ?? before.roles,
      };
      await writeProductFields(w, checkProductFields(merged));
    },
  );
  return state.product;
}

async function setArchived(
  ws: Workspace,
  actor: Actor,
  productId: string,
  expectedRevision: number,
  archived: boolean,
): Promise<ProductView> {
  const { state } = await writeProduct(
    ws,
    actor,
    productId,
    { expectedRevision, bumpRevision: true, touched: 'nothing' },
    async (w) => {
      // Archiving an archived product (or the reverse) changes nothing and records nothing.
      if ((w.row.archived_at !== null) === archived) return;
      const archivedAt = archived ? w.at : null;
      w.audit.push({
        productId,
        target: { kind: 'product', id: 'archivedAt' },
        action: archived ? 'archived' : 'unarchived',
        before: w.row.archived_at,
        after: archivedAt,
      });
      await w.trx
        .updateTable('products')
        .set({ archived_at: archivedAt })
        .where('id', '=', productId)
        .execute();
    },
  );
  return state.product;
}

/** Hides the product from the default portfolio; nothing is deleted (its history stays). */
export function archiveProduct(ws: Workspace, actor: Actor, productId: string, expectedRevision: number) {
  return setArchived(ws, actor, productId, expectedRevision, true);
}

export function unarchiveProduct(ws: Workspace, actor: Actor, productId: string, expectedRevision: number) {
  return setArchived(ws, actor, productId, expectedRevision, false);
}
