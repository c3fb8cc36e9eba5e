/**
 * Every route declares who may call it, in its `config.access`; nothing is allowed by default.
 * The declaration is checked when the app starts (a route without one stops start-up) and enforced
 * before the body is even read, for every request (authorize.ts).
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Role } from './roles.js';

export type RouteAccess =
  /** Anyone, logged in or not: health, setup, login, the password rules, documentation, the web app. */
  | { readonly role: 'public' }
  /**
   * At least this role. `session`: only with a session cookie, not an API token (logging out and
   * changing a password concern a person's session; a token has neither).
   */
  | { readonly role: Role; readonly via?: 'session' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const PUBLIC: RouteAccess = { role: 'public' };
export const VIEWER: RouteAccess = { role: 'viewer' };
export const ASSESSOR: RouteAccess = { role: 'assessor' };
export const ADMINISTRATOR: RouteAccess = { role: 'administrator' };
export const SESSION_USER: RouteAccess = { role: 'viewer', via: 'session' };

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess | undefined;
}

/**
 * Records every route as it is registered and fails start-up (app.ready()) if one has no access
 * declaration. The list is what the authorisation test walks through, so a new route without an
 * entry in that test's expectations fails it.
 */
export function trackRouteAccess(app: FastifyInstance): readonly RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const options: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    options.push(route);
  });
  app.addHook('onReady', async () => {
    for (const route of options) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routes.push({ method, url: route.url, access: route.config?.access });
      }
    }
    const missing = routes.filter((r) => r.access === undefined);
    if (missing.length > 0) {
      throw new Error(
        `routes without an access declaration (config.access): ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
    }
  });
  return routes;
}

/** Marks every route registered in this (child) scope public: for plugins that own their routes (docs, web app). */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: PUBLIC };
  });
}
