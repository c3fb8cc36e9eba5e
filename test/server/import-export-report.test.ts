/**
 * Assessment files in and out, and report downloads. The outcomes after an import are compared
 * with the CLI's own reading of the same file (the core, not the server), and the round trip
 * export → import → export must give the same YAML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssessmentFile } from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import { REPORT_FORMATS } from '../../src/renderers/renderer.js';
import { REPORT_DOWNLOADS } from '../../src/server/presenters/report-formats.js';
import {
  type Caller,
  DATABASES,
  type FormPart,
  send,
  sendForm,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

const loader = contextLoader();
const example = (name: string) => join('examples', name);

function exampleForm(name: string): FormPart[] {
  const dir = example(name);
  const evidence = readdirSync(join(dir, 'evidence')).map((f) => ({
    name: 'evidence',
    value: readFileSync(join(dir, 'evidence', f)),
    fileName: f,
  }));
  return [
    { name: 'assessment', value: readFileSync(join(dir, 'assessment.yaml')), fileName: 'assessment.yaml' },
    ...evidence,
  ];
}

describe.each(DATABASES)('import, export and reports on %s', (dialect) => {
  let server: TestServer;
  let assessor: Caller;
  let viewer: Caller;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await setUpAdministrator(server);
    assessor = await userWithRole(server, admin, 'assessor');
    viewer = await userWithRole(server, admin, 'viewer');
  });
  afterAll(async () => server.close());

  it.each(['wifi-camera', 'smart-plug', 'ble-wearable'])(
    'imports the %s example with its evidence; outcomes equal the CLI reading of the file; the round trip keeps the YAML',
    async (name) => {
      const imported = await sendForm(server.app, assessor, '/api/v1/products/import', exampleForm(name));
      expect(imported.statusCode, imported.body).toBe(201);
      const id = imported.json().product.id;

      const cli = readAssessmentFile(join(example(name), 'assessment.yaml'), loader.contextFor, {
        checkEvidence: true,
      });
      expect(cli.evaluation).not.toBeNull();
      const expected = Object.fromEntries((cli.evaluation?.guidelines ?? []).map((g) => [g.id, g.outcome]));
      const detail = (await send(server.app, viewer, 'GET', `/api/v1/products/${id}`)).json();
      expect(
        Object.fromEntries(
          detail.report.guidelines.map((g: { id: string; outcome: string }) => [g.id, g.outcome]),
        ),
      ).toEqual(expected);
      expect(detail.report.summary).toEqual(cli.evaluation?.summary);
      const portfolio = (
        await send(server.app, viewer, 'GET', `/api/v1/products?q=${encodeURIComponent(detail.product.name)}`)
      ).json();
      expect(portfolio.items.find((i: { id: string }) => i.id === id).outcomes).toEqual(expected);

      const exported = await send(server.app, viewer, 'GET', `/api/v1/products/${id}/export`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe('application/yaml; charset=utf-8');
      expect(exported.headers['content-disposition']).toMatch(/^attachment; filename=".+\.yaml"/);
      const files = detail.evidence
        .filter((e: { kind: string }) => e.kind === 'file')
        .map((e: { id: string; file: { filename: string } }) => e);
      const downloads: FormPart[] = [];
      for (const e of files) {
        const d = await send(server.app, viewer, 'GET', `/api/v1/products/${id}/evidence/${e.id}/content`);
        downloads.push({ name: 'evidence', value: d.rawPayload, fileName: e.file.filename });
      }
      const again = await sendForm(server.app, assessor, '/api/v1/products/import', [
        { name: 'assessment', value: exported.body, fileName: 'exported.yaml' },
        ...downloads,
      ]);
      expect(again.statusCode, again.body).toBe(201);
      const reexported = await send(
        server.app,
        viewer,
        'GET',
        `/api/v1/products/${again.json().product.id}/export`,
      );
      expect(reexported.body).toBe(exported.body);
    },
  );

  it('refuses an invalid file with every problem and its line, and creates nothing', async () => {
    const before = (await send(server.app, viewer, 'GET', '/api/v1/products?archived=all')).json().total;
    const yaml =
      'iotassure: 1\nproduct:\n  name: Broken\nrequirements:\n  2.4.8.4:\n    status: done\n  9.9.9:\n    status: compliant\n';
    const r = await sendForm(server.app, assessor, '/api/v1/products/import', [
      { name: 'assessment', value: yaml, fileName: 'broken.yaml' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('invalid-assessment');
    const diagnostics = r.json().error.details.diagnostics;
    expect(diagnostics.length).toBeGreaterThanOrEqual(1);
    expect(
      diagnostics.some((d: { line: number; message: string }) => d.line === 6 && /status/.test(d.message)),
    ).toBe(true);
    expect((await send(server.app, viewer, 'GET', '/api/v1/products?archived=all')).json().total).toBe(
      before,
    );
  });

  it('names an evidence file the upload lacks (and that is not stored already)', async () => {
    const unknownHash = 'ab'.repeat(32);
    const yaml = `iotassure: 1\nproduct:\n  name: Missing Evidence\nrequirements:\n  2.4.8.4:\n    status: compliant\n    evidence:\n      - file: evidence/login-test.txt\n        sha256: ${unknownHash}\n`;
    const r = await sendForm(server.app, assessor, '/api/v1/products/import', [
      { name: 'assessment', value: yaml, fileName: 'missing.yaml' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json().error)).toContain('evidence/login-test.txt');
  });

  it.each([
    [Buffer.from([0xff, 0xfe, 0x69, 0x00]), /UTF-16/],
    [Buffer.from([0x69, 0x6f, 0xc3, 0x28]), /not valid UTF-8/],
  ])('refuses an assessment file that is not UTF-8 text (%#)', async (bytes, message) => {
    const r = await sendForm(server.app, assessor, '/api/v1/products/import', [
      { name: 'assessment', value: bytes, fileName: 'odd.yaml' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(message);
  });

  it('refuses an assessment file over 2 MB with 413', async () => {
    const r = await sendForm(server.app, assessor, '/api/v1/products/import', [
      { name: 'assessment', value: `iotassure: 1\n# ${'x'.repeat(2 * 1024 * 1024)}\n`, fileName: 'big.yaml' },
    ]);
    expect(r.statusCode).toBe(413);
  });

  it('imports over an existing product only at the revision read', async () => {
    const p = (await send(server.app, assessor, 'POST', '/api/v1/products', { name: 'Target' })).json();
    const yaml = 'iotassure: 1\nproduct:\n  name: Target v2\nprofile:\n  mqtt: false\n';
    const stale = await sendForm(server.app, assessor, `/api/v1/products/${p.id}/import`, [
      { name: 'expectedRevision', value: '7' },
      { name: 'assessment', value: yaml, fileName: 'a.yaml' },
    ]);
    expect(stale.statusCode).toBe(409);
    const missing = await sendForm(server.app, assessor, `/api/v1/products/${p.id}/import`, [
      { name: 'assessment', value: yaml, fileName: 'a.yaml' },
    ]);
    expect(missing.statusCode).toBe(400);
    const ok = await sendForm(server.app, assessor, `/api/v1/products/${p.id}/import`, [
      { name: 'expectedRevision', value: String(p.revision) },
      { name: 'assessment', value: yaml, fileName: 'a.yaml' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().product.name).toBe('Target v2');
  });

  it('knows the media type of every report format', () => {
    for (const format of REPORT_FORMATS) expect(REPORT_DOWNLOADS[format], format).toBeDefined();
  });

  it('downloads a report in every format as an attachment; the JSON one is the product page’s report', async () => {
    const imported = await sendForm(
      server.app,
      assessor,
      '/api/v1/products/import',
      exampleForm('wifi-camera'),
    );
    const id = imported.json().product.id;
    const detail = (await send(server.app, viewer, 'GET', `/api/v1/products/${id}`)).json();
    for (const format of REPORT_FORMATS) {
      const r = await send(server.app, viewer, 'GET', `/api/v1/products/${id}/report?format=${format}`);
      expect(r.statusCode, `${format}: ${r.body.slice(0, 200)}`).toBe(200);
      expect(r.headers['content-type']).toBe(REPORT_DOWNLOADS[format]?.mediaType);
      expect(r.headers['content-disposition']).toMatch(/^attachment; filename="/);
      expect(r.rawPayload.length).toBeGreaterThan(100);
      if (format === 'json') {
        expect({ ...r.json(), generatedAt: '' }).toEqual({ ...detail.report, generatedAt: '' });
      }
      if (format === 'xlsx') expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const bad = await send(server.app, viewer, 'GET', `/api/v1/products/${id}/report?format=exe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('format must be one of');
  });

  it('encodes a hostile product name in the HTML report', async () => {
    const p = (
      await send(server.app, assessor, 'POST', '/api/v1/products', { name: '<script>alert(1)</script>' })
    ).json();
    const html = await send(server.app, viewer, 'GET', `/api/v1/products/${p.id}/report?format=html`);
    expect(html.body).not.toContain('<script>alert(1)</script>');
    expect(html.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
