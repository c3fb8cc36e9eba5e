/**
 * The workspace: the team server's use cases over the database and the pure core. No HTTP here —
 * the server maps these functions and their errors (workspace-errors.ts) onto routes.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import type { DatabaseSchema } from '../storage/database-schema.js';
import type { DatabaseHandle } from '../storage/open-database.js';

export interface Workspace {
  readonly handle: DatabaseHandle;
  readonly db: Kysely<DatabaseSchema>;
  readonly ctx: AssessmentContext;
  /** Fingerprint of the catalog data that cached evaluations are computed with. */
  readonly catalogKey: string;
  /** The tool's name and version, written into reports. */
  readonly tool: { readonly name: string; readonly version: string };
  /** The clock (tests pass a fixed one). */
  readonly now: () => Date;
}

export interface WorkspaceOptions {
  readonly handle: DatabaseHandle;
  readonly ctx: AssessmentContext;
  readonly tool: { readonly name: string; readonly version: string };
  readonly now?: () => Date;
}

/**
 * Everything in the catalog that can change an evaluation: when the tool is upgraded with corrected
 * data, the fingerprint changes and the cached evaluations computed with the old data are redone.
 */
export function catalogKeyOf(ctx: AssessmentContext): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([
      ctx.mapping.id,
      ctx.mapping.links.map((l) => [l.source, l.target]),
      ctx.mapping.unmappedTargets.map((u) => [u.target, u.note]),
      ctx.source.items.map((i) => i.id),
      ctx.target.items.map((i) => [i.id, i.priority]),
      ctx.facts.facts.map((f) => [f.id, f.askWhen]),
      ctx.applicability?.rules.map((r) => [r.item, r.when]) ?? null,
    ]),
  );
  return `${ctx.mapping.id}@${hash.digest('hex').slice(0, 16)}`;
}

/** A workspace over an open database. Call refreshStaleEvaluations (evaluation-cache.ts) once after. */
export function createWorkspace(options: WorkspaceOptions): Workspace {
  return {
    handle: options.handle,
    db: options.handle.db,
    ctx: options.ctx,
    catalogKey: catalogKeyOf(options.ctx),
    tool: options.tool,
    now: options.now ?? (() => new Date()),
  };
}
