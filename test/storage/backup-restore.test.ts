/**
 * Backups taken while another process keeps writing restore to a consistent state; a quiet
 * database restores to exactly the same rows; damaged or mismatched backups are refused clearly.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase, restoreDatabase } from '../../src/storage/backup.js';
import { type DatabaseSchema, TABLES_IN_DEPENDENCY_ORDER } from '../../src/storage/database-schema.js';
import { importAssessment } from '../../src/workspace/assessment-import.js';
import { createProduct } from '../../src/workspace/products.js';
import { setRequirementRecord } from '../../src/workspace/records.js';
import { createWorkspace } from '../../src/workspace/workspace.js';
import { integrityProblems, staleCaches } from './consistency.js';
import {
  ALICE,
  bundledContext,
  freshDatabase,
  TEST_DATABASES,
  TEST_TOOL,
  type TestDatabase,
} from './test-databases.js';

const WRITER = join(import.meta.dirname, 'fixtures', 'crash-writer.ts');
const EXAMPLE = join(import.meta.dirname, '../../examples/smart-plug');

/** Every row of every table, in key order, with bytes as hex: two databases hold the same data iff equal. */
async function allRows(db: Kysely<DatabaseSchema>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES_IN_DEPENDENCY_ORDER) {
    // biome-ignore lint/suspicious/noExplicitAny: generic over tables
    const rows = (await (db as Kysely<any>).selectFrom(table).selectAll().execute()) as Record<
      string,
      unknown
    >[];
    out[table] = rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(r)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v]),
          ),
        ),
      )
      .sort();
  }
  return out;
}

async function consistent(test: TestDatabase): Promise<{ problems: string[]; products: number }> {
  const handle = await test.open();
  const ws = createWorkspace({ handle, ctx: bundledContext(), tool: TEST_TOOL });
  const problems = [...(await integrityProblems(ws)), ...(await staleCaches(ws))];
  const products = (await ws.db.selectFrom('products').select('id').execute()).length;
  return { problems, products };
}

