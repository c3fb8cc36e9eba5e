/**
 * An assessment file into a product — a new one, or an existing one whose state it replaces. The
 * file is read by the same reader as `iotassure validate` (same messages, same line:column); file
 * evidence is matched by SHA-256 to the uploaded files or to files already stored. Everything is
 * applied in one transaction with an audit event for each change, or nothing is.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { MAX_ASSESSMENT_BYTES, readAssessmentText } from '../assessment-file/read-assessment.js';
import { ContextError } from '../core/assessment/assessment-context.js';
import type { Assessment, Evidence, RequirementRecord } from '../core/assessment/assessment-types.js';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { parseSource } from '../diagnostics/source-positions.js';
import type { DatabaseSchema, RecordScope } from '../storage/database-schema.js';
import type { Actor } from './actor.js';
import { type PreparedBlob, prepareBlob, storeBlob } from './blobs.js';
import { evidenceAuditValue } from './evidence.js';
import { fileNameFromPath } from './evidence-paths.js';
import { type EvidenceView, loadProductState, type ProductView, type RecordState } from './product-state.js';
import { type ProductWrite, writeProduct } from './product-write.js';
import { createProductWith, writeProductFields } from './products.js';
import { recordAuditFields } from './records.js';
import type { Workspace } from './workspace.js';
import { AssessmentFileError, PayloadTooLargeError } from './workspace-errors.js';

export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportInput {
  /** The assessment file's text (YAML or JSON). */
  readonly text: string;
  /** Its name, for messages ("camera.yaml:12:5: …"). */
  readonly fileName: string;
  /** Evidence files the assessment refers to (matched by SHA-256, whatever their names). */
  readonly evidenceFiles: readonly UploadedFile[];
}

/** A new product, or an existing one at the revision the client read. */
export type ImportTarget =
  | { readonly productId: null }
  | { readonly productId: string; readonly expectedRevision: number };

