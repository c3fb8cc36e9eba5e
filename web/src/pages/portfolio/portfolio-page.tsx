/** The portfolio: where every product stands against the 13 guidelines, filterable and paged. */
import { useState } from 'react';
import { useApi, useCan } from '../../app/app-context.js';
import { FilterBar, FilterField, FilterSearch, FilterSelect } from '../../components/filter-bar.js';
import { ErrorNotice, Loading } from '../../components/notices.js';
import { PageHeader } from '../../components/page-header.js';
import { Pager } from '../../components/pager.js';
import { useCatalogGuidelines } from '../../lib/catalog.js';
import { plural } from '../../lib/format.js';
import { OUTCOME_ORDER, OUTCOME_STYLE } from '../../lib/labels.js';
import { Link, useSearchParams } from '../../lib/router.js';
import { useDebouncedCallback } from '../../lib/use-debounced.js';
import { useResource } from '../../lib/use-resource.js';
import { guidelineLabel, HeatMap, OutcomeLegend } from './heat-map.js';
import {
  filtersFromParams,
  hasFilters,
  type PortfolioSort,
  queryFromFilters,
  SORT_LABEL,
} from './portfolio-query.js';

const ARCHIVED_OPTIONS = [
  { value: 'false', label: 'Active products' },
  { value: 'true', label: 'Archived products' },
  { value: 'all', label: 'Active and archived' },
];
const SORT_OPTIONS = (Object.keys(SORT_LABEL) as PortfolioSort[]).map((s) => ({
  value: s,
  label: SORT_LABEL[s],
}));

export function PortfolioPage() {
  const api = useApi();
  const canEdit = useCan('assessor');
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const guidelines = useCatalogGuidelines();
  const query = queryFromFilters(filters);
  const queryKey = JSON.stringify(query);
  const portfolio = useResource(() => api.products.list(query), [api, queryKey]);

  // Typed text goes to the address (and the server) once typing pauses.
  const [q, setQ] = useState(filters.q);
  const [manufacturer, setManufacturer] = useState(filters.manufacturer);
  const applyText = useDebouncedCallback((changes: { q?: string; manufacturer?: string }) => {
    setParams({ ...changes, page: null });
  }, 250);

  const manufacturers = [
    ...new Set((portfolio.data?.items ?? []).map((row) => row.manufacturer).filter((m): m is string => !!m)),
  ].sort();

  const total = portfolio.data?.total;
  return (
    <div className="page page--wide">
      <PageHeader
        title="Portfolio"
        subtitle={
          total === undefined
            ? 'Every product against the 13 guidelines of the UK Code of Practice for Consumer IoT Security.'
            : `${plural(total, 'product')}${hasFilters(filters) ? ' match the filters' : ''} · outcome against each of the 13 Code of Practice guidelines`
        }
        actions={
          canEdit ? (
            <>
              <Link to="/products/import" className="button">
                Import YAML
              </Link>
              <Link to="/products/new" className="button button--primary">
                New product
              </Link>
            </>
          ) : null
        }
      />
      <FilterBar
        label="Filter products"
        onClear={
          hasFilters(filters)
            ? () => {
                setQ('');
                setManufacturer('');
                setParams({
                  q: null,
                  manufacturer: null,
                  archived: null,
                  guideline: null,
                  outcome: null,
                  page: null,
                });
              }
            : null
        }
      >
        <FilterSearch
          placeholder="Name or model"
          value={q}
          onChange={(value) => {
            setQ(value);
            applyText({ q: value });
          }}
        />
        <FilterField label="Manufacturer">
          {(id) => (
            <>
              <input
                id={id}
                type="text"
                list={`${id}-list`}
                placeholder="Any"
                value={manufacturer}
                onChange={(e) => {
                  setManufacturer(e.target.value);
                  applyText({ manufacturer: e.target.value });
                }}
              />
              <datalist id={`${id}-list`}>
                {manufacturers.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            </>
          )}
        </FilterField>
        <FilterSelect
          label="Show"
          value={filters.archived}
          options={ARCHIVED_OPTIONS}
          onChange={(archived) => setParams({ archived: archived === 'false' ? null : archived, page: null })}
        />
        <FilterSelect
          label="Guideline"
          value={filters.guideline}
          any="Any guideline"
          options={(guidelines.data?.items ?? []).map((g) => ({
            value: g.id,
            label: `${guidelineLabel(g)}. ${g.title ?? ''}`,
          }))}
          onChange={(guideline) =>
            setParams({ guideline, outcome: guideline ? filters.outcome : null, page: null })
          }
        />
        <FilterField label="Outcome">
          {(id) => (
            <>
              <select
                id={id}
                value={filters.outcome}
                disabled={!filters.guideline}
                aria-describedby={filters.guideline ? undefined : `${id}-hint`}
                onChange={(e) => setParams({ outcome: e.target.value, page: null })}
              >
                <option value="">Any outcome</option>
                {OUTCOME_ORDER.map((o) => (
                  <option key={o} value={o}>
                    {OUTCOME_STYLE[o].label}
                  </option>
                ))}
              </select>
              {filters.guideline ? null : (
                <span id={`${id}-hint`} className="visually-hidden">
                  Choose a guideline first
                </span>
              )}
            </>
          )}
        </FilterField>
        <FilterSelect
          label="Sort by"
          value={filters.sort}
          options={SORT_OPTIONS}
          onChange={(sort) => setParams({ sort: sort === 'name' ? null : sort, page: null })}
        />
      </FilterBar>
      <OutcomeLegend />
      <ErrorNotice error={portfolio.error ?? guidelines.error} />
      {portfolio.data && guidelines.data ? (
        portfolio.data.total === 0 && !hasFilters(filters) ? (
          <EmptyPortfolio canEdit={canEdit} />
        ) : (
          <div className={portfolio.loading ? 'is-refreshing' : ''} aria-busy={portfolio.loading}>
            <HeatMap
              guidelines={guidelines.data.items}
              portfolio={portfolio.data}
              activeFilter={filters}
              onFilter={(guideline, outcome) => setParams({ guideline, outcome, page: null })}
            />
            {portfolio.data.total === 0 ? <p className="empty">No product matches these filters.</p> : null}
            <Pager
              label="Portfolio pages"
              page={portfolio.data.page}
              pageSize={portfolio.data.pageSize}
              total={portfolio.data.total}
              onPage={(page) => setParams({ page: page === 1 ? null : page }, { replace: false })}
            />
          </div>
        )
      ) : portfolio.error || guidelines.error ? null : (
        <Loading label="Loading the portfolio…" />
      )}
    </div>
  );
}

function EmptyPortfolio({ canEdit }: { canEdit: boolean }) {
  return (
    <div className="empty-state">
      <h2>No products yet</h2>
      {canEdit ? (
        <p>
          <Link to="/products/new">Create a product</Link>, answer its profile questions, and record the
          status of each requirement — or <Link to="/products/import">import an assessment file</Link> made
          with the command line tool.
        </p>
      ) : (
        <p>An assessor has not added any product yet.</p>
      )}
    </div>
  );
}
