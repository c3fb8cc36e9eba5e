/**
 * One product: its header, the guideline strip, and the tab chosen by the address
 * (/products/:id, /products/:id/checklist, …). The product detail (the full report model, the
 * record revisions and the evidence) is loaded once here and handed to each tab with `reload`,
 * which every write calls so the tiles and the strip show the new outcomes.
 */

import { ApiError } from '../../api/api-error.js';
import type { ProductDetail } from '../../api/api-types.js';
import { useApi } from '../../app/app-context.js';
import { ErrorNotice, Loading } from '../../components/notices.js';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime, formatPercent } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { type Resource, useResource } from '../../lib/use-resource.js';
import { NotFoundPage } from '../not-found-page.js';
import { ChecklistTab } from './checklist/checklist-tab.js';
import { DetailsTab } from './details-tab.js';
import { FilesTab } from './files-tab.js';
import { GuidelineStrip } from './guideline-tiles.js';
import { HistoryTab } from './history-tab.js';
import { OverviewTab } from './overview-tab.js';
import { PRODUCT_TABS, type ProductTab, productPath, tabFromRest } from './product-paths.js';
import { ProfileTab } from './profile/profile-tab.js';

export interface TabProps {
  readonly detail: ProductDetail;
  readonly resource: Resource<ProductDetail>;
}

export function ProductPage({ productId, rest }: { productId: string; rest: string }) {
  const api = useApi();
  const tab = tabFromRest(rest);
  const resource = useResource(() => api.products.get(productId), [api, productId]);
  if (tab === null) return <NotFoundPage />;
  const detail = resource.data;
  if (!detail) {
    if (resource.error instanceof ApiError && resource.error.status === 404)
      return <NotFoundPage what="product" />;
    return (
      <div className="page">
        <PageHeader title="Product" crumbs={[{ label: 'Portfolio', to: '/' }]} />
        {resource.error ? <ErrorNotice error={resource.error} /> : <Loading label="Loading the product…" />}
      </div>
    );
  }
  const { product, report } = detail;
  const tabLabel = PRODUCT_TABS.find((t) => t.tab === tab)?.label ?? '';
  const meta = [
    product.manufacturer,
    product.model,
    product.version ? `version ${product.version}` : null,
  ].filter(Boolean);
  return (
    <div className="page page--wide">
      <PageHeader
        title={product.name}
        documentTitle={`${tabLabel} · ${product.name}`}
        crumbs={[{ label: 'Portfolio', to: '/' }]}
        badges={product.archivedAt ? <span className="tag tag--archived">Archived</span> : null}
        subtitle={
          <>
            {meta.length > 0 ? <span>{meta.join(' · ')}</span> : null}
            <span>
              <strong>
                {report.summary.guidelinesMet} of {report.summary.guidelinesTotal}
              </strong>{' '}
              guidelines met
            </span>
            <span>
              <strong>{formatPercent(report.summary.compliantShare)}</strong> of applicable requirements
              compliant
            </span>
            <span className="muted">
              Updated {formatDateTime(product.updatedAt)} by {product.updatedBy}
            </span>
          </>
        }
      />
      <GuidelineStrip productId={product.id} guidelines={report.guidelines} />
      <nav className="tabs" aria-label="Product sections">
        {PRODUCT_TABS.map((t) => (
          <Link
            key={t.tab}
            to={productPath(product.id, t.tab)}
            className="tabs__tab"
            aria-current={t.tab === tab ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {resource.error ? <ErrorNotice error={resource.error} title="Could not refresh the product" /> : null}
      <TabContent tab={tab} detail={detail} resource={resource} />
    </div>
  );
}

function TabContent({ tab, ...props }: TabProps & { tab: ProductTab }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab {...props} />;
    case 'checklist':
      return <ChecklistTab {...props} />;
    case 'profile':
      return <ProfileTab {...props} />;
    case 'history':
      return <HistoryTab {...props} />;
    case 'files':
      return <FilesTab {...props} />;
    case 'details':
      return <DetailsTab {...props} />;
  }
}
