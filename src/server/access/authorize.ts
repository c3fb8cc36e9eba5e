/**
 * Enforces each route's declared access before its body is read: authenticate (session cookie or
 * bearer token), check the role, and for a state-changing request made with the cookie, check the
 * CSRF token. Runs as an onRequest hook, so an anonymous caller learns nothing from validation
 * errors and cannot make the server parse a large body.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sameSecret } from '../auth/constant-time.js';
import { ApiError } from '../http-errors.js';
import type { Principal } from './principal.js';
import { roleAtLeast } from './roles.js';
import type { RouteAccess } from './route-access.js';

/** Finds who is calling; throws ApiError('unauthenticated') for a presented but invalid credential. */
export type Authenticate = (request: FastifyRequest) => Promise<Principal | null>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

export function checkAccess(access: RouteAccess, principal: Principal | null, request: FastifyRequest): void {
  if (access.role === 'public') return;
  if (!principal) {
    throw new ApiError(
      'unauthenticated',
      'log in first (or send an API token as Authorization: Bearer iot_…)',
    );
  }
  if (access.via === 'session' && principal.kind !== 'session') {
    throw new ApiError('forbidden', 'this needs a logged-in session; an API token cannot do it');
  }
  if (!roleAtLeast(principal.role, access.role)) {
    throw new ApiError(
      'forbidden',
      `this needs the ${access.role} role; ${principal.kind === 'token' ? 'this token has' : 'you have'} ${principal.role}`,
    );
  }
  if (principal.kind === 'session' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken)) {
      throw new ApiError(
        'csrf',
        `a change made with the session cookie needs the ${CSRF_HEADER} header with the csrfToken from GET /api/v1/session`,
      );
    }
  }
}

export function installAuthorization(app: FastifyInstance, authenticate: Authenticate): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    // No route (404) or a refused method: nothing to protect; the not-found answer says no more.
    const access = request.is404 ? undefined : request.routeOptions.config.access;
    if (!access) {
      if (request.is404) return;
      // Unreachable once start-up has checked every route; refuse rather than allow if it ever is.
      throw new ApiError('forbidden', 'this route declares no access rule');
    }
    request.principal = await authenticate(request);
    checkAccess(access, request.principal, request);
  });
}
