/**
 * Serialises a skeleton as a commented YAML assessment file: each requirement carries its number,
 * text and guidelines as a comment, so the file can be reviewed in git without the tool.
 */
import { Document, isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import type { Skeleton } from '../core/assessment/skeleton.js';
import { ASSESSMENT_FORMAT_VERSION } from '../schema/assessment-file-schema.js';
import { wrapWords } from '../wrap-words.js';

/** A YAML comment body: words wrapped to 96 columns, each line after the `#`. */
function wrapComment(text: string): string {
  return wrapWords(text, 96)
    .map((l) => ` ${l}`)
    .join('\n');
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function skeletonToYaml(ctx: AssessmentContext, skeleton: Skeleton, schemaPath: string): string {
  const p = skeleton.product;
  const product: Record<string, unknown> = { name: p.name };
  if (p.model) product.model = p.model;
  if (p.version) product.version = p.version;
  if (p.manufacturer) product.manufacturer = p.manufacturer;
  if (p.description) product.description = p.description;
  product.roles = [...p.roles];
  const profile: Record<string, boolean | null> = {};
  for (const f of ctx.facts.facts) {
    const answer = skeleton.profile.get(f.id);
    profile[f.id] = answer === undefined ? null : answer;
  }
  const requirements: Record<string, unknown> = {};
  for (const r of skeleton.requirements) {
    requirements[r.id] = r.justification
      ? { status: r.status, justification: r.justification }
      : { status: r.status };
  }
  const attestations: Record<string, unknown> = {};
  for (const a of skeleton.attestations) attestations[a.id] = { status: 'not-assessed' };

  const doc = new Document({
    iotassure: ASSESSMENT_FORMAT_VERSION,
    product,
    profile,
    requirements,
    attestations,
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${schemaPath}`,
    ' iotassure assessment file. Statuses: compliant, partially-compliant, non-compliant, not-applicable, not-assessed.',
    ' For each requirement record status, justification, evidence (file + sha256, url, or note), assessor and date.',
    ' Check it with `iotassure validate FILE`; see the outcome with `iotassure report FILE`.',
  ].join('\n');
  const root = doc.contents;
  if (!isMap(root)) return doc.toString();
  const profilePair = pairOf(root, 'profile');
  if (profilePair && isMap(profilePair.value)) {
    (profilePair.key as { commentBefore?: string }).commentBefore =
      ' Product profile: true, false, or null (not yet known). `iotassure catalog facts` explains each.';
    for (const f of ctx.facts.facts) {
      const pair = pairOf(profilePair.value, f.id);
      const notAsked = skeleton.notAsked.get(f.id);
      const comment = notAsked
        ? `${f.question} [not asked: ${notAsked}; it counts as false until that changes]`
        : f.question;
      if (pair) (pair.key as { commentBefore?: string }).commentBefore = wrapComment(comment);
    }
  }
  const reqPair = pairOf(root, 'requirements');
  if (reqPair && isMap(reqPair.value)) {
    for (const r of skeleton.requirements) {
      const pair = pairOf(reqPair.value, r.id);
      if (!pair) continue;
      const lines = [
        `${r.number ?? '(no number in the source)'} → guideline${r.guidelines.length === 1 ? '' : 's'} ${r.guidelines.join(', ')}`,
        r.text ?? `(the source gives no text for this requirement; see \`iotassure catalog show ${r.id}\`)`,
      ];
      if (r.comment) lines.push(`[${r.comment}]`);
      (pair.key as { commentBefore?: string }).commentBefore = lines.map((l) => wrapComment(l)).join('\n');
    }
  }
  const attPair = pairOf(root, 'attestations');
  if (attPair && isMap(attPair.value)) {
    (attPair.key as { commentBefore?: string }).commentBefore =
      ' Guidelines that no requirement maps to need a guideline-level attestation.';
    for (const a of skeleton.attestations) {
      const pair = pairOf(attPair.value, a.id);
      if (pair) {
        (pair.key as { commentBefore?: string }).commentBefore = wrapComment(
          `Guideline ${a.id}: ${a.title ?? ''}${a.note ? ` — the mapping source says: ${a.note}` : ''}`,
        );
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
