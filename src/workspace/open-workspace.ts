/**
 * Opens the database and the catalog, and brings every cached evaluation up to date: what
 * `iotassure serve` (and the seed and backup tools) call once at start.
 */
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import { type OpenDatabaseOptions, openDatabase } from '../storage/open-database.js';
import { refreshStaleEvaluations } from './evaluation-cache.js';
import { createWorkspace, type Workspace } from './workspace.js';

export interface OpenWorkspaceOptions extends OpenDatabaseOptions {
  readonly ctx: AssessmentContext;
  readonly tool: { readonly name: string; readonly version: string };
  readonly now?: () => Date;
}

export async function openWorkspace(options: OpenWorkspaceOptions): Promise<Workspace> {
  const handle = await openDatabase(options);
  const ws = createWorkspace({ handle, ctx: options.ctx, tool: options.tool, now: options.now });
  try {
    await refreshStaleEvaluations(ws);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return ws;
}
