/** The product at a glance: headline figures, the 13 guideline tiles, and the top of the gap list. */
import { useCan } from '../../app/app-context.js';
import { Notice } from '../../components/notices.js';
import { formatPercent, plural } from '../../lib/format.js';
import { Link, useSearchParams } from '../../lib/router.js';
import { GapList } from './gap-list.js';
import { GuidelineTiles } from './guideline-tiles.js';
import type { TabProps } from './product-page.js';
import { productPath } from './product-paths.js';

const GAPS_SHOWN = 10;

export function OverviewTab({ detail }: TabProps) {
  const { product, report } = detail;
  const canEdit = useCan('assessor');
  const [params] = useSearchParams();
  const { summary } = report;
  const unknown = summary.statusCounts['applicability-unknown'];
  const unanswered = report.profile.filter((p) => p.origin === 'unanswered').length;
  const topAllMet = summary.topPriority.allMet;
  return (
    <div className="overview">
      <section className="figures" aria-label="Summary">
        <div className="figure">
          <span className="figure__value">
            {summary.guidelinesMet}
            <span className="figure__of">/{summary.guidelinesTotal}</span>
          </span>
          <span className="figure__label">guidelines met</span>
        </div>
        <div className={`figure ${topAllMet ? 'figure--good' : 'figure--bad'}`}>
          <span className="figure__value">
            <span aria-hidden="true">{topAllMet ? '✓' : '✕'}</span> {topAllMet ? 'All met' : 'Not all met'}
          </span>
          <span className="figure__label">
            top-priority guidelines ({summary.topPriority.guidelines.join(', ')})
          </span>
        </div>
        <div className="figure">
          <span className="figure__value">{formatPercent(summary.compliantShare)}</span>
          <span className="figure__label">
            {summary.compliantRequirements} of {summary.applicableRequirements} applicable requirements
            compliant
          </span>
        </div>
        <div className="figure">
          <span className="figure__value">{report.gaps.length}</span>
          <span className="figure__label">{report.gaps.length === 1 ? 'gap' : 'gaps'} to close</span>
        </div>
      </section>
      {unknown > 0 ? (
        <Notice tone="warning" title={`${plural(unknown, 'requirement')} with unknown applicability`}>
          <p>
            {plural(unanswered, 'profile question')} {unanswered === 1 ? 'is' : 'are'} not answered, so
            iotassure cannot tell whether these requirements apply.{' '}
            <Link to={productPath(product.id, 'profile')}>
              {canEdit ? 'Answer the profile' : 'See the profile'}
            </Link>
            .
          </p>
        </Notice>
      ) : null}
      <GuidelineTiles productId={product.id} guidelines={report.guidelines} />
      <section aria-labelledby="gaps-title" className="section">
        <h2 id="gaps-title" className="section-title">
          Gaps <span className="section-title__note">most blocking first</span>
        </h2>
        <GapList
          productId={product.id}
          gaps={report.gaps}
          limit={params.get('gaps') === 'all' ? undefined : GAPS_SHOWN}
        />
      </section>
    </div>
  );
}
