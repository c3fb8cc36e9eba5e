/**
 * Assessment files in and out of the workspace: export is accepted by `iotassure validate`; the
 * round trip example → import → export → import → export gives identical YAML and keeps every
 * value; bad files are refused with the same diagnostics `validate` gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssessmentFile, readAssessmentText } from '../../src/assessment-file/read-assessment.js';
import type { Assessment, Evidence } from '../../src/core/assessment/assessment-types.js';
import { exportAssessmentYaml } from '../../src/workspace/assessment-export.js';
import { importAssessment } from '../../src/workspace/assessment-import.js';
import { readBlob } from '../../src/workspace/blobs.js';
import { productHistory } from '../../src/workspace/history.js';
import { getProductDetail } from '../../src/workspace/product-detail.js';
import { createProduct, getProduct } from '../../src/workspace/products.js';
import { setRequirementRecord } from '../../src/workspace/records.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import {
  AssessmentFileError,
  PayloadTooLargeError,
  StaleRevisionError,
} from '../../src/workspace/workspace-errors.js';
import {
  ALICE,
  BOB,
  bundledContext,
  freshDatabase,
  TEST_DATABASES,
  type TestDatabase,
} from '../storage/test-databases.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLES = ['wifi-camera', 'smart-plug', 'ble-wearable'];

function exampleInput(name: string) {
  const dir = join(ROOT, 'examples', name);
  return {
    text: readFileSync(join(dir, 'assessment.yaml'), 'utf8'),
    fileName: 'assessment.yaml',
    evidenceFiles: readdirSync(join(dir, 'evidence')).map((n) => ({
      name: n,
      bytes: readFileSync(join(dir, 'evidence', n)),
    })),
  };
}

/** Everything an assessment says, with file evidence by hash and file name (its folder may differ). */
function comparable(a: Assessment) {
  const evidence = (e: Evidence) =>
    e.kind === 'file'
      ? {
          kind: 'file',
          sha256: e.sha256,
          title: e.title,
          name: basename(e.path).replace(/^[0-9a-f]{12}-/, ''),
        }
      : e;
  const records = (m: Assessment['requirements']) =>
    Object.fromEntries(
      [...m]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([id, r]) => [id, { ...r, evidence: r.evidence.map(evidence) }]),
    );
  return {
    product: a.product,
    profile: Object.fromEntries([...a.profile].sort()),
    requirements: records(a.requirements),
    attestations: records(a.attestations),
  };
}

