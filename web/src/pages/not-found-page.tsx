import { PageHeader } from '../components/page-header.js';
import { Link } from '../lib/router.js';

export function NotFoundPage({ what = 'page' }: { what?: string }) {
  return (
    <div className="page page--narrow">
      <PageHeader title={`No such ${what}`} />
      <p>
        The address does not name a {what} on this server; it may have been mistyped.{' '}
        <Link to="/">Go to the portfolio</Link>.
      </p>
    </div>
  );
}
