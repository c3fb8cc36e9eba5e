/**
 * The portfolio: every product against every guideline, filtered and paged, with outcome counts
 * per guideline over the whole filtered set. Read from the cached evaluation columns only — no
 * product is evaluated on read, so it stays fast at 10,000 products.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import { OUTCOMES, type Outcome } from '../core/outcome/outcome-types.js';
import { nearest } from '../diagnostics/nearest.js';
import type { DatabaseSchema } from '../storage/database-schema.js';
import { decodeOutcomes, OUTCOME_CODE } from './outcome-codes.js';
import type { Workspace } from './workspace.js';
import { InvalidInputError } from './workspace-errors.js';

export const MAX_PAGE_SIZE = 200;

export interface PortfolioQuery {
  /** 1-based. */
  readonly page?: number;
  readonly pageSize?: number;
  /** Words that must all occur in the name or model, any case. */
  readonly q?: string;
  /** Exact manufacturer, any case. */
  readonly manufacturer?: string;
  /** 'false' (default): active products; 'true': archived ones; 'all': both. */
  readonly archived?: 'false' | 'true' | 'all';
  /** With `outcome`: only products whose guideline has that outcome. */
  readonly guideline?: string;
  readonly outcome?: Outcome;
  readonly sort?: 'name' | 'updated' | 'guidelines-met';
}

export interface PortfolioRow {
  readonly id: string;
  readonly name: string;
  readonly model: string | null;
  readonly version: string | null;
  readonly manufacturer: string | null;
  readonly archivedAt: string | null;
  readonly updatedAt: string;
  readonly revision: number;
  readonly outcomes: Readonly<Record<string, Outcome>>;
  readonly guidelinesMet: number;
  readonly compliantShare: number | null;
  readonly topPriorityMet: boolean;
}

export interface PortfolioPage {
  readonly items: readonly PortfolioRow[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  /** Per guideline id, per outcome: how many products of the whole filtered set have it. */
  readonly counts: Readonly<Record<string, Readonly<Record<Outcome, number>>>>;
}

/** `%` and `_` in what people type are literal characters, not wildcards. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function queryPortfolio(ws: Workspace, query: PortfolioQuery = {}): Promise<PortfolioPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  if (
    !Number.isInteger(page) ||
    page < 1 ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_PAGE_SIZE
  ) {
    throw new InvalidInputError([
      {
        path: ['page'],
        code: 'invalid-value',
        message: `page must be a whole number from 1, and pageSize from 1 to ${MAX_PAGE_SIZE}`,
        hint: null,
      },
    ]);
  }
  const guidelineIds = ws.ctx.target.items.map((t) => t.id);
  let outcomeFilter: { position: number; code: string } | null = null;
  if (query.guideline !== undefined || query.outcome !== undefined) {
    const position = query.guideline === undefined ? -1 : guidelineIds.indexOf(query.guideline);
    if (position < 0 || query.outcome === undefined || !OUTCOMES.includes(query.outcome)) {
      const near = query.guideline === undefined ? [] : nearest(query.guideline, guidelineIds);
      throw new InvalidInputError([
        {
          path: [query.guideline === undefined || position >= 0 ? 'outcome' : 'guideline'],
          code: 'invalid-value',
          message:
            query.guideline !== undefined && position < 0
              ? `no guideline "${query.guideline}"`
              : 'give both guideline and outcome to filter on a guideline’s outcome',
          hint: near.length ? `did you mean ${near.join(', ')}?` : `outcomes: ${OUTCOMES.join(', ')}`,
        },
      ]);
    }
    outcomeFilter = { position: position + 1, code: OUTCOME_CODE[query.outcome] };
  }
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const manufacturer = query.manufacturer?.trim().toLowerCase();
  const archived = query.archived ?? 'false';

  const filtered = ws.db.selectFrom('products').where((eb: ExpressionBuilder<DatabaseSchema, 'products'>) => {
    const conditions = [];
    if (archived === 'false') conditions.push(eb('archived_at', 'is', null));
    if (archived === 'true') conditions.push(eb('archived_at', 'is not', null));
    for (const word of words) conditions.push(sql<boolean>`search_key like ${likePattern(word)} escape '\\'`);
    if (manufacturer) conditions.push(eb('manufacturer_key', '=', manufacturer));
    if (outcomeFilter)
      conditions.push(
        sql<boolean>`substr(outcome_codes, ${outcomeFilter.position}, 1) = ${outcomeFilter.code}`,
      );
    return eb.and(conditions);
  });

  // The counts: one read of every filtered product's outcome letters (from an index, not the
  // rows), tallied here. Cheaper than 13 × 6 conditional sums in SQL, on both databases.
  const order = query.sort ?? 'name';
  const [codes, rows] = await Promise.all([
    filtered.select('outcome_codes').execute(),
    filtered
      .select([
        'id',
        'name',
        'model',
        'version',
        'manufacturer',
        'archived_at',
        'updated_at',
        'revision',
        'outcome_codes',
        'guidelines_met',
        'compliant_requirements',
        'applicable_requirements',
        'top_priority_met',
      ])
      // Active products only: archived_at is the same (null) for all, and ordering by it first lets
      // the database read the page from an index (migration 0002) instead of sorting.
      .$if(archived === 'false', (q) => q.orderBy('archived_at'))
      .$call((q) =>
        order === 'updated'
          ? q.orderBy('updated_at', 'desc').orderBy('id')
          : order === 'guidelines-met'
            ? q.orderBy('guidelines_met', 'desc').orderBy('search_key').orderBy('id')
            : q.orderBy('search_key').orderBy('id'),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  // counts[g * 128 + letter]: one typed-array increment per guideline per product.
  const tally = new Uint32Array(guidelineIds.length * 128);
  for (const { outcome_codes } of codes) {
    for (let g = 0; g < guidelineIds.length; g++) {
      const slot = g * 128 + (outcome_codes.charCodeAt(g) & 127);
      tally[slot] = (tally[slot] ?? 0) + 1;
    }
  }
  const counts: Record<string, Record<Outcome, number>> = {};
  guidelineIds.forEach((id, g) => {
    counts[id] = Object.fromEntries(
      OUTCOMES.map((o) => [o, tally[g * 128 + OUTCOME_CODE[o].charCodeAt(0)] ?? 0]),
    ) as Record<Outcome, number>;
  });
  return {
    page,
    pageSize,
    total: codes.length,
    counts,
    items: rows.map((r) => {
      const outcomes = decodeOutcomes(r.outcome_codes);
      return {
        id: r.id,
        name: r.name,
        model: r.model,
        version: r.version,
        manufacturer: r.manufacturer,
        archivedAt: r.archived_at,
        updatedAt: r.updated_at,
        revision: r.revision,
        outcomes: Object.fromEntries(guidelineIds.map((id, i) => [id, outcomes[i] as Outcome])),
        guidelinesMet: r.guidelines_met,
        compliantShare:
          r.applicable_requirements === 0 ? null : r.compliant_requirements / r.applicable_requirements,
        topPriorityMet: r.top_priority_met === 1,
      };
    }),
  };
}
