import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES } from '../../src/storage/blob-limits.js';
import { sniffMediaType } from '../../src/workspace/blobs.js';
import { addEvidence, readEvidenceFile, removeEvidence } from '../../src/workspace/evidence.js';
import { evidenceFilePath, fileNameFromPath, safeFileName } from '../../src/workspace/evidence-paths.js';
import { productHistory } from '../../src/workspace/history.js';
import { getProductDetail } from '../../src/workspace/product-detail.js';
import { createProduct } from '../../src/workspace/products.js';
import { setRequirementRecord } from '../../src/workspace/records.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import {
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
} from '../../src/workspace/workspace-errors.js';
import { ALICE, freshDatabase, TEST_DATABASES, type TestDatabase } from '../storage/test-databases.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
  'hex',
);

describe('media types are sniffed from the bytes', () => {
  it('recognises binary formats by their signature, text as text, and nothing else', async () => {
    expect(await sniffMediaType(PNG)).toBe('image/png');
    expect(await sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'))).toBe(
      'application/pdf',
    );
    expect(await sniffMediaType(Buffer.from('TLS scan\nport 8883: TLS 1.2 only\n'))).toBe(
      'text/plain; charset=utf-8',
    );
    // HTML is text: never stored (and so never served) as something a browser renders.
    expect(await sniffMediaType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBe(
      'text/plain; charset=utf-8',
    );
    expect(await sniffMediaType(Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]))).toBe('application/octet-stream');
    expect(await sniffMediaType(Buffer.from([0xc3, 0x28, 0x41]))).toBe('application/octet-stream');
  });
});

describe('evidence paths in an exported file', () => {
  it('prefix the hash, keep the name readable and safe, and give the name back on import', () => {
    const hash = 'ab'.repeat(32);
    expect(evidenceFilePath(hash, 'TLS scan (port 8883).txt')).toBe(
      `evidence/${'ab'.repeat(6)}-TLS_scan_port_8883_.txt`,
    );
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName(`${'a'.repeat(300)}.pdf`)).toMatch(/^a+\.pdf$/);
    expect(safeFileName(`${'a'.repeat(300)}.pdf`).length).toBeLessThanOrEqual(120);
    expect(fileNameFromPath(evidenceFilePath(hash, 'scan.txt'), hash)).toBe('scan.txt');
    expect(fileNameFromPath('evidence/scan.txt', hash)).toBe('scan.txt');
  });
});

