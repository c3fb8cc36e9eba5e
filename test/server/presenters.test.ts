import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productDetailSchema } from '../../src/server/api/product-schemas.js';
import { productDetailBody } from '../../src/server/presenters/detail-body.js';
import { contentDisposition, servedMediaType } from '../../src/server/presenters/download-headers.js';
import { downloadBaseName } from '../../src/server/presenters/report-formats.js';
import type { ProductDetail } from '../../src/workspace/product-detail.js';
import { reportFromYaml } from '../fixtures/report-fixture.js';

describe('presenters', () => {
  const detail = {
    product: {
      id: 'p1',
      name: 'Cam',
      model: null,
      version: null,
      manufacturer: null,
      description: null,
      roles: [],
      revision: 3,
      archivedAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'alice',
      updatedAt: '2026-01-02T00:00:00.000Z',
      updatedBy: 'bob',
      // Not in the schema: must not leave the server.
      secretColumn: 'do not leak',
    },
    report: reportFromYaml(readFileSync('examples/wifi-camera/assessment.yaml', 'utf8')),
    records: {
      '2.4.8.4': {
        revision: 4,
        status: 'compliant',
        justification: 'Blank passwords are refused.',
        profileOverride: false,
        assessor: 'A. Assessor',
        date: '2026-03-01',
        updatedAt: '2026-03-01T09:00:00.000Z',
        updatedBy: 'alice',
        internalRowId: 'do not leak',
      },
    },
    attestations: {
      '10': {
        revision: 2,
        status: 'not-applicable',
        justification: 'No logging.',
        profileOverride: false,
        assessor: null,
        date: null,
        updatedAt: '2026-03-01T09:00:00.000Z',
        updatedBy: 'bob',
      },
    },
    evidence: [
      {
        id: 'e1',
        target: { kind: 'requirement', id: '2.4.8.4', position: 'do not leak' },
        kind: 'file',
        title: 'Scan',
        url: null,
        text: null,
        file: {
          sha256: 'ab'.repeat(32),
          filename: 'scan.txt',
          mediaType: 'text/plain',
          size: 12,
          bytes: 'do not leak',
        },
        createdAt: '2026-03-01T09:00:00.000Z',
        createdBy: 'alice',
      },
      {
        id: 'e2',
        target: { kind: 'guideline', id: '10' },
        kind: 'note',
        title: null,
        url: null,
        text: 'Checked.',
        file: null,
        createdAt: '2026-03-01T09:00:00.000Z',
        createdBy: 'alice',
      },
    ],
  } as unknown as ProductDetail;

  it('serialises the product detail exactly as its full schema would, dropping unknown fields', () => {
    const body = productDetailBody(detail);
    // The same content as the full schema gives (key order may differ: the report keeps the core's).
    expect(JSON.parse(body)).toStrictEqual(
      JSON.parse(JSON.stringify(productDetailSchema.encode(detail as never))),
    );
    expect(body).not.toContain('do not leak');
  });

  it('serves only passive media types as themselves', () => {
    expect(servedMediaType('image/png')).toBe('image/png');
    expect(servedMediaType('application/pdf')).toBe('application/pdf');
    expect(servedMediaType('text/html')).toBe('application/octet-stream');
    expect(servedMediaType('image/svg+xml')).toBe('application/octet-stream');
    expect(servedMediaType('application/xhtml+xml')).toBe('application/octet-stream');
    expect(servedMediaType('text/javascript')).toBe('application/octet-stream');
    expect(servedMediaType('video/mp4')).toBe('video/mp4');
  });

  it('writes download names that cannot break the header', () => {
    expect(contentDisposition('a"b;c\\d\r\n.txt')).toBe(
      `attachment; filename="a_b_c_d.txt"; filename*=UTF-8''a%22b%3Bc%5Cd%0D%0A.txt`,
    );
    expect(contentDisposition('報告.pdf')).toBe(
      `attachment; filename=".pdf"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf`,
    );
    expect(downloadBaseName('../../etc/passwd')).toBe('etc-passwd');
    expect(downloadBaseName('<script>')).toBe('script');
    expect(downloadBaseName('***')).toBe('product');
  });
});
