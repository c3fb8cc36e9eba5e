/** The portfolio: where every product stands against the 13 guidelines, filterable and paged. */
import { useId, useState } from 'react';
import { useApi, useCan } from '../../app/app-context.js';
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

  const ids = {
    q: useId(),
    manufacturer: useId(),
    archived: useId(),
    guideline: useId(),
    outcome: useId(),
    sort: useId(),
  };
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
      <search aria-label="Filter products">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <div className="filters__field filters__field--grow">
            <label htmlFor={ids.q}>Search</label>
            <input
              id={ids.q}
              type="search"
              placeholder="Name or model"
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                applyText({ q: e.target.value });
              }}
            />
          </div>
          <div className="filters__field">
            <label htmlFor={ids.manufacturer}>Manufacturer</label>
            <input
              id={ids.manufacturer}
              type="text"
              list={`${ids.manufacturer}-list`}
              placeholder="Any"
              value={manufacturer}
              onChange={(e) => {
                setManufacturer(e.target.value);
                applyText({ manufacturer: e.target.value });
              }}
            />
            <datalist id={`${ids.manufacturer}-list`}>
              {manufacturers.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </div>
          <div className="filters__field">
            <label htmlFor={ids.archived}>Show</label>
            <select
              id={ids.archived}
              value={filters.archived}
              onChange={(e) =>
                setParams({ archived: e.target.value === 'false' ? null : e.target.value, page: null })
              }
            >
              <option value="false">Active products</option>
              <option value="true">Archived products</option>
              <option value="all">Active and archived</option>
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor={ids.guideline}>Guideline</label>
            <select
              id={ids.guideline}
              value={filters.guideline}
              onChange={(e) =>
                setParams({
                  guideline: e.target.value,
                  outcome: e.target.value ? filters.outcome : null,
                  page: null,
                })
              }
            >
              <option value="">Any guideline</option>
              {(guidelines.data?.items ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {guidelineLabel(g)}. {g.title ?? ''}
                </option>
              ))}
            </select>
          </div>
          <div className="filters__field">
            <label htmlFor={ids.outcome}>Outcome</label>
            <select
              id={ids.outcome}
              value={filters.outcome}
              disabled={!filters.guideline}
              aria-describedby={filters.guideline ? undefined : `${ids.outcome}-hint`}
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
              <span id={`${ids.outcome}-hint`} className="visually-hidden">
                Choose a guideline first
              </span>
            )}
          </div>
          <div className="filters__field">
            <label htmlFor={ids.sort}>Sort by</label>
            <select
              id={ids.sort}
              value={filters.sort}
              onChange={(e) =>
                setParams({ sort: e.target.value === 'name' ? null : e.target.value, page: null })
              }
            >
              {(Object.keys(SORT_LABEL) as PortfolioSort[]).map((s) => (
                <option key={s} value={s}>
                  {SORT_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          {hasFilters(filters) ? (
            <button
              type="button"
              className="button button--ghost filters__clear"
              onClick={() => {
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
              }}
            >
              Clear filters
            </button>
          ) : null}
        </form>
      </search>
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
