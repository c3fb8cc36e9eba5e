/**
 * Resolves what a record or an evidence item belongs to: a requirement (by internal id or printed
 * number, as in assessment files: 2.4.3.13 is ambiguous) or a guideline's attestation.
 */
import { resolveRequirementKey } from '../assessment-file/resolve-keys.js';
import { nearest } from '../diagnostics/nearest.js';
import type { RecordScope } from '../storage/database-schema.js';
import type { EvidenceTarget } from './product-state.js';
import type { Workspace } from './workspace.js';
import { InvalidInputError } from './workspace-errors.js';

/** The target with the internal id; throws InvalidInputError naming the nearest ids. */
export function resolveTarget(ws: Workspace, kind: RecordScope, key: string): EvidenceTarget {
  const ctx = ws.ctx;
  if (kind === 'requirement') {
    const resolved = resolveRequirementKey(ctx, key);
    if (resolved.kind === 'found') return { kind, id: resolved.id };
    if (resolved.kind === 'ambiguous') {
      throw new InvalidInputError([
        {
          path: ['requirements', key],
          code: 'ambiguous-requirement',
          message: `${key} is printed for ${resolved.ids.length} different requirements`,
          hint: `use the internal id: ${resolved.ids.join(' or ')}`,
        },
      ]);
    }
    throw new InvalidInputError([
      {
        path: ['requirements', key],
        code: 'unknown-requirement',
        message: `no requirement "${key}" in ${ctx.source.shortTitle}`,
        hint: resolved.suggestions.length ? `did you mean ${resolved.suggestions.join(', ')}?` : null,
      },
    ]);
  }
  if (ctx.targetById.has(key)) return { kind, id: key };
  const near = nearest(key, [...ctx.targetById.keys()]);
  throw new InvalidInputError([
    {
      path: ['attestations', key],
      code: 'unknown-guideline',
      message: `no ${ctx.target.itemLabel} "${key}" in ${ctx.target.shortTitle}`,
      hint: near.length ? `did you mean ${near.join(', ')}?` : null,
    },
  ]);
}

/** The section of the assessment (file and check-assessment paths) a target's record lives in. */
export function sectionOf(target: EvidenceTarget): 'requirements' | 'attestations' {
  return target.kind === 'requirement' ? 'requirements' : 'attestations';
}
