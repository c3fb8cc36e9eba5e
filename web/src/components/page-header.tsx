/**
 * The top of every page: where it sits (breadcrumbs), its one h1, and its main actions. The h1
 * takes focus after each in-app navigation (see app-shell.tsx), so a screen reader announces the
 * new page the way it would after a full page load.
 */
import type { ReactNode } from 'react';
import { Link } from '../lib/router.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

export interface Crumb {
  readonly label: string;
  readonly to: string;
}

export interface PageHeaderProps {
  readonly title: string;
  /** The browser tab's title when it should differ from the heading. */
  readonly documentTitle?: string;
  readonly crumbs?: readonly Crumb[];
  readonly subtitle?: ReactNode;
  readonly actions?: ReactNode;
  readonly badges?: ReactNode;
}

export function PageHeader({
  title,
  documentTitle,
  crumbs = [],
  subtitle,
  actions,
  badges,
}: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <header className="page-header">
      {crumbs.length > 0 ? (
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <ol>
            {crumbs.map((crumb) => (
              <li key={crumb.to}>
                <Link to={crumb.to}>{crumb.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="page-header__row">
        <div className="page-header__text">
          <h1 tabIndex={-1} className="page-header__title">
            {title}
            {badges ? <span className="page-header__badges">{badges}</span> : null}
          </h1>
          {subtitle ? <div className="page-header__subtitle">{subtitle}</div> : null}
        </div>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
    </header>
  );
}
