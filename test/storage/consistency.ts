/**
 * Checks used after crashes and restores: the database is intact, and every product's cached
 * evaluation equals a fresh evaluation of its stored state by the core engine.
 */
import { sql } from 'kysely';
import { evaluate } from '../../src/core/outcome/evaluate.js';
import { OUTCOME_CODE } from '../../src/workspace/outcome-codes.js';
import { loadProductState } from '../../src/workspace/product-state.js';
import type { Workspace } from '../../src/workspace/workspace.js';

export async function integrityProblems(ws: Workspace): Promise<string[]> {
  if (ws.handle.dialect === 'sqlite') {
    const integrity = ws.handle.sqlite.pragma('integrity_check', { simple: false }) as {
      integrity_check: string;
    }[];
    const fk = ws.handle.sqlite.pragma('foreign_key_check') as unknown[];
    return [
      ...integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok'),
      ...fk.map((r) => `foreign key: ${JSON.stringify(r)}`),
    ];
  }
  // PostgreSQL checks its own pages; what can go wrong above it is a dangling reference.
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from evidence e left join assessment_records r
      on r.product_id = e.product_id and r.scope = e.scope and r.item_id = e.item_id where r.item_id is null`.execute(
    ws.db,
  );
  return Number(rows[0]?.n) > 0 ? ['evidence without its record'] : [];
}

/** Products whose cached evaluation differs from a fresh one, with what differs. */
export async function staleCaches(ws: Workspace): Promise<string[]> {
  const problems: string[] = [];
  const rows = await ws.db.selectFrom('products').selectAll().execute();
  for (const row of rows) {
    const state = await loadProductState(ws.db, row.id, { evidence: false, row });
    const evaluation = evaluate(ws.ctx, state.assessment);
    // Encoded here by hand, not with the production encoder, so the check is independent of it.
    const expected = {
      outcome_codes: evaluation.guidelines.map((g) => OUTCOME_CODE[g.outcome]).join(''),
      guidelines_met: evaluation.guidelines.filter((g) => g.outcome === 'met').length,
      compliant_requirements: evaluation.requirements.filter((r) => r.effective === 'compliant').length,
    };
    const actual = {
      outcome_codes: row.outcome_codes,
      guidelines_met: row.guidelines_met,
      compliant_requirements: row.compliant_requirements,
    };
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      problems.push(`${row.id}: cached ${JSON.stringify(actual)}, fresh ${JSON.stringify(expected)}`);
    }
  }
  return problems;
}
