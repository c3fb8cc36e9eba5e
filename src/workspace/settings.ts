/** Server settings an administrator changes: JSON values by key, each change audited. */
import type { z } from 'zod';
import type { Actor } from './actor.js';
import { appendAudit } from './audit-log.js';
import type { Workspace } from './workspace.js';
import { InvalidInputError } from './workspace-errors.js';

/** The stored value checked against `schema`; the fallback when unset. A stored value the schema refuses is an error, not silently replaced. */
export async function getSetting<S extends z.ZodType>(
  ws: Workspace,
  key: string,
  schema: S,
  fallback: z.output<S>,
): Promise<z.output<S>> {
  const row = await ws.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  if (!parsed.success)
    throw new Error(
      `the stored setting "${key}" is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  return parsed.data;
}

export async function setSetting<S extends z.ZodType>(
  ws: Workspace,
  actor: Actor,
  key: string,
  schema: S,
  value: unknown,
): Promise<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((i) => ({
        path: [key, ...i.path.map(String)],
        code: 'invalid-value' as const,
        message: `${key}: ${i.message}`,
        hint: null,
      })),
    );
  }
  const json = JSON.stringify(parsed.data);
  await ws.db.transaction().execute(async (trx) => {
    const at = ws.now().toISOString();
    const before = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (before?.value === json) return;
    if (before)
      await trx.updateTable('settings').set({ value: json, updated_at: at }).where('key', '=', key).execute();
    else await trx.insertInto('settings').values({ key, value: json, updated_at: at }).execute();
    await appendAudit(trx, actor, at, [
      {
        productId: null,
        target: { kind: 'setting', id: key },
        action: 'updated',
        before: before ? JSON.parse(before.value) : null,
        after: parsed.data,
      },
    ]);
  });
  return parsed.data;
}
