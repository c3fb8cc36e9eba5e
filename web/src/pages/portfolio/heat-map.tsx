/**
 * Every product (rows) against the 13 guidelines (columns): one cell per outcome, with the
 * outcome's glyph, colour and (for screen readers and on hover) its words. Guidelines 1–3, the
 * top-priority ones, sit in their own column group with a heavier frame. The footer counts each
 * outcome per guideline over every page of the filtered set; a count filters to those products.
 */
import type { CatalogGuidelines, Outcome, Portfolio } from '../../api/api-types.js';
import { formatPercent } from '../../lib/format.js';
import { OUTCOME_ORDER, OUTCOME_STYLE } from '../../lib/labels.js';
import { Link, useNavigate } from '../../lib/router.js';

type Guideline = CatalogGuidelines['items'][number];

export interface HeatMapProps {
  readonly guidelines: readonly Guideline[];
  readonly portfolio: Portfolio;
  readonly onFilter: (guideline: string, outcome: Outcome) => void;
  readonly activeFilter: { readonly guideline: string; readonly outcome: Outcome | '' };
}

export const guidelineLabel = (g: Guideline) => g.number ?? g.id;
const guidelineName = (g: Guideline) => `Guideline ${guidelineLabel(g)}${g.title ? `: ${g.title}` : ''}`;

export function HeatMap({ guidelines, portfolio, onFilter, activeFilter }: HeatMapProps) {
  const navigate = useNavigate();
  const top = guidelines.filter((g) => g.topPriority);
  const rest = guidelines.filter((g) => !g.topPriority);
  const ordered = [...top, ...rest];
  const edge = (g: Guideline) =>
    [
      g === top[0] ? 'heat--top-start' : '',
      g === top[top.length - 1] ? 'heat--top-end' : '',
      g.topPriority ? 'heat--top' : '',
    ]
      .filter(Boolean)
      .join(' ');

  return (
    <div className="table-scroll">
      <table className="heat-map">
        <caption className="visually-hidden">
          Outcome of each product against each Code of Practice guideline; guidelines{' '}
          {top.map(guidelineLabel).join(', ')} are top priority. The last rows count the products with each
          outcome.
        </caption>
        <colgroup>
          <col className="heat-map__product-col" />
        </colgroup>
        <colgroup className="heat-map__top-group">
          {top.map((g) => (
            <col key={g.id} />
          ))}
        </colgroup>
        <colgroup>
          {rest.map((g) => (
            <col key={g.id} />
          ))}
        </colgroup>
        <colgroup>
          <col className="heat-map__score-col" />
        </colgroup>
        <thead>
          <tr className="heat-map__groups">
            <td />
            <th scope="colgroup" colSpan={top.length} className="heat-map__group heat-map__group--top">
              Top priority
            </th>
            <th scope="colgroup" colSpan={rest.length} className="heat-map__group">
              Other guidelines
            </th>
            <td />
          </tr>
          <tr>
            <th scope="col" className="heat-map__product-head">
              Product
            </th>
            {ordered.map((g) => (
              <th
                key={g.id}
                scope="col"
                className={`heat-map__guideline ${edge(g)}`}
                title={guidelineName(g)}
              >
                <span aria-hidden="true">{guidelineLabel(g)}</span>
                <span className="visually-hidden">{guidelineName(g)}</span>
              </th>
            ))}
            <th scope="col" className="heat-map__score-head">
              Met
            </th>
          </tr>
        </thead>
        <tbody>
          {portfolio.items.map((row) => (
            <tr
              key={row.id}
              className={row.archivedAt ? 'heat-map__row heat-map__row--archived' : 'heat-map__row'}
              onClick={(event) => {
                // A click anywhere on the row opens the product; the name is the keyboard's way in.
                if ((event.target as HTMLElement).closest('a, button')) return;
                navigate(`/products/${encodeURIComponent(row.id)}`);
              }}
            >
              <th scope="row" className="heat-map__product">
                <Link to={`/products/${encodeURIComponent(row.id)}`} className="heat-map__name">
                  {row.name}
                </Link>
                <span className="heat-map__meta">
                  {[row.manufacturer, row.model, row.version].filter(Boolean).join(' · ') || '\u00a0'}
                  {row.archivedAt ? <span className="tag">Archived</span> : null}
                </span>
              </th>
              {ordered.map((g) => {
                const outcome = row.outcomes[g.id];
                if (!outcome)
                  return (
                    <td key={g.id} className={`heat ${edge(g)}`}>
                      <span className="visually-hidden">no outcome</span>
                    </td>
                  );
                const style = OUTCOME_STYLE[outcome];
                return (
                  <td
                    key={g.id}
                    className={`heat outcome--${outcome} ${edge(g)}`}
                    title={`${guidelineName(g)} — ${style.label}`}
                  >
                    <span className="heat__glyph" aria-hidden="true">
                      {style.glyph}
                    </span>
                    <span className="visually-hidden">{style.label}</span>
                  </td>
                );
              })}
              <td className="heat-map__score">
                <span className="heat-map__met">
                  {row.guidelinesMet}/{guidelines.length}
                </span>
                <span className="heat-map__share" title="Share of applicable requirements that are compliant">
                  {formatPercent(row.compliantShare)}
                </span>
                {row.topPriorityMet ? null : (
                  <span className="visually-hidden">; top-priority guidelines not all met</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {OUTCOME_ORDER.map((outcome) => (
            <tr key={outcome} className="heat-map__count-row">
              <th scope="row" className="heat-map__count-label">
                <span className={`count-key outcome--${outcome}`} aria-hidden="true">
                  {OUTCOME_STYLE[outcome].glyph}
                </span>
                {OUTCOME_STYLE[outcome].label}
              </th>
              {ordered.map((g) => {
                const count = portfolio.counts[g.id]?.[outcome] ?? 0;
                const active = activeFilter.guideline === g.id && activeFilter.outcome === outcome;
                return (
                  <td key={g.id} className={`heat-map__count ${edge(g)}`}>
                    {count === 0 ? (
                      <span className="heat-map__zero">
                        <span aria-hidden="true">·</span>
                        <span className="visually-hidden">0</span>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className={`count-button ${active ? 'count-button--active' : ''}`}
                        aria-pressed={active}
                        aria-label={`${count} ${count === 1 ? 'product' : 'products'} with guideline ${guidelineLabel(g)} ${OUTCOME_STYLE[outcome].label.toLowerCase()}: show only these`}
                        onClick={() => onFilter(g.id, outcome)}
                      >
                        {count.toLocaleString('en-GB')}
                      </button>
                    )}
                  </td>
                );
              })}
              <td />
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}

export function OutcomeLegend() {
  return (
    <ul className="legend" aria-label="Outcomes">
      {OUTCOME_ORDER.map((outcome) => (
        <li key={outcome} className="legend__item">
          <span className={`legend__swatch outcome--${outcome}`} aria-hidden="true">
            {OUTCOME_STYLE[outcome].glyph}
          </span>
          {OUTCOME_STYLE[outcome].label}
        </li>
      ))}
    </ul>
  );
}
