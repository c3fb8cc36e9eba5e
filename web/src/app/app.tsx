/**
 * The app's routes. Setup and log-in are open; everything else needs a session (and the
 * administration pages the administrator role — the server refuses the calls anyway).
 */
import { errorMessage } from '../api/api-error.js';
import { AppShell, MainLandmark } from '../components/app-shell.js';
import { Loading } from '../components/notices.js';
import { PageHeader } from '../components/page-header.js';
import { matchPath, Redirect, useLocation } from '../lib/router.js';
import { AccountPage } from '../pages/account-page.js';
import { TokensPage } from '../pages/admin/tokens-page.js';
import { UsersPage } from '../pages/admin/users-page.js';
import { ImportProductPage } from '../pages/import-product-page.js';
import { LoginPage } from '../pages/login-page.js';
import { NewProductPage } from '../pages/new-product-page.js';
import { NotFoundPage } from '../pages/not-found-page.js';
import { PortfolioPage } from '../pages/portfolio/portfolio-page.js';
import { ProductPage } from '../pages/product/product-page.js';
import { SetupPage } from '../pages/setup-page.js';
import { effectiveRole, useApp, useSession } from './app-context.js';

export function App() {
  const { state } = useApp();
  const { pathname, search } = useLocation();

  if (pathname === '/setup') return <SetupPage />;
  if (state.kind === 'loading')
    return (
      <MainLandmark narrow>
        <Loading label="Starting iotassure…" />
      </MainLandmark>
    );
  if (state.kind === 'unreachable')
    return (
      <MainLandmark narrow>
        <PageHeader title="The server cannot be reached" />
        <p>{errorMessage(state.error)}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </MainLandmark>
    );
  if (state.kind === 'anonymous') {
    if (pathname === '/login') return <LoginPage />;
    const next = `${pathname}${search}`;
    return <Redirect to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} />;
  }
  if (pathname === '/login') return <Redirect to="/" />;
  return (
    <AppShell>
      <SignedInRoutes pathname={pathname} />
    </AppShell>
  );
}

function SignedInRoutes({ pathname }: { pathname: string }) {
  const isAdmin = effectiveRole(useSession()) === 'administrator';
  if (pathname === '/') return <PortfolioPage />;
  if (pathname === '/products/new') return <NewProductPage />;
  if (pathname === '/products/import') return <ImportProductPage />;
  const product = matchPath('/products/:productId/*', pathname);
  if (product?.productId)
    return <ProductPage key={product.productId} productId={product.productId} rest={product['*'] ?? ''} />;
  if (pathname === '/account') return <AccountPage />;
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    if (!isAdmin)
      return (
        <div className="page page--narrow">
          <PageHeader title="Administrators only" />
          <p>Managing users and API tokens needs the administrator role.</p>
        </div>
      );
    if (pathname === '/admin') return <Redirect to="/admin/users" />;
    if (pathname === '/admin/users') return <UsersPage />;
    if (pathname === '/admin/tokens') return <TokensPage />;
  }
  return <NotFoundPage />;
}
