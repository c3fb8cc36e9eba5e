import { describe, expect, it } from 'vitest';
import { filtersFromParams, hasFilters, PORTFOLIO_PAGE_SIZE, queryFromFilters } from './portfolio-query.js';

const parse = (search: string) => filtersFromParams(new URLSearchParams(search));

describe('portfolio filters in the address', () => {
  it('reads every filter and sends it to the API', () => {
    const filters = parse(
      'q=cam&manufacturer=Acme&archived=all&guideline=1&outcome=not-met&sort=updated&page=3',
    );
    expect(queryFromFilters(filters)).toEqual({
      page: 3,
      pageSize: PORTFOLIO_PAGE_SIZE,
      archived: 'all',
      sort: 'updated',
      q: 'cam',
      manufacturer: 'Acme',
      guideline: '1',
      outcome: 'not-met',
    });
    expect(hasFilters(filters)).toBe(true);
  });

  it('falls back to the defaults for values the API would refuse', () => {
    const filters = parse('archived=maybe&outcome=great&sort=price&page=-2');
    expect(filters).toMatchObject({ archived: 'false', outcome: '', sort: 'name', page: 1 });
    expect(hasFilters(filters)).toBe(false);
  });

  it('leaves out an outcome without a guideline (it would filter nothing)', () => {
    expect(queryFromFilters(parse('outcome=met'))).toEqual({
      page: 1,
      pageSize: PORTFOLIO_PAGE_SIZE,
      archived: 'false',
      sort: 'name',
    });
  });
});
