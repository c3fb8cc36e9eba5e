/**
 * The frame of every signed-in page: a skip link (the first stop of the Tab key), the top bar
 * with the navigation and the account menu, and the main landmark the skip link jumps to.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { effectiveRole, useApp, useSession } from '../app/app-context.js';
import { ROLE_LABEL } from '../lib/labels.js';
import { Link, useLocation, useNavigate } from '../lib/router.js';

function NavLink({ to, children, exact = false }: { to: string; children: ReactNode; exact?: boolean }) {
  const { pathname } = useLocation();
  const active = exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className="topbar__link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { signOut } = useApp();
  const navigate = useNavigate();
  const role = effectiveRole(session);
  const { pathname } = useLocation();
  const isProductsArea = pathname === '/' || pathname.startsWith('/products');
  return (
    <>
      <SkipLink />
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand" aria-label="iotassure — portfolio">
            <span className="brand__mark" aria-hidden="true">
              ◆
            </span>
            <span className="brand__name">iotassure</span>
          </Link>
          <nav aria-label="Main" className="topbar__nav">
            <Link to="/" className="topbar__link" aria-current={isProductsArea ? 'page' : undefined}>
              Portfolio
            </Link>
            {role === 'administrator' ? <NavLink to="/admin">Administration</NavLink> : null}
            <a className="topbar__link" href="/api/docs">
              API
            </a>
          </nav>
          <div className="topbar__account">
            <Link to="/account" className="account-chip" aria-label={`Account: ${session.user.displayName}`}>
              <span className="account-chip__name">{session.user.displayName}</span>
              <span className="account-chip__role">{ROLE_LABEL[role].label}</span>
            </Link>
            <button
              type="button"
              className="button button--ghost topbar__logout"
              onClick={async () => {
                await signOut();
                navigate('/login', { replace: true });
              }}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <MainLandmark>{children}</MainLandmark>
    </>
  );
}

export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

/** The main landmark; after an in-app navigation it moves focus to the new page's heading. */
export function MainLandmark({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    // A new page: its h1 is rendered at once by every page (data loads after), so it can take focus.
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <main id="main" tabIndex={-1} className={narrow ? 'main main--narrow' : 'main'}>
      {children}
    </main>
  );
}
