/**
 * Evidence items: files (stored by SHA-256), links and notes, beside a requirement or a guideline's
 * attestation. Adding or removing one does not change the record's revision: it cannot overwrite
 * anyone's edit of the status or justification, and evidence items have their own ids.
 */
import { randomUUID } from 'node:crypto';
import { evidenceSchema } from '../schema/assessment-file-schema.js';
import type { Actor } from './actor.js';
import { type PreparedBlob, prepareBlob, storeBlob } from './blobs.js';
import { evidenceFilePath } from './evidence-paths.js';
import { parseInput } from './input-issues.js';
import { type EvidenceTarget, type EvidenceView, loadEvidence } from './product-state.js';
import { type ProductWrite, writeProduct } from './product-write.js';
import { resolveTarget, sectionOf } from './record-targets.js';
import { ensureRecord } from './records.js';
import type { Workspace } from './workspace.js';
import { NotFoundError } from './workspace-errors.js';

export type EvidenceInput =
  | { readonly kind: 'url'; readonly url: string; readonly title?: string | null }
  | { readonly kind: 'note'; readonly text: string }
  /** A file whose bytes are uploaded with it. */
  | {
      readonly kind: 'file';
      readonly bytes: Uint8Array;
      readonly fileName: string;
      readonly title?: string | null;
    }
  /** A file already stored (by an import or another record): referenced by its SHA-256. */
  | {
      readonly kind: 'stored-file';
      readonly sha256: string;
      readonly fileName: string;
      readonly title?: string | null;
    };

/** Validated evidence, ready to insert (the blob, if new, goes in with it). */
export interface CheckedEvidence {
  readonly kind: 'file' | 'url' | 'note';
  readonly title: string | null;
  readonly url: string | null;
  readonly note: string | null;
  readonly sha256: string | null;
  readonly fileName: string | null;
  readonly blob: PreparedBlob | null;
}

/** Checks evidence with the assessment file's evidence rules (so the product always exports validly). */
export async function checkEvidence(
  input: EvidenceInput,
  at: readonly (string | number)[],
): Promise<CheckedEvidence> {
  switch (input.kind) {
    case 'url': {
      const e = parseInput(evidenceSchema, { url: input.url, title: input.title ?? undefined }, at);
      return {
        kind: 'url',
        title: e.title ?? null,
        url: e.url ?? input.url,
        note: null,
        sha256: null,
        fileName: null,
        blob: null,
      };
    }
    case 'note': {
      const e = parseInput(evidenceSchema, { note: input.text }, at);
      return {
        kind: 'note',
        title: null,
        url: null,
        note: e.note ?? input.text,
        sha256: null,
        fileName: null,
        blob: null,
      };
    }
    case 'file':
    case 'stored-file': {
      const blob = input.kind === 'file' ? await prepareBlob(input.bytes, input.fileName) : null;
      const sha256 = blob?.sha256 ?? (input.kind === 'stored-file' ? input.sha256 : '');
      const fileName = input.fileName.trim() || 'file';
      const e = parseInput(
        evidenceSchema,
        { file: evidenceFilePath(sha256, fileName), sha256, title: input.title ?? undefined },
        at,
      );
      return { kind: 'file', title: e.title ?? null, url: null, note: null, sha256, fileName, blob };
    }
  }
}

