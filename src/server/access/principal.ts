/** Who is making a request, once authenticated: a person with a session, or an API token. */
import type { Actor } from '../../workspace/actor.js';
import type { Role } from './roles.js';

export interface AuthenticatedUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

export type Principal =
  | {
      readonly kind: 'session';
      readonly user: AuthenticatedUser;
      /** What the request may do: the user's role. */
      readonly role: Role;
      /** SHA-256 of the session token (the session's key in the database). */
      readonly sessionHash: string;
      readonly csrfToken: string;
      readonly expiresAt: string;
    }
  | {
      readonly kind: 'token';
      /** The token's creator. */
      readonly user: AuthenticatedUser;
      /** The token's role, lowered to its creator's current role if that is now lower. */
      readonly role: Role;
      readonly tokenId: string;
      readonly tokenName: string;
      readonly tokenRole: Role;
    };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The actor written into the audit trail for a change made by `principal`. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'session'
    ? { kind: 'user', id: principal.user.id, label: principal.user.username }
    : {
        kind: 'api-token',
        id: principal.tokenId,
        label: `${principal.tokenName} (token of ${principal.user.username})`,
      };
}
