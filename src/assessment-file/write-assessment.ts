/**
 * Writes an assessment as a commented YAML assessment file — the one writer for both `iotassure
 * init`'s skeleton and the team server's export. Each profile question and each requirement carries
 * its question, number, text and guidelines as a comment, so the file can be reviewed in git
 * without the tool. What it writes, `readAssessmentText` reads back to the same values.
 */
import { Document, isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import type { Evidence, Product, RequirementRecord } from '../core/assessment/assessment-types.js';
import { ASSESSMENT_FORMAT_VERSION } from '../schema/assessment-file-schema.js';
import { wrapWords } from '../wrap-words.js';

export interface AssessmentEntry {
  readonly id: string;
  readonly record: RequirementRecord;
  /** A note for a reviewer, shown in brackets after the requirement's text. */
  readonly comment?: string | null;
}

/** What goes into the file, in file order. */
export interface AssessmentDocument {
  readonly product: Product;
  readonly profile: ReadonlyMap<string, boolean>;
  /** Questions not asked because an earlier answer rules them out, with why. */
  readonly notAsked?: ReadonlyMap<string, string>;
  readonly requirements: readonly AssessmentEntry[];
  readonly attestations: readonly AssessmentEntry[];
}

export interface WriteAssessmentOptions {
  /** For the `# yaml-language-server: $schema=` line. */
  readonly schemaPath: string;
  /** Lines after the standard header comment. */
  readonly extraHeader?: readonly string[];
}

export const STANDARD_HEADER: readonly string[] = [
  'iotassure assessment file. Statuses: compliant, partially-compliant, non-compliant, not-applicable, not-assessed.',
  'For each requirement record status, justification, evidence (file + sha256, url, or note), assessor and date.',
  'Check it with `iotassure validate FILE`; see the outcome with `iotassure report FILE`.',
];

/** A YAML comment body: words wrapped to 96 columns, each line after the `#`. */
function wrapComment(text: string): string {
  return wrapWords(text, 96)
    .map((l) => ` ${l}`)
    .join('\n');
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

function evidenceValue(e: Evidence): Record<string, string> {
  switch (e.kind) {
    case 'file':
      return e.title
        ? { file: e.path, sha256: e.sha256, title: e.title }
        : { file: e.path, sha256: e.sha256 };
    case 'url':
      return e.title ? { url: e.url, title: e.title } : { url: e.url };
    case 'note':
      return { note: e.text };
  }
}

/** A record with only the keys it has, in the order the format documents them. */
export function recordValue(r: RequirementRecord): Record<string, unknown> {
  const value: Record<string, unknown> = { status: r.status };
  if (r.justification) value.justification = r.justification;
  if (r.profileOverride) value.profileOverride = true;
  if (r.assessor) value.assessor = r.assessor;
  if (r.date) value.date = r.date;
  if (r.evidence.length > 0) value.evidence = r.evidence.map(evidenceValue);
  return value;
}

function setKeyComment(map: YAMLMap, key: string, comment: string): void {
  const pair = pairOf(map, key);
  if (pair) (pair.key as { commentBefore?: string }).commentBefore = comment;
}

export function assessmentToYaml(
  ctx: AssessmentContext,
  doc: AssessmentDocument,
  options: WriteAssessmentOptions,
): string {
  const p = doc.product;
  const product: Record<string, unknown> = { name: p.name };
  if (p.model) product.model = p.model;
  if (p.version) product.version = p.version;
  if (p.manufacturer) product.manufacturer = p.manufacturer;
  if (p.description) product.description = p.description;
  product.roles = [...p.roles];
  const profile: Record<string, boolean | null> = {};
  for (const f of ctx.facts.facts) profile[f.id] = doc.profile.get(f.id) ?? null;
  const requirements: Record<string, unknown> = {};
  for (const r of doc.requirements) requirements[r.id] = recordValue(r.record);
  const attestations: Record<string, unknown> = {};
  for (const a of doc.attestations) attestations[a.id] = recordValue(a.record);

  const yaml = new Document({
    iotassure: ASSESSMENT_FORMAT_VERSION,
    product,
    profile,
    requirements,
    attestations,
  });
  yaml.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaPath}`,
    ...[...STANDARD_HEADER, ...(options.extraHeader ?? [])].map((l) => ` ${l}`),
  ].join('\n');
  const root = yaml.contents;
  if (!isMap(root)) return yaml.toString({ lineWidth: 0 });
  const profilePair = pairOf(root, 'profile');
  if (profilePair && isMap(profilePair.value)) {
    (profilePair.key as { commentBefore?: string }).commentBefore =
      ' Product profile: true, false, or null (not yet known). `iotassure catalog facts` explains each.';
    for (const f of ctx.facts.facts) {
      const notAsked = doc.notAsked?.get(f.id);
      const comment = notAsked
        ? `${f.question} [not asked: ${notAsked}; it counts as false until that changes]`
        : f.question;
      setKeyComment(profilePair.value, f.id, wrapComment(comment));
    }
  }
  const reqPair = pairOf(root, 'requirements');
  if (reqPair && isMap(reqPair.value)) {
    for (const r of doc.requirements) {
      const item = ctx.sourceById.get(r.id);
      const guidelines = ctx.targetsOf.get(r.id) ?? [];
      const lines = [
        `${item?.number ?? '(no number in the source)'} → guideline${guidelines.length === 1 ? '' : 's'} ${guidelines.join(', ')}`,
        item?.text ??
          `(the source gives no text for this requirement; see \`iotassure catalog show ${r.id}\`)`,
      ];
      if (r.comment) lines.push(`[${r.comment}]`);
      setKeyComment(reqPair.value, r.id, lines.map((l) => wrapComment(l)).join('\n'));
    }
  }
  const attPair = pairOf(root, 'attestations');
  if (attPair && isMap(attPair.value)) {
    (attPair.key as { commentBefore?: string }).commentBefore =
      ' Guidelines that no requirement maps to need a guideline-level attestation.';
    for (const a of doc.attestations) {
      const title = ctx.targetById.get(a.id)?.title ?? null;
      const note = ctx.unmappedTargets.get(a.id)?.note ?? null;
      setKeyComment(
        attPair.value,
        a.id,
        wrapComment(`Guideline ${a.id}: ${title ?? ''}${note ? ` — the mapping source says: ${note}` : ''}`),
      );
    }
  }
  return yaml.toString({ lineWidth: 0 });
}