export interface ImportResult {
  readonly product: ProductView;
  /** Warnings about the file, as `iotassure validate` prints them. */
  readonly warnings: readonly Diagnostic[];
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Evidence as compared and stored: the file's own name, not its path. */
function evidenceKey(e: Evidence) {
  return e.kind === 'file'
    ? { kind: 'file', sha256: e.sha256, fileName: fileNameFromPath(e.path, e.sha256), title: e.title }
    : e.kind === 'url'
      ? { kind: 'url', url: e.url, title: e.title }
      : { kind: 'note', text: e.text };
}

/** Reads and checks the file and its evidence; throws AssessmentFileError with every problem. */
async function readImport(
  ws: Workspace,
  input: ImportInput,
): Promise<{ assessment: Assessment; uploads: Map<string, PreparedBlob>; warnings: Diagnostic[] }> {
  if (Buffer.byteLength(input.text, 'utf8') > MAX_ASSESSMENT_BYTES) {
    throw new PayloadTooLargeError(
      `${input.fileName} is larger than ${MAX_ASSESSMENT_BYTES / 1024 / 1024} MB, the limit for assessment files`,
      MAX_ASSESSMENT_BYTES,
    );
  }
  const ctxFor = (mappingSet: string | undefined) => {
    if (mappingSet === undefined || mappingSet === ws.ctx.mapping.id) return ws.ctx;
    throw new ContextError(
      `this server assesses against mapping set "${ws.ctx.mapping.id}"; the file names "${mappingSet}"`,
    );
  };
  const read = readAssessmentText(input.text, input.fileName, ctxFor, {
    checkEvidence: false,
    displayName: input.fileName,
  });
  if (hasErrors(read.diagnostics) || !read.assessment || !read.raw)
    throw new AssessmentFileError(read.diagnostics);

  const uploads = new Map<string, PreparedBlob>();
  const uploadedNames = new Map<string, string>();
  for (const file of input.evidenceFiles) {
    const blob = await prepareBlob(file.bytes, file.name);
    uploads.set(blob.sha256, blob);
    uploadedNames.set(blob.sha256, file.name);
  }
  const referenced = new Set<string>();
  const missing: { path: (string | number)[]; file: string; sha256: string }[] = [];
  for (const section of ['requirements', 'attestations'] as const) {
    for (const [key, record] of Object.entries(read.raw[section])) {
      record.evidence.forEach((e, i) => {
        if (e.file === undefined || e.sha256 === undefined) return;
        referenced.add(e.sha256);
        if (!uploads.has(e.sha256))
          missing.push({ path: [section, key, 'evidence', i, 'file'], file: e.file, sha256: e.sha256 });
      });
    }
  }
  const stored = new Set<string>();
  const unknown = [...new Set(missing.map((m) => m.sha256))];
  for (let start = 0; start < unknown.length; start += 500) {
    const rows = await ws.db
      .selectFrom('blobs')
      .select('sha256')
      .where('sha256', 'in', unknown.slice(start, start + 500))
      .execute();
    for (const r of rows) stored.add(r.sha256);
  }
  const stillMissing = missing.filter((m) => !stored.has(m.sha256));
  if (stillMissing.length > 0) {
    const source = parseSource(input.text, input.fileName).parsed;
    throw new AssessmentFileError(
      stillMissing.map((m) => {
        const pos = source?.locate(m.path) ?? null;
        return {
          severity: 'error' as const,
          code: 'evidence-missing' as const,
          file: input.fileName,
          line: pos?.line ?? null,
          column: pos?.column ?? null,
          path: m.path.join('.'),
          message: `evidence file "${m.file}" (SHA-256 ${m.sha256}) was not uploaded and is not stored on the server`,
          hint: 'upload the file together with the assessment',
        };
      }),
    );
  }
  const warnings = read.diagnostics.filter((d) => d.severity === 'warning');
  for (const sha256 of [...uploads.keys()]) {
    if (referenced.has(sha256)) continue;
    const name = uploadedNames.get(sha256) ?? sha256;
    warnings.push({
      severity: 'warning',
      code: 'evidence-missing',
      file: input.fileName,
      line: null,
      column: null,
      path: '',
      message: `the uploaded file "${name}" (SHA-256 ${sha256}) is not referenced by the assessment; it was not stored`,
      hint: 'check that the assessment records this file’s current SHA-256',
    });
    uploads.delete(sha256);
  }
  return { assessment: read.assessment, uploads, warnings };
}

/** Inserts rows in chunks: SQLite allows at most 32766 bound parameters in one statement. */
async function insertChunked<T extends 'assessment_records' | 'evidence' | 'profile_answers'>(
  w: ProductWrite,
  table: T,
  rows: readonly Insertable<DatabaseSchema[T]>[],
  perRow: number,
): Promise<void> {
  const size = Math.max(1, Math.floor(30_000 / perRow));
  for (let start = 0; start < rows.length; start += size) {
    await w.trx
      .insertInto(table)
      .values(rows.slice(start, start + size) as never)
      .execute();
  }
}

const keyOf = (scope: RecordScope, id: string) => `${scope}\u0000${id}`;

/**
 * Makes the stored state of the locked product equal to `assessment`, auditing every difference.
 * Reads the current state in a few queries and writes in batches: an import of a full assessment
 * is one short transaction, not hundreds of round trips.
 */
async function replaceState(
  w: ProductWrite,
  productId: string,
  assessment: Assessment,
  uploads: ReadonlyMap<string, PreparedBlob>,
): Promise<void> {
  const { trx } = w;
  await writeProductFields(w, assessment.product);

  const current = await loadProductState(trx, productId, { evidence: true, row: w.row });
  for (const fact of w.ws.ctx.facts.facts) {
    const was = current.assessment.profile.get(fact.id) ?? null;
    const now = assessment.profile.get(fact.id) ?? null;
    if (was === now) continue;
    w.audit.push({
      productId,
      target: { kind: 'profile', id: fact.id },
      action: 'answered',
      before: was,
      after: now,
    });
  }
  if (!sameJson([...current.assessment.profile].sort(), [...assessment.profile].sort())) {
    await trx.deleteFrom('profile_answers').where('product_id', '=', productId).execute();
    await insertChunked(
      w,
      'profile_answers',
      [...assessment.profile].map(([fact_id, answer]) => ({
        product_id: productId,
        fact_id,
        answer: answer ? 1 : 0,
      })),
      3,
    );
  }

  const evidenceOf = new Map<string, EvidenceView[]>();
  for (const e of current.evidence) {
    const key = keyOf(e.target.kind, e.target.id);
    evidenceOf.set(key, [...(evidenceOf.get(key) ?? []), e]);
  }
  const oldRecords = new Map<string, { scope: RecordScope; id: string; state: RecordState }>();
  for (const [id, state] of current.records)
    oldRecords.set(keyOf('requirement', id), { scope: 'requirement', id, state });
  for (const [id, state] of current.attestations)
    oldRecords.set(keyOf('guideline', id), { scope: 'guideline', id, state });
  const wanted = new Map<string, { scope: RecordScope; id: string; record: RequirementRecord }>();
  for (const [id, record] of assessment.requirements)
    wanted.set(keyOf('requirement', id), { scope: 'requirement', id, record });
  for (const [id, record] of assessment.attestations)
    wanted.set(keyOf('guideline', id), { scope: 'guideline', id, record });

  // Records the file no longer has: removed with their evidence (the blobs stay for the history).
  for (const [key, old] of oldRecords) {
    if (wanted.has(key)) continue;
    const target = { kind: old.scope, id: old.id };
    for (const e of evidenceOf.get(key) ?? []) {
      w.audit.push({
        productId,
        target,
        action: 'evidence-removed',
        before: evidenceAuditValue(e),
        after: null,
      });
    }
    await trx
      .deleteFrom('assessment_records')
      .where('product_id', '=', productId)
      .where('scope', '=', old.scope)
      .where('item_id', '=', old.id)
      .execute();
    w.audit.push({ productId, target, action: 'removed', before: recordAuditFields(old.state), after: null });
  }

  const newRecordRows: Insertable<DatabaseSchema['assessment_records']>[] = [];
  const newEvidenceRows: Insertable<DatabaseSchema['evidence']>[] = [];
  const blobInfo = new Map<string, { size: number; mediaType: string }>();
  for (const [sha256, blob] of uploads) blobInfo.set(sha256, { size: blob.size, mediaType: blob.mediaType });
  const storedShas = [
    ...new Set(
      [...wanted.values()].flatMap((r) =>
        r.record.evidence.flatMap((e) => (e.kind === 'file' ? [e.sha256] : [])),
      ),
    ),
  ].filter((sha) => !blobInfo.has(sha));
  for (let start = 0; start < storedShas.length; start += 500) {
    const rows = await trx
      .selectFrom('blobs')
      .select(['sha256', 'size', 'media_type'])
      .where('sha256', 'in', storedShas.slice(start, start + 500))
      .execute();
    for (const r of rows) blobInfo.set(r.sha256, { size: r.size, mediaType: r.media_type });
  }
  // In hash order: two imports storing the same new files take their locks in the same order.
  for (const blob of [...uploads.values()].sort((a, b) => a.sha256.localeCompare(b.sha256))) {
    await storeBlob(trx, blob, w.at);
  }

  for (const [key, { scope, id, record }] of wanted) {
    const target = { kind: scope, id };
    const old = oldRecords.get(key)?.state ?? null;
    const oldFields = old ? recordAuditFields(old) : null;
    const newFields = recordAuditFields(record);
    if (!sameJson(oldFields, newFields)) {
      const stored = {
        status: record.status,
        justification: record.justification,
        profile_override: record.profileOverride ? (1 as const) : (0 as const),
        assessor: record.assessor,
        assessed_on: record.date,
        revision: w.nextRecordRevision(),
        updated_at: w.at,
        updated_by: w.actor.label,
      };
      if (old) {
        await trx
          .updateTable('assessment_records')
          .set(stored)
          .where('product_id', '=', productId)
          .where('scope', '=', scope)
          .where('item_id', '=', id)
          .execute();
      } else {
        newRecordRows.push({ product_id: productId, scope, item_id: id, ...stored });
      }
      w.audit.push({
        productId,
        target,
        action: old ? 'updated' : 'created',
        before: oldFields,
        after: newFields,
      });
    }
    // Evidence: an unchanged list keeps its items (and their ids); a changed one is replaced.
    const oldEvidence = evidenceOf.get(key) ?? [];
    if (sameJson(oldEvidence.map(storedEvidenceKey), record.evidence.map(evidenceKey))) continue;
    for (const e of oldEvidence) {
      await trx.deleteFrom('evidence').where('id', '=', e.id).execute();
      w.audit.push({
        productId,
        target,
        action: 'evidence-removed',
        before: evidenceAuditValue(e),
        after: null,
      });
    }
    record.evidence.forEach((e, position) => {
      const row = evidenceRow(w, productId, target, position, e);
      newEvidenceRows.push(row);
      const info = row.blob_sha256 ? blobInfo.get(row.blob_sha256) : undefined;
      w.audit.push({
        productId,
        target,
        action: 'evidence-added',
        before: null,
        after: {
          id: row.id,
          kind: row.kind,
          title: row.title ?? null,
          url: row.url ?? null,
          text: row.note ?? null,
          file:
            row.blob_sha256 && info
              ? {
                  sha256: row.blob_sha256,
                  filename: row.file_name ?? 'file',
                  mediaType: info.mediaType,
                  size: info.size,
                }
              : null,
        },
      });
    });
  }
  await insertChunked(w, 'assessment_records', newRecordRows, 11);
  await insertChunked(w, 'evidence', newEvidenceRows, 13);
}

function storedEvidenceKey(e: EvidenceView) {
  return e.kind === 'file' && e.file
    ? { kind: 'file', sha256: e.file.sha256, fileName: e.file.filename, title: e.title }
    : e.kind === 'url'
      ? { kind: 'url', url: e.url, title: e.title }
      : { kind: 'note', text: e.text };
}

function evidenceRow(
  w: ProductWrite,
  productId: string,
  target: { kind: RecordScope; id: string },
  position: number,
  e: Evidence,
): Insertable<DatabaseSchema['evidence']> {
  const base = {
    id: randomUUID(),
    product_id: productId,
    scope: target.kind,
    item_id: target.id,
    position,
    created_at: w.at,
    created_by: w.actor.label,
  };
  switch (e.kind) {
    case 'file':
      return {
        ...base,
        kind: 'file',
        title: e.title,
        url: null,
        note: null,
        blob_sha256: e.sha256,
        file_name: fileNameFromPath(e.path, e.sha256),
      };
    case 'url':
      return {
        ...base,
        kind: 'url',
        title: e.title,
        url: e.url,
        note: null,
        blob_sha256: null,
        file_name: null,
      };
    case 'note':
      return {
        ...base,
        kind: 'note',
        title: null,
        url: null,
        note: e.text,
        blob_sha256: null,
        file_name: null,
      };
  }
}

/**
 * Creates a product from an assessment already in memory, exactly as an import does after reading
 * the file (the benchmark seed uses it to create products without writing YAML first). File
 * evidence must be in `uploads` or already stored.
 */
export async function createProductFromAssessment(
  ws: Workspace,
  actor: Actor,
  assessment: Assessment,
  options: { readonly uploads?: ReadonlyMap<string, PreparedBlob>; readonly summary?: unknown } = {},
): Promise<ProductView> {
  const { product } = await createProductWith(ws, actor, assessment.product, async (w) => {
    await replaceState(w, w.row.id, assessment, options.uploads ?? new Map());
    w.audit.push({
      productId: w.row.id,
      target: { kind: 'product', id: null },
      action: 'imported',
      after: options.summary ?? {
        requirements: assessment.requirements.size,
        attestations: assessment.attestations.size,
        profileAnswers: assessment.profile.size,
      },
    });
  });
  return product;
}

export async function importAssessment(
  ws: Workspace,
  actor: Actor,
  target: ImportTarget,
  input: ImportInput,
): Promise<ImportResult> {
  const { assessment, uploads, warnings } = await readImport(ws, input);
  const summary = {
    file: input.fileName,
    requirements: assessment.requirements.size,
    attestations: assessment.attestations.size,
    profileAnswers: assessment.profile.size,
  };
  if (target.productId === null) {
    const product = await createProductFromAssessment(ws, actor, assessment, { uploads, summary });
    return { product, warnings };
  }
  const productId = target.productId;
  const { state } = await writeProduct(
    ws,
    actor,
    productId,
    { expectedRevision: target.expectedRevision, bumpRevision: true, touched: 'everything' },
    async (w) => {
      await replaceState(w, productId, assessment, uploads);
      w.audit.push({ productId, target: { kind: 'product', id: null }, action: 'imported', after: summary });
    },
  );
  return { product: state.product, warnings };
}
