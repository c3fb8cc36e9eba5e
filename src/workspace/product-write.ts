/**
 * The one way a product changes. Each write is one transaction that
 *  1. locks the product (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions begin immediate,
 *     so its single writer serialises them), so concurrent writes to one product queue up;
 *  2. checks the revision the client read, and throws StaleRevisionError with the current state;
 *  3. applies the change;
 *  4. re-reads the product's stored state, evaluates it with the core engine and checks it with
 *     the same rules as the assessment file (check-assessment.ts), refusing the write if the
 *     change breaks one;
 *  5. stores the evaluation in the product's cache columns and appends the audit events.
 * Nothing is committed unless all of it succeeds, so a killed process leaves either the old state
 * or the new one, with a cache that matches it.
 */
import type { Transaction } from 'kysely';
import { checkAssessment, type Finding } from '../core/assessment/check-assessment.js';
import { evaluate } from '../core/outcome/evaluate.js';
import type { Evaluation } from '../core/outcome/outcome-types.js';
import type { DatabaseSchema, ProductRow } from '../storage/database-schema.js';
import type { Actor } from './actor.js';
import { type AuditEntry, appendAudit } from './audit-log.js';
import { encodeOutcomes } from './outcome-codes.js';
import { loadProductState, type ProductState, productView } from './product-state.js';
import type { Workspace } from './workspace.js';
import { type InputIssue, InvalidInputError, NotFoundError, StaleRevisionError } from './workspace-errors.js';

export type Trx = Transaction<DatabaseSchema>;

/** The cached evaluation, as stored in the product's columns. */
export interface EvaluationColumns {
  readonly outcome_codes: string;
  readonly guidelines_met: number;
  readonly top_priority_met: 0 | 1;
  readonly applicable_requirements: number;
  readonly compliant_requirements: number;
  readonly evaluated_with: string;
}

export function evaluationColumns(ws: Workspace, evaluation: Evaluation): EvaluationColumns {
  return {
    outcome_codes: encodeOutcomes(evaluation.guidelines.map((g) => g.outcome)),
    guidelines_met: evaluation.summary.guidelinesMet,
    top_priority_met: evaluation.summary.topPriority.allMet ? 1 : 0,
    applicable_requirements: evaluation.summary.applicableRequirements,
    compliant_requirements: evaluation.summary.compliantRequirements,
    evaluated_with: ws.catalogKey,
  };
}

/**
 * Which records a write may have broken a rule for: check-assessment's errors are properties of one
 * record given the profile, so a record write can only break its own; a profile change or an
 * import can break any. Errors elsewhere (say, a catalog upgrade made an old attestation
 * unnecessary) are reported as warnings rather than blocking unrelated work.
 */
export type Touched =
  | 'everything'
  | 'nothing'
  | { readonly section: 'requirements' | 'attestations'; readonly id: string };

export interface ProductWrite {
  readonly trx: Trx;
  readonly ws: Workspace;
  readonly actor: Actor;
  /** The product row as locked, before this write. */
  readonly row: ProductRow;
  /** The write's timestamp (one for every row and event it writes). */
  readonly at: string;
  /** Audit events to append when the write succeeds. */
  readonly audit: AuditEntry[];
  /** A fresh record revision (unique within the product, increasing). */
  nextRecordRevision(): number;
}

export interface ProductWriteOptions {
  /** Product fields and profile: the product's revision the client read. Omit for record writes. */
  readonly expectedRevision?: number;
  /** Bump the product's revision (fields, profile, archive, import). */
  readonly bumpRevision: boolean;
  readonly touched: Touched;
}

export interface ProductWriteResult<T> {
  readonly result: T;
  readonly state: ProductState;
  readonly evaluation: Evaluation;
  /** Warnings of the rule checks after the write (contradictions the assessor may want to see). */
  readonly findings: readonly Finding[];
}