describe.each(TEST_DATABASES)('backup and restore on %s', (kind) => {
  let source: TestDatabase;
  const targets: TestDatabase[] = [];
  const target = async (k = kind) => {
    const t = await freshDatabase(k);
    targets.push(t);
    return t;
  };

  beforeAll(async () => {
    source = await freshDatabase(kind);
    const ws = await source.workspace();
    const text = readFileSync(join(EXAMPLE, 'assessment.yaml'), 'utf8');
    const evidenceFiles = readdirSync(join(EXAMPLE, 'evidence')).map((name) => ({
      name,
      bytes: readFileSync(join(EXAMPLE, 'evidence', name)),
    }));
    await importAssessment(
      ws,
      ALICE,
      { productId: null },
      { text, fileName: 'assessment.yaml', evidenceFiles },
    );
    const other = await createProduct(ws, ALICE, { name: 'Quiet Plug' });
    await setRequirementRecord(ws, ALICE, other.id, '2.4.3.5', 0, {
      status: 'compliant',
      assessor: 'A. Tester',
    });
  });
  afterAll(async () => {
    await source?.dispose();
    for (const t of targets) await t.dispose();
  });

  it('restores a quiet database to exactly the same rows', async () => {
    const handle = await source.open();
    const file = join(source.dataDir, 'quiet.backup');
    const summary = await backupDatabase(handle, file);
    expect(summary.format).toBe(kind === 'sqlite' ? 'sqlite' : 'portable');
    const restoredInto = await target();
    const restored = await restoredInto.open();
    await restoreDatabase(restored, file);
    expect(await allRows(restored.db)).toEqual(await allRows(handle.db));
  });

  it('restores the portable format into the other database kind too', async () => {
    const handle = await source.open();
    const file = join(source.dataDir, 'portable.jsonl.gz');
    const summary = await backupDatabase(handle, file, { format: 'portable' });
    expect(summary.rows?.products).toBe(2);
    for (const k of TEST_DATABASES) {
      const restoredInto = await target(k);
      const restored = await restoredInto.open();
      const result = await restoreDatabase(restored, file);
      expect(result.rows.products).toBe(2);
      expect(await allRows(restored.db)).toEqual(await allRows(handle.db));
    }
  });

  it('keeps numbering audit events after the restored ones', async () => {
    const file = join(source.dataDir, 'numbering.backup');
    await backupDatabase(await source.open(), file, { format: 'portable' });
    const restoredInto = await target();
    const handle = await restoredInto.open();
    await restoreDatabase(handle, file);
    const ws = createWorkspace({ handle, ctx: bundledContext(), tool: TEST_TOOL });
    const before = await ws.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    await createProduct(ws, ALICE, { name: 'After restore' });
    const after = await ws.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    expect(Number(after.max)).toBeGreaterThan(Number(before.max));
  });

  it('takes a consistent backup while another process keeps writing', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WRITER, source.dataDir, source.databaseUrl ?? ''],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let commits = 0;
    const started = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        commits += chunk.match(/committed/g)?.length ?? 0;
        if (commits >= 5) resolve();
      });
    });
    try {
      await started;
      const handle = await source.open();
      const files: string[] = [];
      for (let i = 0; i < 3; i++) {
        const file = join(source.dataDir, `busy-${i}.backup`);
        const before = commits;
        await backupDatabase(handle, file, { format: i === 2 ? 'portable' : undefined });
        files.push(file);
        // The writer goes on writing (a backup does not block it); on a loaded machine that may
        // take a moment, so wait for its next commit rather than a fixed time.
        const deadline = Date.now() + 30_000;
        while (commits <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(commits).toBeGreaterThan(before);
      }
      child.kill('SIGKILL');
      for (const file of files) {
        const restoredInto = await target();
        await restoreDatabase(await restoredInto.open(), file);
        const { problems, products } = await consistent(restoredInto);
        expect(problems).toEqual([]);
        expect(products).toBe(2);
      }
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('refuses to restore into a database that holds data', async () => {
    const file = join(source.dataDir, 'refuse.backup');
    const handle = await source.open();
    await backupDatabase(handle, file);
    const error = await restoreDatabase(handle, file).catch((e) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.message).toMatch(/already holds data/);
  });

  it('never overwrites an existing file', async () => {
    const file = join(source.dataDir, 'exists.backup');
    writeFileSync(file, 'precious');
    const error = await backupDatabase(await source.open(), file).catch((e) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.message).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('refuses a truncated, altered or foreign file, saying what is wrong, and restores nothing', async () => {
    const file = join(source.dataDir, 'whole.jsonl.gz');
    await backupDatabase(await source.open(), file, { format: 'portable' });
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')), /incomplete|damaged/],
      ['gzip cut short', readFileSync(file).subarray(0, 200), /damaged|incomplete/],
      [
        'row dropped',
        gzipSync(lines.filter((_, i) => i !== lines.length - 4).join('\n')),
        /should have|damaged/,
      ],
      [
        'newer schema',
        gzipSync(
          lines
            .map((l, i) => (i === 0 ? l.replace('"migrations":[', '"migrations":["9999-future",') : l))
            .join('\n'),
        ),
        /another iotassure version/,
      ],
      ['not a backup', Buffer.from('hello, world: not a backup at all'), /not an iotassure backup/],
    ];
    for (const [name, bytes, message] of cases) {
      const bad = join(source.dataDir, `bad-${name.replaceAll(' ', '-')}`);
      writeFileSync(bad, bytes);
      const into = await target();
      const handle = await into.open();
      const error = await restoreDatabase(handle, bad).catch((e) => e);
      expect(error, name).toBeInstanceOf(BackupError);
      expect(error.message, name).toMatch(message);
      const count = await handle.db.selectFrom('products').select('id').execute();
      expect(count, name).toEqual([]);
    }
  });
});
