/**
 * The portfolio's filters live in the address (?q=…&guideline=1&outcome=not-met&page=3), so a
 * filtered view can be bookmarked, shared and returned to with the Back button.
 */
import { OUTCOMES } from '../../../../src/core/outcome/outcome-types.js';
import type { Outcome, PortfolioQuery } from '../../api/api-types.js';

export const PORTFOLIO_PAGE_SIZE = 50;

export type ArchivedFilter = 'false' | 'true' | 'all';
export type PortfolioSort = NonNullable<PortfolioQuery['sort']>;

/** The orders the server offers, as the select shows them (the first is the server's default). */
export const SORT_LABEL: Record<PortfolioSort, string> = {
  name: 'Name (A–Z)',
  updated: 'Recently updated',
  'guidelines-met': 'Most guidelines met',
};
const isSort = (value: string): value is PortfolioSort => value in SORT_LABEL;

export interface PortfolioFilters {
  readonly q: string;
  readonly manufacturer: string;
  readonly archived: ArchivedFilter;
  readonly guideline: string;
  readonly outcome: Outcome | '';
  readonly sort: PortfolioSort;
  readonly page: number;
}

const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

export function filtersFromParams(params: URLSearchParams): PortfolioFilters {
  const archived = params.get('archived');
  const outcome = params.get('outcome') ?? '';
  const page = Number(params.get('page'));
  const sort = params.get('sort') ?? '';
  return {
    q: params.get('q') ?? '',
    manufacturer: params.get('manufacturer') ?? '',
    archived: archived === 'true' || archived === 'all' ? archived : 'false',
    guideline: params.get('guideline') ?? '',
    outcome: isOutcome(outcome) ? outcome : '',
    sort: isSort(sort) ? sort : 'name',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The API query for these filters; an outcome without a guideline filters nothing, so it is left out. */
export function queryFromFilters(filters: PortfolioFilters): PortfolioQuery {
  const query: PortfolioQuery = {
    page: filters.page,
    pageSize: PORTFOLIO_PAGE_SIZE,
    archived: filters.archived,
    sort: filters.sort,
  };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.manufacturer.trim()) query.manufacturer = filters.manufacturer.trim();
  if (filters.guideline && filters.outcome) {
    query.guideline = filters.guideline;
    query.outcome = filters.outcome;
  }
  return query;
}

export function hasFilters(filters: PortfolioFilters): boolean {
  return Boolean(
    filters.q || filters.manufacturer || filters.archived !== 'false' || filters.guideline || filters.outcome,
  );
}