describe.each(TEST_DATABASES)('evidence on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
  });
  afterAll(async () => test?.dispose());

  it('stores a file by its SHA-256 with its sniffed type, and gives the same bytes back', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam' });
    const e = await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.3.5' },
      {
        kind: 'file',
        bytes: PNG,
        fileName: 'vdp screenshot.png',
        title: 'VDP page',
      },
    );
    expect(e).toMatchObject({
      kind: 'file',
      title: 'VDP page',
      target: { kind: 'requirement', id: '2.4.3.5' },
      file: { sha256: sha256(PNG), filename: 'vdp screenshot.png', mediaType: 'image/png', size: PNG.length },
    });
    const read = await readEvidenceFile(ws, p.id, e.id);
    expect(Buffer.from(read.bytes).equals(PNG)).toBe(true);
    // An item with no record yet got a not-assessed one to hold the evidence.
    const detail = await getProductDetail(ws, p.id);
    expect(detail.records['2.4.3.5']?.status).toBe('not-assessed');
    const reqs = detail.report.requirements.find((r) => r.id === '2.4.3.5');
    expect(reqs?.evidence).toEqual([
      {
        kind: 'file',
        path: evidenceFilePath(sha256(PNG), 'vdp screenshot.png'),
        sha256: sha256(PNG),
        title: 'VDP page',
      },
    ]);
  });

  it('stores the same bytes once, however many records use them', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 2' });
    const bytes = Buffer.from('one report backing two requirements\n');
    for (const id of ['2.4.3.5', '2.4.3.6']) {
      await addEvidence(
        ws,
        ALICE,
        p.id,
        { kind: 'requirement', id },
        { kind: 'file', bytes, fileName: 'report.txt' },
      );
    }
    const blobs = await ws.db
      .selectFrom('blobs')
      .select('sha256')
      .where('sha256', '=', sha256(bytes))
      .execute();
    expect(blobs).toHaveLength(1);
  });

  it('adds links and notes in order, and does not change the record’s revision', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 3' });
    const set = await setRequirementRecord(ws, ALICE, p.id, '2.4.3.5', 0, { status: 'compliant' });
    await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.3.5' },
      { kind: 'url', url: 'https://vdp.example/policy', title: 'Policy' },
    );
    await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.3.5' },
      { kind: 'note', text: 'Checked on unit SN 42' },
    );
    const detail = await getProductDetail(ws, p.id);
    expect(detail.records['2.4.3.5']?.revision).toBe(set.record.revision);
    expect(detail.report.requirements.find((r) => r.id === '2.4.3.5')?.evidence).toEqual([
      { kind: 'url', url: 'https://vdp.example/policy', title: 'Policy' },
      { kind: 'note', text: 'Checked on unit SN 42' },
    ]);
  });

  it('refuses what the assessment file refuses: bad urls, empty notes, a title on a note', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 4' });
    const target = { kind: 'requirement' as const, id: '2.4.3.5' };
    for (const input of [
      { kind: 'url', url: 'javascript:alert(1)' },
      { kind: 'url', url: 'ftp://files.example/x' },
      { kind: 'note', text: '   ' },
      { kind: 'file', bytes: Buffer.from('x'), fileName: 'x.txt', title: '\u200b' },
    ]) {
      await expect(
        addEvidence(ws, ALICE, p.id, target, input as never),
        JSON.stringify(input),
      ).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(
      addEvidence(ws, ALICE, p.id, { kind: 'requirement', id: '9.9.9' }, { kind: 'note', text: 'x' }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      addEvidence(ws, ALICE, p.id, { kind: 'guideline', id: '3' }, { kind: 'note', text: 'x' }),
    ).rejects.toThrow(/attestation would be ignored|has mapped requirements/);
  });

  it(`refuses a file over ${MAX_BLOB_BYTES / 1024 / 1024} MB and stores nothing`, async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 5' });
    const big = Buffer.alloc(MAX_BLOB_BYTES + 1, 0x41);
    const error = await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.3.5' },
      { kind: 'file', bytes: big, fileName: 'huge.bin' },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.message).toMatch(/huge\.bin.*25 MB/);
    expect(
      await ws.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256(big)).execute(),
    ).toEqual([]);
    const exact = Buffer.alloc(MAX_BLOB_BYTES, 0x42);
    const ok = await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.3.5' },
      { kind: 'file', bytes: exact, fileName: 'max.bin' },
    );
    expect(ok.file?.size).toBe(MAX_BLOB_BYTES);
  });

  it('removes an item, keeps the bytes for the history, and records both events under the requirement', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 6' });
    const bytes = Buffer.from('scan output\n');
    const e = await addEvidence(
      ws,
      ALICE,
      p.id,
      { kind: 'requirement', id: '2.4.7.13' },
      { kind: 'file', bytes, fileName: 'scan.txt' },
    );
    await removeEvidence(ws, ALICE, p.id, e.id);
    expect((await getProductDetail(ws, p.id)).evidence).toEqual([]);
    await expect(readEvidenceFile(ws, p.id, e.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeEvidence(ws, ALICE, p.id, e.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await ws.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256(bytes)).execute(),
    ).toHaveLength(1);
    const history = await productHistory(ws, p.id, { requirement: '2.4.7.13' });
    expect(history.items.map((h) => h.action)).toEqual(['evidence-removed', 'evidence-added', 'created']);
    expect(history.items[0]?.before).toMatchObject({
      id: e.id,
      file: { sha256: sha256(bytes), filename: 'scan.txt' },
    });
  });

  it('does not serve another product’s evidence through this product', async () => {
    const a = await createProduct(ws, ALICE, { name: 'A' });
    const b = await createProduct(ws, ALICE, { name: 'B' });
    const e = await addEvidence(
      ws,
      ALICE,
      a.id,
      { kind: 'requirement', id: '2.4.3.5' },
      { kind: 'file', bytes: PNG, fileName: 'a.png' },
    );
    await expect(readEvidenceFile(ws, b.id, e.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeEvidence(ws, ALICE, b.id, e.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
