/**
 * Requirement records and guideline attestations. Each has its own revision, so people editing
 * different requirements of one product never collide, and two editing the same one do.
 */
import type { RequirementRecord, Status } from '../core/assessment/assessment-types.js';
import { checkAssessment, type Finding } from '../core/assessment/check-assessment.js';
import { evaluate } from '../core/outcome/evaluate.js';
import type { Outcome } from '../core/outcome/outcome-types.js';
import { recordSchema } from '../schema/assessment-file-schema.js';
import type { RecordRow } from '../storage/database-schema.js';
import type { Actor } from './actor.js';
import { parseInput } from './input-issues.js';
import { type EvidenceTarget, type RecordState, recordState } from './product-state.js';
import { issueOf, type ProductWrite, type Trx, writeProduct } from './product-write.js';
import { resolveTarget, sectionOf } from './record-targets.js';
import type { Workspace } from './workspace.js';
import { InvalidInputError, StaleRevisionError } from './workspace-errors.js';

export interface RecordInput {
  readonly status: Status;
  readonly justification?: string | null;
  readonly profileOverride?: boolean;
  readonly assessor?: string | null;
  /** YYYY-MM-DD. */
  readonly date?: string | null;
}

export interface RecordWriteResult {
  readonly target: EvidenceTarget;
  readonly record: RecordState;
  /** Every guideline's outcome after the write, by guideline id. */
  readonly outcomes: Readonly<Record<string, Outcome>>;
  /** Warnings after the write (a status that contradicts the profile, …). */
  readonly findings: readonly Finding[];
}

const recordFieldsSchema = recordSchema.omit({ evidence: true });

function recordFromFields(fields: {
  status: Status;
  justification?: string | undefined;
  profileOverride?: boolean | undefined;
  assessor?: string | undefined;
  date?: string | undefined;
}) {
  return {
    status: fields.status,
    justification: fields.justification ?? null,
    profileOverride: fields.profileOverride ?? false,
    assessor: fields.assessor ?? null,
    date: fields.date ?? null,
  };
}

/** A record's fields as audit events show them: a stored record's or an imported file's. */
export function recordAuditFields(
  r: Pick<RequirementRecord, 'status' | 'justification' | 'profileOverride' | 'assessor' | 'date'>,
) {
  return {
    status: r.status,
    justification: r.justification,
    profileOverride: r.profileOverride,
    assessor: r.assessor,
    date: r.date,
  };
}

export async function findRecordRow(
  trx: Trx,
  productId: string,
  target: EvidenceTarget,
): Promise<RecordRow | undefined> {
  return trx
    .selectFrom('assessment_records')
    .selectAll()
    .where('product_id', '=', productId)
    .where('scope', '=', target.kind)
    .where('item_id', '=', target.id)
    .executeTakeFirst();
}

/** Creates a not-assessed record for evidence to hang on, when the item has none yet. */
export async function ensureRecord(
  w: ProductWrite,
  productId: string,
  target: EvidenceTarget,
): Promise<void> {
  if (await findRecordRow(w.trx, productId, target)) return;
  const revision = w.nextRecordRevision();
  await w.trx
    .insertInto('assessment_records')
    .values({
      product_id: productId,
      scope: target.kind,
      item_id: target.id,
      status: 'not-assessed',
      justification: null,
      profile_override: 0,
      assessor: null,
      assessed_on: null,
      revision,
      updated_at: w.at,
      updated_by: w.actor.label,
    })
    .execute();
  w.audit.push({
    productId,
    target: { kind: target.kind, id: target.id },
    action: 'created',
    before: null,
    after: {
      status: 'not-assessed',
      justification: null,
      profileOverride: false,
      assessor: null,
      date: null,
    },
  });
}

/**
 * Sets a record's fields (evidence is added and removed separately). `expectedRevision` is the
 * record's revision as read, 0 when it had none; a stale one throws StaleRevisionError carrying
 * the current record (or null).
 */