function touches(touched: Touched, f: Finding): boolean {
  if (touched === 'everything') return true;
  if (touched === 'nothing') return false;
  return f.path[0] === touched.section && f.path[1] === touched.id;
}

export function issueOf(f: Finding): InputIssue {
  return { path: f.path, code: f.code, message: f.message, hint: f.hint };
}

export async function lockProduct(trx: Trx, ws: Workspace, productId: string): Promise<ProductRow> {
  const row = await trx
    .selectFrom('products')
    .selectAll()
    .where('id', '=', productId)
    .$if(ws.handle.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no product with id ${productId}`);
  return row;
}

/** Steps 4 and 5: evaluate the stored state, check the rules, store the cache, append the audit. */
async function finishProductWrite(
  write: ProductWrite,
  options: { readonly bumpRevision: boolean; readonly touched: Touched; readonly recordSequence: number },
): Promise<{ state: ProductState; evaluation: Evaluation; findings: Finding[] }> {
  const { trx, ws, row, at, actor } = write;
  // Re-read: the change may have edited the product's own columns.
  const updated = await trx
    .selectFrom('products')
    .selectAll()
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  const state = await loadProductState(trx, row.id, { evidence: false, row: updated });
  const evaluation = evaluate(ws.ctx, state.assessment);
  const findings = checkAssessment(ws.ctx, state.assessment, evaluation);
  const broken = findings.filter((f) => f.severity === 'error' && touches(options.touched, f));
  if (broken.length > 0) throw new InvalidInputError(broken.map(issueOf));
  // A write that changed nothing (archiving an archived product) records nothing and keeps the revision.
  const changed = write.audit.length > 0;
  const columns = {
    ...evaluationColumns(ws, evaluation),
    revision: options.bumpRevision && changed ? updated.revision + 1 : updated.revision,
    record_sequence: options.recordSequence,
    updated_at: changed ? at : updated.updated_at,
    updated_by: changed ? actor.label : updated.updated_by,
  };
  await trx.updateTable('products').set(columns).where('id', '=', row.id).execute();
  await appendAudit(trx, actor, at, write.audit);
  const finalRow: ProductRow = { ...updated, ...columns };
  return {
    state: { ...state, product: productView(finalRow) },
    evaluation,
    findings,
  };
}

/**
 * Steps 3 to 5 on a product row this transaction has locked (or just inserted): `change`, then
 * finishProductWrite. Record revisions continue from the row's record_sequence.
 */
export async function applyProductWrite<T>(
  start: Omit<ProductWrite, 'nextRecordRevision'>,
  options: { readonly bumpRevision: boolean; readonly touched: Touched },
  change: (write: ProductWrite) => Promise<T>,
): Promise<ProductWriteResult<T>> {
  let sequence = start.row.record_sequence;
  const write: ProductWrite = {
    ...start,
    nextRecordRevision: () => {
      sequence += 1;
      return sequence;
    },
  };
  const result = await change(write);
  const finished = await finishProductWrite(write, {
    bumpRevision: options.bumpRevision,
    touched: options.touched,
    recordSequence: sequence,
  });
  return { result, ...finished };
}

/** Runs `change` as one serialised, checked, audited write to an existing product. */
export async function writeProduct<T>(
  ws: Workspace,
  actor: Actor,
  productId: string,
  options: ProductWriteOptions,
  change: (write: ProductWrite) => Promise<T>,
): Promise<ProductWriteResult<T>> {
  return ws.db.transaction().execute(async (trx) => {
    const row = await lockProduct(trx, ws, productId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== row.revision) {
      throw new StaleRevisionError(
        `the product was changed by ${row.updated_by} at ${row.updated_at} since you read it (revision ${options.expectedRevision}, now ${row.revision}); reload it and apply your change again`,
        options.expectedRevision,
        row.revision,
        productView(row),
      );
    }
    return applyProductWrite({ trx, ws, actor, row, at: ws.now().toISOString(), audit: [] }, options, change);
  });
}
