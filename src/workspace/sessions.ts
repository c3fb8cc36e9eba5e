/**
 * Login sessions. The cookie holds a random token; the database holds only its SHA-256, so a copy
 * of the database (a backup) holds no usable session.
 */
import type { Actor } from './actor.js';
import { appendAudit } from './audit-log.js';
import { hashToken, newSecretToken } from './secret-tokens.js';
import { type UserView, userView } from './users.js';
import type { Workspace } from './workspace.js';

export interface SessionTimes {
  /** Absolute lifetime from login. */
  readonly maxAgeMs: number;
  /** Ends after this long without a request. */
  readonly idleMs: number;
}

export interface NewSession {
  /** For the cookie; shown once, never stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface SessionView {
  readonly tokenHash: string;
  readonly user: UserView;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastSeenAt: string;
}

export async function createSession(ws: Workspace, userId: string, times: SessionTimes): Promise<NewSession> {
  const now = ws.now();
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + times.maxAgeMs).toISOString();
  await ws.db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * The session for a cookie's token, if it is live: not expired, not idle too long, and its user
 * not disabled. A dead session is deleted. A live one has its last-seen time refreshed (at most
 * once a minute, so reads do not turn into a write each).
 */
export async function findSession(
  ws: Workspace,
  token: string,
  times: SessionTimes,
): Promise<SessionView | null> {
  const tokenHash = hashToken(token);
  const row = await ws.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.token_hash',
      'sessions.csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.expires_at',
      'sessions.last_seen_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = ws.now();
  const idleUntil = new Date(row.last_seen_at).getTime() + times.idleMs;
  if (row.expires_at <= now.toISOString() || idleUntil <= now.getTime() || row.disabled_at !== null) {
    await ws.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  let lastSeenAt = row.last_seen_at;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    lastSeenAt = now.toISOString();
    await ws.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const { token_hash, csrf_token, session_created_at, expires_at, last_seen_at: _seen, ...user } = row;
  return {
    tokenHash: token_hash,
    user: userView(user),
    csrfToken: csrf_token,
    createdAt: session_created_at,
    expiresAt: expires_at,
    lastSeenAt,
  };
}

/** Logout. */
export async function deleteSession(ws: Workspace, token: string): Promise<void> {
  await ws.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Housekeeping: removes sessions past their absolute expiry; returns how many. */
export async function deleteExpiredSessions(ws: Workspace): Promise<number> {
  const r = await ws.db
    .deleteFrom('sessions')
    .where('expires_at', '<=', ws.now().toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Audit a login or logout (security-relevant, though it changes no product). */
export async function auditSessionEvent(
  ws: Workspace,
  actor: Actor,
  action: 'logged-in' | 'logged-out',
): Promise<void> {
  await ws.db.transaction().execute((trx) =>
    appendAudit(trx, actor, ws.now().toISOString(), [
      {
        productId: null,
        target: { kind: 'user', id: actor.kind === 'system' ? 'system' : actor.id },
        action,
      },
    ]),
  );
}