export async function setRecord(
  ws: Workspace,
  actor: Actor,
  productId: string,
  kind: EvidenceTarget['kind'],
  key: string,
  expectedRevision: number,
  input: RecordInput,
): Promise<RecordWriteResult> {
  const target = resolveTarget(ws, kind, key);
  const section = sectionOf(target);
  const fields = parseInput(
    recordFieldsSchema,
    {
      status: input.status,
      justification: input.justification ?? undefined,
      profileOverride: input.profileOverride || undefined,
      assessor: input.assessor ?? undefined,
      date: input.date ?? undefined,
    },
    [section, target.id],
  );
  // The one rule that needs no product state — and that the database also enforces, so it is
  // checked before any row is written (by check-assessment, on this record alone).
  if (fields.profileOverride && !fields.justification) {
    const record = { ...recordFromFields(fields), evidence: [] };
    const alone = {
      product: { name: '-', model: null, version: null, manufacturer: null, description: null, roles: [] },
      profile: new Map<string, boolean>(),
      requirements: new Map(section === 'requirements' ? [[target.id, record]] : []),
      attestations: new Map(section === 'attestations' ? [[target.id, record]] : []),
    };
    const broken = checkAssessment(ws.ctx, alone, evaluate(ws.ctx, alone)).filter(
      (f) => f.severity === 'error' && f.path.at(-1) === 'profileOverride',
    );
    throw new InvalidInputError(
      broken.length > 0
        ? broken.map(issueOf)
        : [
            {
              path: [section, target.id, 'profileOverride'],
              code: 'justification-required',
              message: `${target.id} overrides the product profile with no justification`,
              hint: 'say why the status differs from what the profile derives',
            },
          ],
    );
  }
  const { result, evaluation, findings } = await writeProduct(
    ws,
    actor,
    productId,
    { bumpRevision: false, touched: { section, id: target.id } },
    async (w) => {
      const row = await findRecordRow(w.trx, productId, target);
      const before = row ? recordState(row) : null;
      const currentRevision = before?.revision ?? 0;
      if (currentRevision !== expectedRevision) {
        throw new StaleRevisionError(
          before
            ? `${target.id} was changed by ${before.updatedBy} at ${before.updatedAt} since you read it (revision ${expectedRevision}, now ${currentRevision}); reload it and apply your change again`
            : `${target.id} has no record any more (you sent revision ${expectedRevision}); reload it and apply your change again`,
          expectedRevision,
          currentRevision,
          before,
        );
      }
      const values = {
        status: fields.status,
        justification: fields.justification ?? null,
        profile_override: fields.profileOverride ? (1 as const) : (0 as const),
        assessor: fields.assessor ?? null,
        assessed_on: fields.date ?? null,
      };
      const unchanged =
        row &&
        row.status === values.status &&
        row.justification === values.justification &&
        row.profile_override === values.profile_override &&
        row.assessor === values.assessor &&
        row.assessed_on === values.assessed_on;
      if (unchanged) return recordState(row);
      const revision = w.nextRecordRevision();
      const stored = { ...values, revision, updated_at: w.at, updated_by: actor.label };
      if (row) {
        await w.trx
          .updateTable('assessment_records')
          .set(stored)
          .where('product_id', '=', productId)
          .where('scope', '=', target.kind)
          .where('item_id', '=', target.id)
          .execute();
      } else {
        await w.trx
          .insertInto('assessment_records')
          .values({ product_id: productId, scope: target.kind, item_id: target.id, ...stored })
          .execute();
      }
      const after: RecordState = recordState({
        product_id: productId,
        scope: target.kind,
        item_id: target.id,
        ...stored,
      });
      w.audit.push({
        productId,
        target: { kind: target.kind, id: target.id },
        action: row ? 'updated' : 'created',
        before: before ? recordAuditFields(before) : null,
        after: recordAuditFields(after),
      });
      return after;
    },
  );
  return {
    target,
    record: result,
    outcomes: Object.fromEntries(evaluation.guidelines.map((g) => [g.id, g.outcome])),
    findings,
  };
}

export function setRequirementRecord(
  ws: Workspace,
  actor: Actor,
  productId: string,
  requirementId: string,
  expectedRevision: number,
  input: RecordInput,
): Promise<RecordWriteResult> {
  return setRecord(ws, actor, productId, 'requirement', requirementId, expectedRevision, input);
}

export function setGuidelineAttestation(
  ws: Workspace,
  actor: Actor,
  productId: string,
  guidelineId: string,
  expectedRevision: number,
  input: RecordInput,
): Promise<RecordWriteResult> {
  return setRecord(ws, actor, productId, 'guideline', guidelineId, expectedRevision, input);
}
