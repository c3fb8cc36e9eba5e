import type { UserView } from '../../workspace/users.js';

/**
 * A browser session's answer (setup, login, password change, GET /session): its user, and the CSRF
 * token every change made with the cookie must carry.
 */
export function sessionBody(
  user: UserView,
  session: { readonly csrfToken: string; readonly expiresAt: string },
) {
  return {
    user,
    via: 'session' as const,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    tokenRole: null,
  };
}
