/**
 * Failed-login throttling, per account and per address (keys `account:<name>`, `address:<ip>`):
 * after a few free attempts each failure doubles the wait, up to a cap, so guessing passwords
 * online is hopeless while a typo costs nothing. Stored in the database so that a restart does not
 * reset it and every server process sees the same counts.
 */
import { sql } from 'kysely';
import type { Workspace } from './workspace.js';

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  readonly freeAttempts: number;
  /** The first wait; each further failure doubles it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  readonly forgetAfterMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  freeAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60 * 1_000,
  forgetAfterMs: 24 * 60 * 60 * 1_000,
};

/** The wait after `failures` consecutive failures. */
export function throttleDelayMs(failures: number, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): number {
  const over = failures - policy.freeAttempts;
  if (over <= 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 40));
}

export function accountKey(usernameKey: string): string {
  return `account:${usernameKey}`;
}

export function addressKey(address: string): string {
  return `address:${address}`;
}

export interface ThrottledKey {
  readonly key: string;
  readonly policy: ThrottlePolicy;
}

export type AttemptReservation =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly blockedUntil: string };

/**
 * Reserves one attempt against every key before the (slow) password check, counting it as a
 * failure provisionally: checking the block and counting the failure afterwards let a burst of
 * parallel guesses all pass the check while the first was still hashing. One transaction; the
 * first statement per key is a write (an upsert that changes nothing), so PostgreSQL holds the row
 * lock and SQLite the single write lock until the decision is committed. Keys are taken in sorted
 * order so concurrent reservations sharing keys cannot deadlock. Refused (nothing counted) while
 * any key is blocked. After the free attempts the attempt that is allowed sets the next wait, just
 * as a failure counted afterwards did, so a burst gets exactly the attempts one-by-one guessing gets
 * with no time passing. A success undoes the reservation (`clearLoginFailures`,
 * `releaseLoginAttempt`).
 */
export async function reserveLoginAttempt(
  ws: Workspace,
  keys: readonly ThrottledKey[],
): Promise<AttemptReservation> {
  const now = ws.now();
  const at = now.toISOString();
  const byKey = new Map(keys.map((k) => [k.key, k.policy]));
  const sorted = [...byKey.keys()].sort();
  return ws.db.transaction().execute(async (trx) => {
    const rows: { key: string; failures: number; last_failure_at: string; blocked_until: string | null }[] =
      [];
    for (const key of sorted) {
      const row = await trx
        .insertInto('login_throttle')
        .values({ key, failures: 0, last_failure_at: at, blocked_until: null })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures: sql<number>`login_throttle.failures` }))
        .returning(['key', 'failures', 'last_failure_at', 'blocked_until'])
        .executeTakeFirstOrThrow();
      rows.push(row);
    }
    const blocked = rows
      .map((r) => r.blocked_until)
      .filter((until): until is string => until !== null && until > at)
      .sort();
    const latestBlock = blocked.at(-1);
    if (latestBlock) return { allowed: false, blockedUntil: latestBlock };
    for (const row of rows) {
      const policy = byKey.get(row.key) ?? DEFAULT_THROTTLE_POLICY;
      const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs).toISOString();
      const failures = row.last_failure_at < forgetBefore ? 1 : row.failures + 1;
      const delay = throttleDelayMs(failures, policy);
      const until = delay > 0 ? new Date(now.getTime() + delay).toISOString() : null;
      await trx
        .updateTable('login_throttle')
        .set({ failures, last_failure_at: at, blocked_until: until })
        .where('key', '=', row.key)
        .execute();
    }
    return { allowed: true };
  });
}

/** Takes back one reserved attempt (a success that must not count against a key it does not clear). */
export async function releaseLoginAttempt(ws: Workspace, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await ws.db
    .updateTable('login_throttle')
    .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
    .where('key', 'in', [...keys])
    .execute();
}

/** After a successful login: the account's count starts again (the address's too). */
export async function clearLoginFailures(ws: Workspace, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await ws.db
    .deleteFrom('login_throttle')
    .where('key', 'in', [...keys])
    .execute();
}
