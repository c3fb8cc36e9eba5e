/**
 * First-run setup with no default credentials: while no user exists, each server start issues a
 * one-time token (printed as a link); the request that presents it creates the first
 * administrator and consumes it, atomically, so it works exactly once.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from './audit-log.js';
import { hashToken, newSecretToken } from './secret-tokens.js';
import { auditUser, type NewUser, newUserRow, type UserView, userView } from './users.js';
import type { Workspace } from './workspace.js';
import { ConflictError, SetupTokenError } from './workspace-errors.js';

export async function setupRequired(ws: Workspace): Promise<boolean> {
  const row = await ws.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * A new setup token, or null when setup is done. Earlier unused tokens stop working: only the
 * link printed by the latest start is valid.
 */
export async function issueSetupToken(ws: Workspace): Promise<string | null> {
  const token = newSecretToken();
  return ws.db.transaction().execute(async (trx) => {
    const anyUser = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyUser) return null;
    await trx.deleteFrom('setup_tokens').where('consumed_at', 'is', null).execute();
    await trx
      .insertInto('setup_tokens')
      .values({
        token_hash: hashToken(token),
        created_at: ws.now().toISOString(),
        consumed_at: null,
        consumed_by: null,
      })
      .execute();
    return token;
  });
}

/** Consumes the token and creates the first administrator, in one transaction. */
export async function createFirstAdministrator(
  ws: Workspace,
  token: string,
  input: Omit<NewUser, 'role'>,
): Promise<UserView> {
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const anyUser = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyUser)
      throw new ConflictError('setup is already done: log in, or ask an administrator for an account');
    const id = randomUUID();
    // The conditional update is the atomic step: of two requests with the same token, one wins.
    const consumed = await trx
      .updateTable('setup_tokens')
      .set({ consumed_at: at, consumed_by: id })
      .where('token_hash', '=', hashToken(token))
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) throw new SetupTokenError();
    const row = newUserRow({ ...input, role: 'administrator' }, at, id);
    await trx.insertInto('users').values(row).execute();
    const view = userView(row);
    await appendAudit(trx, { kind: 'user', id, label: view.username }, at, [
      { productId: null, target: { kind: 'setup', id: null }, action: 'setup-completed' },
      {
        productId: null,
        target: { kind: 'user', id },
        action: 'created',
        after: auditUser(view),
      },
    ]);
    return view;
  });
}
