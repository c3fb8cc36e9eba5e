/** API tokens for CI and scripts: scoped to a role, shown once, stored hashed, revocable. */
import { randomUUID } from 'node:crypto';
import type { ApiTokenRow, Role } from '../storage/database-schema.js';
import type { Actor } from './actor.js';
import { appendAudit } from './audit-log.js';
import { hashToken, newSecretToken } from './secret-tokens.js';
import { type UserView, userView } from './users.js';
import type { Workspace } from './workspace.js';
import { NotFoundError } from './workspace-errors.js';

/** Every API token starts with this, so a leaked one is recognisable (and secret scanners can find it). */
export const API_TOKEN_PREFIX = 'iot_';

export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdBy: { readonly id: string; readonly username: string } | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

function tokenView(row: ApiTokenRow, creator: string | null): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: creator === null ? null : { id: row.created_by, username: creator },
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a token; `secret` is returned here only and never stored (its SHA-256 is). */
export async function createApiToken(
  ws: Workspace,
  actor: Actor,
  input: { readonly name: string; readonly role: Role; readonly createdBy: string },
): Promise<{ token: ApiTokenView; secret: string }> {
  const secret = newSecretToken(API_TOKEN_PREFIX);
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const creator = await trx
      .selectFrom('users')
      .select('username')
      .where('id', '=', input.createdBy)
      .executeTakeFirst();
    if (!creator) throw new NotFoundError(`no user with id ${input.createdBy}`);
    const row: ApiTokenRow = {
      id: randomUUID(),
      name: input.name.trim(),
      token_hash: hashToken(secret),
      role: input.role,
      created_by: input.createdBy,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    };
    await trx.insertInto('api_tokens').values(row).execute();
    await appendAudit(trx, actor, at, [
      {
        productId: null,
        target: { kind: 'api-token', id: row.id },
        action: 'created',
        after: { name: row.name, role: row.role },
      },
    ]);
    return { token: tokenView(row, creator.username), secret };
  });
}

export async function listApiTokens(ws: Workspace): Promise<ApiTokenView[]> {
  const rows = await ws.db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .selectAll('api_tokens')
    .select('users.username')
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
  return rows.map(({ username, ...row }) => tokenView(row, username));
}

/**
 * The token and the user it acts for, if the token is valid: not revoked, its creator not disabled.
 * Records when it was last used (at most once a minute).
 */
export async function findApiToken(
  ws: Workspace,
  secret: string,
): Promise<{ token: ApiTokenView; creator: UserView } | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await ws.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.name as token_name',
      'api_tokens.token_hash',
      'api_tokens.role as token_role',
      'api_tokens.created_by',
      'api_tokens.created_at as token_created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ])
    .where('api_tokens.token_hash', '=', hashToken(secret))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return null;
  const now = ws.now();
  let lastUsedAt = row.last_used_at;
  if (!lastUsedAt || now.getTime() - new Date(lastUsedAt).getTime() > 60_000) {
    lastUsedAt = now.toISOString();
    await ws.db
      .updateTable('api_tokens')
      .set({ last_used_at: lastUsedAt })
      .where('id', '=', row.token_id)
      .execute();
  }
  const {
    token_id,
    token_name,
    token_hash,
    token_role,
    created_by,
    token_created_at,
    last_used_at: _u,
    revoked_at,
    ...user
  } = row;
  return {
    token: tokenView(
      {
        id: token_id,
        name: token_name,
        token_hash,
        role: token_role,
        created_by,
        created_at: token_created_at,
        last_used_at: lastUsedAt,
        revoked_at,
      },
      user.username,
    ),
    creator: userView(user),
  };
}

/** Revokes a token (kept, marked revoked, for the record); revoking twice changes nothing. */
export async function revokeApiToken(ws: Workspace, actor: Actor, tokenId: string): Promise<ApiTokenView> {
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (!row) throw new NotFoundError(`no API token with id ${tokenId}`);
    const creator = await trx
      .selectFrom('users')
      .select('username')
      .where('id', '=', row.created_by)
      .executeTakeFirst();
    if (row.revoked_at !== null) return tokenView(row, creator?.username ?? null);
    await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', tokenId).execute();
    await appendAudit(trx, actor, at, [
      {
        productId: null,
        target: { kind: 'api-token', id: tokenId },
        action: 'revoked',
        before: { name: row.name },
      },
    ]);
    return tokenView({ ...row, revoked_at: at }, creator?.username ?? null);
  });
}
