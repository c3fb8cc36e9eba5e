/**
 * Keeps the cached evaluations current when the catalog changes (a new iotassure release with
 * corrected data): products evaluated with another catalog are evaluated again, each in its own
 * locked transaction like any write, but without an audit event — the stored state did not change.
 */
import { evaluate } from '../core/outcome/evaluate.js';
import { loadProductState } from './product-state.js';
import { evaluationColumns, lockProduct } from './product-write.js';
import type { Workspace } from './workspace.js';

/** Re-evaluates every product whose cache was computed with another catalog; returns how many. */
export async function refreshStaleEvaluations(ws: Workspace): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await ws.db
      .selectFrom('products')
      .select('id')
      .where('evaluated_with', '!=', ws.catalogKey)
      .orderBy('id')
      .limit(200)
      .execute();
    if (stale.length === 0) return refreshed;
    await ws.db.transaction().execute(async (trx) => {
      for (const { id } of stale) {
        const row = await lockProduct(trx, ws, id);
        const state = await loadProductState(trx, id, { evidence: false, row });
        await trx
          .updateTable('products')
          .set(evaluationColumns(ws, evaluate(ws.ctx, state.assessment)))
          .where('id', '=', id)
          .execute();
      }
    });
    refreshed += stale.length;
  }
}