/** Inserts one evidence item at the end of its record's list (the record must exist). */
export async function insertEvidence(
  w: ProductWrite,
  productId: string,
  target: EvidenceTarget,
  e: CheckedEvidence,
): Promise<EvidenceView> {
  if (e.blob) await storeBlob(w.trx, e.blob, w.at);
  else if (e.sha256) {
    const stored = await w.trx
      .selectFrom('blobs')
      .select('sha256')
      .where('sha256', '=', e.sha256)
      .executeTakeFirst();
    if (!stored)
      throw new NotFoundError(`no stored evidence file has SHA-256 ${e.sha256}; upload the file itself`);
  }
  const last = await w.trx
    .selectFrom('evidence')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('product_id', '=', productId)
    .where('scope', '=', target.kind)
    .where('item_id', '=', target.id)
    .executeTakeFirst();
  const id = randomUUID();
  await w.trx
    .insertInto('evidence')
    .values({
      id,
      product_id: productId,
      scope: target.kind,
      item_id: target.id,
      position: (last?.position ?? -1) + 1,
      kind: e.kind,
      title: e.title,
      url: e.url,
      note: e.note,
      blob_sha256: e.sha256,
      file_name: e.fileName,
      created_at: w.at,
      created_by: w.actor.label,
    })
    .execute();
  const view = (await loadEvidence(w.trx, productId, target)).find((v) => v.id === id);
  if (!view) throw new Error('evidence vanished inside its own transaction');
  return view;
}

/** What an audit event keeps of an evidence item: everything but its bytes. */
export function evidenceAuditValue(e: EvidenceView) {
  return { id: e.id, kind: e.kind, title: e.title, url: e.url, text: e.text, file: e.file };
}

/**
 * Adds evidence to a requirement (by id or unambiguous printed number) or a guideline's
 * attestation. An item with no record yet gets a not-assessed one to hold it.
 */
export async function addEvidence(
  ws: Workspace,
  actor: Actor,
  productId: string,
  target: { readonly kind: EvidenceTarget['kind']; readonly id: string },
  input: EvidenceInput,
): Promise<EvidenceView> {
  const resolved = resolveTarget(ws, target.kind, target.id);
  const section = sectionOf(resolved);
  const checked = await checkEvidence(input, [section, resolved.id, 'evidence']);
  const { result } = await writeProduct(
    ws,
    actor,
    productId,
    { bumpRevision: false, touched: { section, id: resolved.id } },
    async (w) => {
      await ensureRecord(w, productId, resolved);
      const view = await insertEvidence(w, productId, resolved, checked);
      w.audit.push({
        productId,
        target: { kind: resolved.kind, id: resolved.id },
        action: 'evidence-added',
        before: null,
        after: evidenceAuditValue(view),
      });
      return view;
    },
  );
  return result;
}

/** Removes an evidence item. A file's bytes stay stored: the history still refers to them. */
export async function removeEvidence(
  ws: Workspace,
  actor: Actor,
  productId: string,
  evidenceId: string,
): Promise<EvidenceView> {
  const { result } = await writeProduct(
    ws,
    actor,
    productId,
    { bumpRevision: false, touched: 'nothing' },
    async (w) => {
      const view = (await loadEvidence(w.trx, productId)).find((e) => e.id === evidenceId);
      if (!view) throw new NotFoundError(`product ${productId} has no evidence item ${evidenceId}`);
      await w.trx.deleteFrom('evidence').where('id', '=', evidenceId).execute();
      w.audit.push({
        productId,
        target: { kind: view.target.kind, id: view.target.id },
        action: 'evidence-removed',
        before: evidenceAuditValue(view),
        after: null,
      });
      return view;
    },
  );
  return result;
}

/** An evidence file's bytes and how to serve them, or NotFoundError. */
export async function readEvidenceFile(
  ws: Workspace,
  productId: string,
  evidenceId: string,
): Promise<{ readonly evidence: EvidenceView; readonly bytes: Uint8Array }> {
  const row = await ws.db
    .selectFrom('evidence')
    .innerJoin('blobs', 'blobs.sha256', 'evidence.blob_sha256')
    .select(['evidence.scope', 'evidence.item_id', 'blobs.bytes'])
    .where('evidence.product_id', '=', productId)
    .where('evidence.id', '=', evidenceId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`product ${productId} has no evidence file ${evidenceId}`);
  const evidence = (await loadEvidence(ws.db, productId, { kind: row.scope, id: row.item_id })).find(
    (e) => e.id === evidenceId,
  );
  if (!evidence) throw new NotFoundError(`product ${productId} has no evidence file ${evidenceId}`);
  return { evidence, bytes: new Uint8Array(row.bytes) };
}
