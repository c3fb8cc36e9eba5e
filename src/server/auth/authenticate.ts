/**
 * Finds who is calling: an `Authorization: Bearer iot_…` API token, or the session cookie. A
 * presented token that is not valid is an error (a script should fail loudly, not run as
 * anonymous); a stale cookie is simply no session (the browser is sent to log in).
 */
import type { FastifyRequest } from 'fastify';
import { findApiToken } from '../../workspace/api-tokens.js';
import { findSession } from '../../workspace/sessions.js';
import type { Authenticate } from '../access/authorize.js';
import type { Principal } from '../access/principal.js';
import { weakerRole } from '../access/roles.js';
import { ApiError } from '../http-errors.js';
import type { ServerContext } from '../server-context.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionCookieToken } from './session-cookie.js';

export const SESSION_TIMES = { maxAgeMs: SESSION_ABSOLUTE_MS, idleMs: SESSION_IDLE_MS } as const;

export function authenticator(context: ServerContext): Authenticate {
  const ws = context.workspace;
  return async (request: FastifyRequest): Promise<Principal | null> => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
      if (!match?.[1]) {
        throw new ApiError(
          'unauthenticated',
          'the Authorization header must be "Bearer iot_…" with an API token',
        );
      }
      const found = await findApiToken(ws, match[1]);
      if (!found) {
        throw new ApiError(
          'unauthenticated',
          'the API token is not valid: it is wrong, revoked, or its creator’s account is disabled',
        );
      }
      const { token, creator } = found;
      return {
        kind: 'token',
        user: {
          id: creator.id,
          username: creator.username,
          displayName: creator.displayName,
          role: creator.role,
        },
        role: weakerRole(token.role, creator.role),
        tokenId: token.id,
        tokenName: token.name,
        tokenRole: token.role,
      };
    }
    const cookieToken = sessionCookieToken(request);
    if (!cookieToken) return null;
    const session = await findSession(ws, cookieToken, SESSION_TIMES);
    if (!session) return null;
    const u = session.user;
    return {
      kind: 'session',
      user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role },
      role: u.role,
      sessionHash: session.tokenHash,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  };
}
