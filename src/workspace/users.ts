/**
 * User accounts. Passwords are hashed by the server (scrypt, its policy); this module stores the
 * hash string it is given and never sees a password.
 */
import { randomUUID } from 'node:crypto';
import type { Role, UserRow } from '../storage/database-schema.js';
import type { Actor } from './actor.js';
import { appendAudit } from './audit-log.js';
import type { Workspace } from './workspace.js';
import { ConflictError, NotFoundError } from './workspace-errors.js';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly disabledAt: string | null;
  readonly createdAt: string;
  readonly passwordChangedAt: string;
}

/** A user with the stored password hash, for the login check only. */
export interface UserCredentials extends UserView {
  readonly passwordHash: string;
}

/** The key user names are unique by: "Alice", "alice" and "ＡＬＩＣＥ" are one user. */
export function usernameKey(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}

export function userView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
}

/** A new user's row: names trimmed, the key they are unique by derived. */
export function newUserRow(input: NewUser, at: string, id: string = randomUUID()): UserRow {
  return {
    id,
    username: input.username.trim(),
    username_key: usernameKey(input.username),
    display_name: input.displayName.trim(),
    role: input.role,
    password_hash: input.passwordHash,
    created_at: at,
    disabled_at: null,
    password_changed_at: at,
  };
}

/** What the audit trail keeps of a user (never the hash). */
export const auditUser = (u: UserView) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  disabled: u.disabled,
});

export async function createUser(ws: Workspace, actor: Actor, input: NewUser): Promise<UserView> {
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const key = usernameKey(input.username);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username_key', '=', key)
      .executeTakeFirst();
    if (taken)
      throw new ConflictError(
        `the user name "${input.username.trim()}" is taken (names are compared ignoring case)`,
      );
    const row = newUserRow(input, at);
    await trx.insertInto('users').values(row).execute();
    const view = userView(row);
    await appendAudit(trx, actor, at, [
      { productId: null, target: { kind: 'user', id: row.id }, action: 'created', after: auditUser(view) },
    ]);
    return view;
  });
}

export async function getUser(ws: Workspace, userId: string): Promise<UserView> {
  const row = await ws.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFoundError(`no user with id ${userId}`);
  return userView(row);
}

/** For login: the user and password hash by name (any case), or null. Disabled users are returned too; the caller refuses them. */
export async function findUserCredentials(ws: Workspace, username: string): Promise<UserCredentials | null> {
  const row = await ws.db
    .selectFrom('users')
    .selectAll()
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst();
  return row ? { ...userView(row), passwordHash: row.password_hash } : null;
}

export async function getUserCredentials(ws: Workspace, userId: string): Promise<UserCredentials> {
  const row = await ws.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFoundError(`no user with id ${userId}`);
  return { ...userView(row), passwordHash: row.password_hash };
}

export async function listUsers(ws: Workspace): Promise<UserView[]> {
  const rows = await ws.db.selectFrom('users').selectAll().orderBy('username_key').execute();
  return rows.map(userView);
}

export async function countUsers(ws: Workspace): Promise<number> {
  const { n } = await ws.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface UserChanges {
  readonly displayName?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
}

/**
 * Changes role, display name or disabled state. Disabling ends the user's sessions. The last
 * active administrator cannot be demoted or disabled: the server would have no one to manage it.
 */
export async function updateUser(
  ws: Workspace,
  actor: Actor,
  userId: string,
  changes: UserChanges,
): Promise<UserView> {
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const row = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!row) throw new NotFoundError(`no user with id ${userId}`);
    const before = userView(row);
    const next: UserRow = {
      ...row,
      display_name: changes.displayName?.trim() ?? row.display_name,
      role: changes.role ?? row.role,
      disabled_at:
        changes.disabled === undefined ? row.disabled_at : changes.disabled ? (row.disabled_at ?? at) : null,
    };
    const losesAdmin =
      row.role === 'administrator' &&
      row.disabled_at === null &&
      (next.role !== 'administrator' || next.disabled_at !== null);
    if (losesAdmin) {
      // Locked on PostgreSQL, so two administrators demoting each other at once cannot both succeed.
      const admins = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'administrator')
        .where('disabled_at', 'is', null)
        .$if(ws.handle.dialect === 'postgres', (q) => q.forUpdate())
        .execute();
      if (admins.length <= 1) {
        throw new ConflictError(
          `${row.username} is the only active administrator; make another user an administrator first`,
        );
      }
    }
    await trx
      .updateTable('users')
      .set({ display_name: next.display_name, role: next.role, disabled_at: next.disabled_at })
      .where('id', '=', userId)
      .execute();
    if (next.disabled_at !== null) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const after = userView(next);
    if (JSON.stringify(auditUser(before)) !== JSON.stringify(auditUser(after))) {
      await appendAudit(trx, actor, at, [
        {
          productId: null,
          target: { kind: 'user', id: userId },
          action: 'updated',
          before: auditUser(before),
          after: auditUser(after),
        },
      ]);
    }
    return after;
  });
}

/**
 * Stores a new password hash and ends the user's other sessions (keepSessionToken: the session
 * that made the change, if any, stays logged in).
 */
export async function setPasswordHash(
  ws: Workspace,
  actor: Actor,
  userId: string,
  passwordHash: string,
  keepSessionTokenHash: string | null = null,
): Promise<UserView> {
  return ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const result = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: at })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError(`no user with id ${userId}`);
    let ended = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionTokenHash) ended = ended.where('token_hash', '!=', keepSessionTokenHash);
    await ended.execute();
    await appendAudit(trx, actor, at, [
      { productId: null, target: { kind: 'user', id: userId }, action: 'password-changed' },
    ]);
    const row = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    return userView(row);
  });
}
