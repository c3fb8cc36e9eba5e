/**
 * Reads a product's stored state and turns it into the core's Assessment (plus the revisions and
 * evidence ids the API shows beside it). The one place rows become domain values.
 */
import type { Kysely } from 'kysely';
import type { Assessment, Evidence, RequirementRecord, Status } from '../core/assessment/assessment-types.js';
import type { Stakeholder } from '../core/catalog/catalog-types.js';
import type {
  DatabaseSchema,
  EvidenceKind,
  ProductRow,
  RecordRow,
  RecordScope,
} from '../storage/database-schema.js';
import { evidenceFilePath } from './evidence-paths.js';
import { NotFoundError } from './workspace-errors.js';

export interface ProductView {
  readonly id: string;
  readonly name: string;
  readonly model: string | null;
  readonly version: string | null;
  readonly manufacturer: string | null;
  readonly description: string | null;
  readonly roles: readonly Stakeholder[];
  /** Send back as expectedRevision to edit the fields or the profile. */
  readonly revision: number;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A record's fields and its own revision (evidence items are listed separately, with their ids). */
export interface RecordState {
  readonly revision: number;
  readonly status: Status;
  readonly justification: string | null;
  readonly profileOverride: boolean;
  readonly assessor: string | null;
  readonly date: string | null;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface EvidenceTarget {
  readonly kind: RecordScope;
  readonly id: string;
}

export interface EvidenceView {
  readonly id: string;
  readonly target: EvidenceTarget;
  readonly kind: EvidenceKind;
  readonly title: string | null;
  readonly url: string | null;
  readonly text: string | null;
  readonly file: {
    readonly sha256: string;
    readonly filename: string;
    readonly mediaType: string;
    readonly size: number;
  } | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface ProductState {
  readonly product: ProductView;
  readonly assessment: Assessment;
  readonly records: ReadonlyMap<string, RecordState>;
  readonly attestations: ReadonlyMap<string, RecordState>;
  /** In record order, then position; empty when loaded without evidence. */
  readonly evidence: readonly EvidenceView[];
}

export function productView(row: ProductRow): ProductView {
  return {
    id: row.id,
    name: row.name,
    model: row.model,
    version: row.version,
    manufacturer: row.manufacturer,
    description: row.description,
    roles: JSON.parse(row.roles) as Stakeholder[],
    revision: row.revision,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function recordState(row: RecordRow): RecordState {
  return {
    revision: row.revision,
    status: row.status,
    justification: row.justification,
    profileOverride: row.profile_override === 1,
    assessor: row.assessor,
    date: row.assessed_on,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The core's Evidence for an item (what an assessment file holds). */
export function coreEvidence(e: EvidenceView): Evidence {
  if (e.kind === 'file' && e.file)
    return {
      kind: 'file',
      path: evidenceFilePath(e.file.sha256, e.file.filename),
      sha256: e.file.sha256,
      title: e.title,
    };
  if (e.kind === 'url') return { kind: 'url', url: e.url ?? '', title: e.title };
  return { kind: 'note', text: e.text ?? '' };
}

type Reader = Kysely<DatabaseSchema>;

export async function loadProductRow(db: Reader, productId: string): Promise<ProductRow> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', productId).executeTakeFirst();
  if (!row) throw new NotFoundError(`no product with id ${productId}`);
  return row;
}

export async function loadEvidence(
  db: Reader,
  productId: string,
  target?: EvidenceTarget,
): Promise<EvidenceView[]> {
  let query = db
    .selectFrom('evidence')
    .leftJoin('blobs', 'blobs.sha256', 'evidence.blob_sha256')
    .select([
      'evidence.id',
      'evidence.scope',
      'evidence.item_id',
      'evidence.position',
      'evidence.kind',
      'evidence.title',
      'evidence.url',
      'evidence.note',
      'evidence.blob_sha256',
      'evidence.file_name',
      'evidence.created_at',
      'evidence.created_by',
      'blobs.size',
      'blobs.media_type',
    ])
    .where('evidence.product_id', '=', productId);
  if (target)
    query = query.where('evidence.scope', '=', target.kind).where('evidence.item_id', '=', target.id);
  const rows = await query
    .orderBy('evidence.scope')
    .orderBy('evidence.item_id')
    .orderBy('evidence.position')
    .orderBy('evidence.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    target: { kind: r.scope, id: r.item_id },
    kind: r.kind,
    title: r.title,
    url: r.url,
    text: r.note,
    file:
      r.kind === 'file' && r.blob_sha256
        ? {
            sha256: r.blob_sha256,
            filename: r.file_name ?? 'file',
            mediaType: r.media_type ?? 'application/octet-stream',
            size: r.size ?? 0,
          }
        : null,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

/**
 * The product's state. Without evidence it is what the engine needs (evaluation and rule checks
 * never look at evidence), which is what every write recomputes the cached evaluation from.
 */
export async function loadProductState(
  db: Reader,
  productId: string,
  options: { readonly evidence: boolean; readonly row?: ProductRow },
): Promise<ProductState> {
  const row = options.row ?? (await loadProductRow(db, productId));
  const [answers, recordRows, evidence] = await Promise.all([
    db
      .selectFrom('profile_answers')
      .select(['fact_id', 'answer'])
      .where('product_id', '=', productId)
      .execute(),
    db
      .selectFrom('assessment_records')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('item_id')
      .execute(),
    options.evidence ? loadEvidence(db, productId) : Promise.resolve([]),
  ]);
  const evidenceOf = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const key = `${e.target.kind}\u0000${e.target.id}`;
    const list = evidenceOf.get(key);
    if (list) list.push(coreEvidence(e));
    else evidenceOf.set(key, [coreEvidence(e)]);
  }
  const records = new Map<string, RecordState>();
  const attestations = new Map<string, RecordState>();
  const coreRecords = new Map<string, RequirementRecord>();
  const coreAttestations = new Map<string, RequirementRecord>();
  for (const r of recordRows) {
    const state = recordState(r);
    const record: RequirementRecord = {
      status: r.status,
      justification: r.justification,
      evidence: evidenceOf.get(`${r.scope}\u0000${r.item_id}`) ?? [],
      profileOverride: r.profile_override === 1,
      assessor: r.assessor,
      date: r.assessed_on,
    };
    if (r.scope === 'requirement') {
      records.set(r.item_id, state);
      coreRecords.set(r.item_id, record);
    } else {
      attestations.set(r.item_id, state);
      coreAttestations.set(r.item_id, record);
    }
  }
  const product = productView(row);
  return {
    product,
    assessment: {
      product: {
        name: product.name,
        model: product.model,
        version: product.version,
        manufacturer: product.manufacturer,
        description: product.description,
        roles: product.roles,
      },
      profile: new Map(answers.map((a) => [a.fact_id, a.answer === 1])),
      requirements: coreRecords,
      attestations: coreAttestations,
    },
    records,
    attestations,
    evidence,
  };
}
