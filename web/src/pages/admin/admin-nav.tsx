import { Link, useLocation } from '../../lib/router.js';

export function AdminNav() {
  const { pathname } = useLocation();
  return (
    <nav className="tabs" aria-label="Administration sections">
      {[
        { to: '/admin/users', label: 'Users' },
        { to: '/admin/tokens', label: 'API tokens' },
      ].map((t) => (
        <Link
          key={t.to}
          to={t.to}
          className="tabs__tab"
          aria-current={pathname === t.to ? 'page' : undefined}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
