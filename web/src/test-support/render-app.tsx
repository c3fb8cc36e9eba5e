/**
 * Renders the whole app at an address against a FakeServer, signed in with a role (or not), the
 * way a browser would load it: the router, the session provider and the routes are the real ones.
 */
import { configure, render } from '@testing-library/react';
import { App } from '../app/app.js';
import { AppProvider } from '../app/app-context.js';
import { RouterProvider } from '../lib/router.js';
import { sessionFixture } from './catalog-fixture.js';
import { apiError, type FakeServer } from './fake-server.js';

// The machine running the tests may be busy: wait up to 5 s for what the page should show.
configure({ asyncUtilTimeout: 5000 });

export function renderApp(
  server: FakeServer,
  path: string,
  role: 'viewer' | 'assessor' | 'administrator' | null,
) {
  window.history.replaceState(null, '', path);
  if (role) server.on('GET /api/v1/session', sessionFixture(role));
  else {
    server.on('GET /api/v1/session', apiError(401, 'unauthenticated', 'log in first'));
  }
  return render(
    <RouterProvider>
      <AppProvider fetch={server.fetch}>
        <App />
      </AppProvider>
    </RouterProvider>,
  );
}
