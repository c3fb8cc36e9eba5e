/**
 * The gap list: what keeps guidelines from being met, most blocking first (the engine's order),
 * each with its status and the guidelines it blocks; top-priority blockers are marked.
 */

import type { ReportGap } from '../../api/api-types.js';
import { StatusBadge } from '../../components/badges.js';
import { Link } from '../../lib/router.js';
import { productPath, requirementPath } from './product-paths.js';

export function GapList({
  productId,
  gaps,
  limit,
}: {
  productId: string;
  gaps: readonly ReportGap[];
  limit?: number;
}) {
  if (gaps.length === 0) {
    return (
      <p className="empty">
        No gaps: every applicable requirement is compliant and every attestation is in place.
      </p>
    );
  }
  const shown = limit === undefined ? gaps : gaps.slice(0, limit);
  return (
    <>
      <div className="table-scroll">
        <table className="table gaps">
          <caption className="visually-hidden">
            Open requirements and attestations, most blocking first
          </caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Text</th>
              <th scope="col">Status</th>
              <th scope="col">Blocks guidelines</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((gap) => (
              <tr key={`${gap.kind}:${gap.id}`}>
                <th scope="row" className="gaps__id">
                  {gap.kind === 'requirement' ? (
                    <Link to={requirementPath(productId, gap.id, gap.blocks[0])}>{gap.number ?? gap.id}</Link>
                  ) : (
                    <Link
                      to={productPath(productId, 'checklist', {
                        guideline: gap.id,
                        open: `guideline:${gap.id}`,
                      })}
                    >
                      Guideline {gap.number ?? gap.id} attestation
                    </Link>
                  )}
                </th>
                <td className="gaps__text">
                  {gap.text ?? <span className="muted">(no text in the source)</span>}
                </td>
                <td>
                  <StatusBadge status={gap.status} />
                </td>
                <td>
                  <ul className="chips">
                    {gap.blocks.map((g) => (
                      <li key={g} className="chip">
                        {g}
                      </li>
                    ))}
                  </ul>
                  {gap.blocksTopPriority ? <span className="tag tag--priority">Top priority</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {limit !== undefined && gaps.length > limit ? (
        <p className="more-link">
          <Link to={productPath(productId, 'overview', { gaps: 'all' })}>Show all {gaps.length} gaps</Link>
        </p>
      ) : null}
    </>
  );
}
