import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES } from '../../src/storage/blob-limits.js';
import {
  type Caller,
  DATABASES,
  send,
  sendForm,
  setUpAdministrator,
  startTestServer,
  type TestServer,
  userWithRole,
} from './server-harness.js';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
// The 8-byte PNG signature and an IHDR chunk: enough for the content to be recognised as PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a8c6b50000000049454e44ae426082',
  'hex',
);

describe.each(DATABASES)('evidence and history on %s', (dialect) => {
  let server: TestServer;
  let assessor: Caller;
  let viewer: Caller;
  let productId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await setUpAdministrator(server);
    assessor = await userWithRole(server, admin, 'assessor');
    viewer = await userWithRole(server, admin, 'viewer');
    productId = (
      await send(server.app, assessor, 'POST', '/api/v1/products', { name: 'Evidence Cam' })
    ).json().id;
  });
  afterAll(async () => server.close());

  it('uploads a file: stored by SHA-256, type sniffed from the content (not the claim), downloadable as an attachment', async () => {
    const r = await sendForm(server.app, assessor, `/api/v1/products/${productId}/evidence/files`, [
      { name: 'target', value: 'requirement:2.4.8.4' },
      { name: 'title', value: 'Login screen' },
      { name: 'file', value: PNG, fileName: 'login screen ü.txt', contentType: 'text/html' },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json();
    expect(item).toMatchObject({
      target: { kind: 'requirement', id: '2.4.8.4' },
      kind: 'file',
      title: 'Login screen',
      file: { sha256: sha256(PNG), filename: 'login screen ü.txt', mediaType: 'image/png', size: PNG.length },
    });
    const download = await send(
      server.app,
      viewer,
      'GET',
      `/api/v1/products/${productId}/evidence/${item.id}/content`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="login screen u.txt"; filename*=UTF-8''login%20screen%20%C3%BC.txt`,
    );
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(sha256(download.rawPayload)).toBe(sha256(PNG));
    // The record now lists it, and the report carries its hash.
    const detail = (await send(server.app, viewer, 'GET', `/api/v1/products/${productId}`)).json();
    expect(detail.evidence.map((e: { id: string }) => e.id)).toContain(item.id);
    const req = detail.report.requirements.find((x: { id: string }) => x.id === '2.4.8.4');
    expect(req.evidence).toEqual([
      {
        kind: 'file',
        path: `evidence/${sha256(PNG).slice(0, 12)}-login_screen_ü.txt`,
        sha256: sha256(PNG),
        title: 'Login screen',
      },
    ]);
  });

  it('serves active content (HTML, SVG) as opaque text or bytes, never as a page', async () => {
    for (const [name, bytes] of [
      ['page.html', '<html><script>alert(document.cookie)</script></html>'],
      ['image.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ] as const) {
      const r = await sendForm(server.app, assessor, `/api/v1/products/${productId}/evidence/files`, [
        { name: 'target', value: 'guideline:10' },
        { name: 'file', value: bytes, fileName: name, contentType: 'text/html' },
      ]);
      expect(r.statusCode, r.body).toBe(201);
      const download = await send(
        server.app,
        viewer,
        'GET',
        `/api/v1/products/${productId}/evidence/${r.json().id}/content`,
      );
      expect(download.headers['content-type']).not.toMatch(/html|svg|xml/);
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.body).toBe(bytes);
    }
  });

  it('refuses a file over the limit with 413, and stores nothing', async () => {
    const before = (await send(server.app, viewer, 'GET', `/api/v1/products/${productId}`)).json().evidence
      .length;
    const big = Buffer.alloc(MAX_BLOB_BYTES + 1, 0x41);
    const r = await sendForm(server.app, assessor, `/api/v1/products/${productId}/evidence/files`, [
      { name: 'target', value: 'requirement:2.4.8.4' },
      { name: 'file', value: big, fileName: 'huge.bin' },
    ]);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload-too-large');
    expect(r.json().error.message).toContain('huge.bin');
    const after = (await send(server.app, viewer, 'GET', `/api/v1/products/${productId}`)).json().evidence
      .length;
    expect(after).toBe(before);
  });

  it.each([
    [[{ name: 'target', value: 'requirement:2.4.8.4' }], /no "file"/],
    [
      [
        { name: 'target', value: 'nonsense' },
        { name: 'file', value: 'x', fileName: 'a.txt' },
      ],
      /requirement:<id>/,
    ],
    [
      [
        { name: 'target', value: 'requirement:2.4.8.4' },
        { name: 'other', value: 'x' },
      ],
      /unexpected form field "other"/,
    ],
    [
      [
        { name: 'target', value: 'requirement:2.4.8.4' },
        { name: 'file', value: 'a', fileName: 'a.txt' },
        { name: 'file', value: 'b', fileName: 'b.txt' },
      ],
      /at most 1 file/,
    ],
  ])('refuses a malformed upload form (%#) with a message naming the problem', async (parts, message) => {
    const r = await sendForm(server.app, assessor, `/api/v1/products/${productId}/evidence/files`, parts);
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.json().error.message).toMatch(message);
  });

  it('refuses JSON on the upload route with 415', async () => {
    const r = await send(server.app, assessor, 'POST', `/api/v1/products/${productId}/evidence/files`, {
      file: 'x',
    });
    expect(r.statusCode).toBe(415);
  });

  it('adds links and notes, refuses non-http links, and removes evidence', async () => {
    const link = await send(server.app, assessor, 'POST', `/api/v1/products/${productId}/evidence`, {
      kind: 'url',
      target: { kind: 'requirement', id: '2.4.8.5' },
      url: 'https://example.com/policy',
      title: 'Policy',
    });
    expect(link.statusCode, link.body).toBe(201);
    const note = await send(server.app, assessor, 'POST', `/api/v1/products/${productId}/evidence`, {
      kind: 'note',
      target: { kind: 'requirement', id: '2.4.8.5' },
      text: 'Checked on the bench.',
    });
    expect(note.statusCode).toBe(201);
    const bad = await send(server.app, assessor, 'POST', `/api/v1/products/${productId}/evidence`, {
      kind: 'url',
      target: { kind: 'requirement', id: '2.4.8.5' },
      url: 'javascript:alert(1)',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toEqual({
      path: 'body.url',
      message: 'url must be an http or https address',
    });
    const removed = await send(
      server.app,
      assessor,
      'DELETE',
      `/api/v1/products/${productId}/evidence/${link.json().id}`,
    );
    expect(removed.statusCode).toBe(200);
    const again = await send(
      server.app,
      assessor,
      'DELETE',
      `/api/v1/products/${productId}/evidence/${link.json().id}`,
    );
    expect(again.statusCode).toBe(404);
    const detail = (await send(server.app, viewer, 'GET', `/api/v1/products/${productId}`)).json();
    const req = detail.report.requirements.find((x: { id: string }) => x.id === '2.4.8.5');
    expect(req.evidence).toEqual([{ kind: 'note', text: 'Checked on the bench.' }]);
  });

  it('records every change in the history: who, when, what, before and after; newest first, paged, per requirement', async () => {
    const put = await send(
      server.app,
      assessor,
      'PUT',
      `/api/v1/products/${productId}/requirements/2.4.8.6`,
      {
        expectedRevision: 0,
        status: 'partially-compliant',
        justification: 'Length enforced, blocklist missing.',
      },
    );
    expect(put.statusCode).toBe(200);
    const put2 = await send(
      server.app,
      assessor,
      'PUT',
      `/api/v1/products/${productId}/requirements/2.4.8.6`,
      {
        expectedRevision: put.json().record.revision,
        status: 'compliant',
        justification: 'Blocklist added.',
      },
    );
    expect(put2.statusCode).toBe(200);
    const history = (
      await send(server.app, viewer, 'GET', `/api/v1/products/${productId}/history?requirement=2.4.8.6`)
    ).json();
    expect(history.total).toBe(2);
    const [newest, oldest] = history.items;
    expect(newest).toMatchObject({
      actor: { label: 'assessor-user' },
      target: 'requirement:2.4.8.6',
      before: { status: 'partially-compliant', justification: 'Length enforced, blocklist missing.' },
      after: { status: 'compliant', justification: 'Blocklist added.' },
    });
    expect(oldest.before).toBeNull();
    expect(Date.parse(newest.at)).toBeGreaterThanOrEqual(Date.parse(oldest.at));
    const all = (
      await send(server.app, viewer, 'GET', `/api/v1/products/${productId}/history?pageSize=3&page=1`)
    ).json();
    expect(all.items).toHaveLength(3);
    expect(all.total).toBeGreaterThan(5);
    const page2 = (
      await send(server.app, viewer, 'GET', `/api/v1/products/${productId}/history?pageSize=3&page=2`)
    ).json();
    expect(page2.items[0].id).not.toBe(all.items[0].id);
    expect(Number(page2.items[0].id)).toBeLessThan(Number(all.items[2].id));
    const unknown = await send(
      server.app,
      viewer,
      'GET',
      `/api/v1/products/${productId}/history?requirement=1.2.3`,
    );
    expect(unknown.statusCode).toBe(404);
  });
});