describe.each(TEST_DATABASES)('assessment files on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  let scratch: string;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
    scratch = mkdtempSync(join(tmpdir(), 'iotassure-exchange-'));
  });
  afterAll(async () => {
    await test?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Writes an export and its evidence files into a folder, as a user would. */
  async function writeExport(productId: string, folder: string): Promise<string> {
    const exported = await exportAssessmentYaml(ws, productId);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, exported.fileName);
    writeFileSync(file, exported.yaml);
    for (const f of exported.evidenceFiles) {
      const blob = await readBlob(ws, f.sha256);
      mkdirSync(dirname(join(folder, f.path)), { recursive: true });
      writeFileSync(join(folder, f.path), blob?.bytes ?? new Uint8Array());
    }
    return file;
  }

  for (const example of EXAMPLES) {
    it(`round-trips ${example}: identical YAML the second time, every value kept, accepted by validate`, async () => {
      const original = readAssessmentFile(join(ROOT, 'examples', example, 'assessment.yaml'), () =>
        bundledContext(),
      );
      expect(original.assessment).not.toBeNull();
      const first = await importAssessment(ws, ALICE, { productId: null }, exampleInput(example));
      const firstExport = await exportAssessmentYaml(ws, first.product.id);
      const second = await importAssessment(
        ws,
        BOB,
        { productId: null },
        { text: firstExport.yaml, fileName: 'export.yaml', evidenceFiles: [] },
      );
      const secondExport = await exportAssessmentYaml(ws, second.product.id);
      expect(secondExport.yaml).toBe(firstExport.yaml);
      expect(secondExport.evidenceFiles).toEqual(firstExport.evidenceFiles);

      const folder = join(scratch, example);
      const file = await writeExport(second.product.id, folder);
      const reread = readAssessmentFile(file, () => bundledContext());
      expect(reread.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(comparable(reread.assessment as Assessment)).toEqual(
        comparable(original.assessment as Assessment),
      );
      // The same warnings as the original, no more.
      expect(reread.diagnostics.map((d) => d.code).sort()).toEqual(
        original.diagnostics.map((d) => d.code).sort(),
      );

      // The real command, run on the exported folder.
      const validate = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'validate', file],
        {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      expect(validate.stderr + validate.stdout).toMatch(/valid — 0 errors/);
      expect(validate.status).toBe(0);

      // The product page shows what the file says.
      const detail = await getProductDetail(ws, second.product.id);
      expect(detail.report.summary).toEqual(original.evaluation?.summary);
    });
  }

  it('round-trips hostile text: YAML syntax, quotes, comments, Unicode, line breaks, an empty product', async () => {
    const { addEvidence } = await import('../../src/workspace/evidence.js');
    const { setProfileAnswers } = await import('../../src/workspace/profile.js');
    const { setGuidelineAttestation } = await import('../../src/workspace/records.js');
    const empty = await createProduct(ws, ALICE, { name: 'Empty' });
    const emptyExport = await exportAssessmentYaml(ws, empty.id);
    const emptyBack = await importAssessment(
      ws,
      BOB,
      { productId: null },
      { text: emptyExport.yaml, fileName: 'e.yaml', evidenceFiles: [] },
    );
    expect((await exportAssessmentYaml(ws, emptyBack.product.id)).yaml).toBe(emptyExport.yaml);

    const p = await createProduct(ws, ALICE, {
      name: '*Cam: "quoted" # not a comment & more',
      model: '- dash',
      version: '1.0: yes',
      manufacturer: 'Ünïcödé 株式会社',
      description: 'Line one\nLine two: with colon\n\n  indented line',
      roles: ['retailers', 'device-manufacturers'],
    });
    await setProfileAnswers(ws, ALICE, p.id, 1, { wifi: false, wps: true, mqtt: true });
    await setRequirementRecord(ws, ALICE, p.id, '2.4.7.13', 0, {
      status: 'non-compliant',
      justification: 'null',
      assessor: "O'Brien, J. #2",
      date: '2026-02-29'.replace('29', '28'),
    });
    await setRequirementRecord(ws, ALICE, p.id, '2.4.3.13/1', 0, {
      status: 'not-applicable',
      justification: 'yes\n---\nno',
      profileOverride: true,
    });
    await setGuidelineAttestation(ws, ALICE, p.id, '10', 0, {
      status: 'partially-compliant',
      justification: '123',
    });
    await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.7.13' },
      {
        kind: 'url',
        url: 'https://example.org/a?b=c&d=e#f',
        title: 'true',
      },
    );
    await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'guideline', id: '10' },
      { kind: 'note', text: '{ not: json }' },
    );
    await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.7.13' },
      {
        kind: 'file',
        bytes: Buffer.from('weird name'),
        fileName: 'Scan #1 (final): "v2".txt',
      },
    );
    const before = await getProductDetail(ws, p.id);
    const exported = await exportAssessmentYaml(ws, p.id);
    const back = await importAssessment(
      ws,
      BOB,
      { productId: null },
      { text: exported.yaml, fileName: 'h.yaml', evidenceFiles: [] },
    );
    expect((await exportAssessmentYaml(ws, back.product.id)).yaml).toBe(exported.yaml);
    const after = await getProductDetail(ws, back.product.id);
    expect(after.report.product).toEqual(before.report.product);
    expect(after.report.profile).toEqual(before.report.profile);
    expect(after.report.requirements).toEqual(before.report.requirements);
    expect(after.report.guidelines).toEqual(before.report.guidelines);
    const folder = join(scratch, 'hostile');
    const file = await writeExport(back.product.id, folder);
    const reread = readAssessmentFile(file, () => bundledContext());
    expect(reread.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses an invalid file with exactly the diagnostics validate gives, and creates nothing', async () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/cli/errors.yaml'), 'utf8');
    const expected = readAssessmentText(text, 'errors.yaml', () => bundledContext(), {
      checkEvidence: false,
    }).diagnostics;
    expect(expected.filter((d) => d.severity === 'error').length).toBeGreaterThanOrEqual(4);
    const before = (await ws.db.selectFrom('products').select('id').execute()).length;
    const error = await importAssessment(
      ws,
      ALICE,
      { productId: null },
      { text, fileName: 'errors.yaml', evidenceFiles: [] },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AssessmentFileError);
    expect(error.diagnostics).toEqual(expected);
    expect(error.diagnostics.map((d: { line: number }) => d.line)).toEqual(
      expect.arrayContaining([5, 7, 9, 12]),
    );
    expect((await ws.db.selectFrom('products').select('id').execute()).length).toBe(before);
  });

  it('names each evidence file that was neither uploaded nor stored, with its line, and stores nothing', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const uploaded = randomBytes(64);
    const neverSeen = createHash('sha256').update(randomBytes(64)).digest('hex');
    const text = [
      'iotassure: 1',
      'product:',
      '  name: Missing evidence',
      'requirements:',
      '  2.4.3.5:',
      '    status: compliant',
      '    evidence:',
      '      - file: evidence/uploaded.bin',
      `        sha256: ${createHash('sha256').update(uploaded).digest('hex')}`,
      '      - file: evidence/forgotten scan.txt',
      `        sha256: ${neverSeen}`,
      '',
    ].join('\n');
    const before = (await ws.db.selectFrom('products').select('id').execute()).length;
    const error = await importAssessment(
      ws,
      ALICE,
      { productId: null },
      { text, fileName: 'missing.yaml', evidenceFiles: [{ name: 'uploaded.bin', bytes: uploaded }] },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AssessmentFileError);
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({
      code: 'evidence-missing',
      file: 'missing.yaml',
      line: 10,
      column: 15,
    });
    expect(error.diagnostics[0].message).toContain('evidence/forgotten scan.txt');
    expect(error.diagnostics[0].message).toContain(neverSeen);
    expect((await ws.db.selectFrom('products').select('id').execute()).length).toBe(before);
  });

  it('warns about an uploaded file the assessment does not use, and does not store it', async () => {
    const stray = Buffer.from(`not referenced ${Date.now()}\n`);
    const result = await importAssessment(
      ws,
      ALICE,
      { productId: null },
      {
        ...exampleInput('wifi-camera'),
        evidenceFiles: [...exampleInput('wifi-camera').evidenceFiles, { name: 'stray.txt', bytes: stray }],
      },
    );
    expect(result.warnings.map((w) => w.message).join('\n')).toContain('stray.txt');
    const sha = (await import('node:crypto')).createHash('sha256').update(stray).digest('hex');
    expect(await readBlob(ws, sha)).toBeNull();
  });

  it('replaces an existing product’s state at the revision read, keeping unchanged records as they were', async () => {
    const original = readAssessmentFile(join(ROOT, 'examples/wifi-camera/assessment.yaml'), () =>
      bundledContext(),
    );
    // A requirement the example does not record (its profile rules it out): the import removes it.
    const absent = ws.ctx.source.items
      .map((i) => i.id)
      .find((id) => !original.assessment?.requirements.has(id));
    if (!absent) throw new Error('the example records every requirement');
    const p = await createProduct(ws, ALICE, { name: 'To be replaced' });
    const kept = await setRequirementRecord(ws, ALICE, p.id, '2.4.3.5', 0, {
      status: 'non-compliant',
      justification: 'old',
    });
    await setRequirementRecord(ws, ALICE, p.id, absent, 0, { status: 'compliant' });
    const input = exampleInput('wifi-camera');
    await expect(
      importAssessment(ws, BOB, { productId: p.id, expectedRevision: 0 }, input),
    ).rejects.toBeInstanceOf(StaleRevisionError);
    const result = await importAssessment(ws, BOB, { productId: p.id, expectedRevision: 1 }, input);
    expect(result.product).toMatchObject({ id: p.id, name: 'Acme Cams Indoor 2K', revision: 2 });
    const detail = await getProductDetail(ws, p.id);
    expect(detail.report.summary).toEqual(original.evaluation?.summary);
    expect(detail.records['2.4.3.5']?.revision).not.toBe(kept.record.revision);
    const history = { items: [] as Awaited<ReturnType<typeof productHistory>>['items'][number][] };
    for (let page = 1; ; page++) {
      const got = await productHistory(ws, p.id, { page, pageSize: 200 });
      history.items.push(...got.items);
      if (history.items.length >= got.total) break;
    }
    expect(history.items[0]).toMatchObject({ target: 'product', action: 'imported' });
    expect(history.items.some((e) => e.target === 'product.name' && e.before === 'To be replaced')).toBe(
      true,
    );
    // The removed record's value stays in the history.
    expect(detail.records[absent]).toBeUndefined();
    const removed = history.items.find((e) => e.target === `requirement:${absent}` && e.action === 'removed');
    expect(removed?.before).toMatchObject({ status: 'compliant' });
    const again = await importAssessment(ws, BOB, { productId: p.id, expectedRevision: 2 }, input);
    const after = await getProductDetail(ws, p.id);
    expect(after.records).toEqual(detail.records);
    expect(after.evidence).toEqual(detail.evidence);
    expect(again.product.revision).toBe(3);
    expect((await getProduct(ws, p.id)).revision).toBe(3);
  });

  it('refuses a file for another mapping set, and one over the size limit', async () => {
    const text = `iotassure: 1\nmappingSet: some-other-mapping\nproduct:\n  name: X\n`;
    const error = await importAssessment(
      ws,
      ALICE,
      { productId: null },
      { text, fileName: 'x.yaml', evidenceFiles: [] },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AssessmentFileError);
    expect(error.diagnostics[0]).toMatchObject({ code: 'unknown-reference', line: 2 });
    expect(error.diagnostics[0].message).toContain('some-other-mapping');
    const huge = `iotassure: 1\nproduct:\n  name: X\n  description: ${'x'.repeat(2 * 1024 * 1024)}\n`;
    await expect(
      importAssessment(ws, ALICE, { productId: null }, { text: huge, fileName: 'x.yaml', evidenceFiles: [] }),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
