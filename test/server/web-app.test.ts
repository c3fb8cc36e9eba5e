import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, send, startTestServer, type TestServer } from './server-harness.js';

describe('the web app files', () => {
  let server: TestServer;
  let webRoot: string;
  const index =
    '<!doctype html><title>iotassure</title><script type="module" src="/assets/app-1a2b.js"></script>';
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'iotassure-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), index);
    writeFileSync(join(webRoot, 'assets', 'app-1a2b.js'), 'console.log("app");');
    writeFileSync(join(webRoot, '.secret'), 'not served');
    server = await startTestServer('sqlite', { webRoot });
  });
  afterAll(async () => {
    await server.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves index.html at / and for every client-side route (SPA fallback), with the strict CSP', async () => {
    for (const path of ['/', '/products/42', '/setup', '/admin/users?tab=tokens']) {
      const r = await send(server.app, ANONYMOUS, 'GET', path);
      expect(r.statusCode, path).toBe(200);
      expect(r.body).toBe(index);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with long caching', async () => {
    const r = await send(server.app, ANONYMOUS, 'GET', '/assets/app-1a2b.js');
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('console.log("app");');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps JSON 404s for unknown API paths and missing assets, and does not serve dot files', async () => {
    const api = await send(server.app, ANONYMOUS, 'GET', '/api/v1/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not-found');
    // An old build's asset name: a 404, never index.html served as a script.
    const stale = await send(server.app, ANONYMOUS, 'GET', '/assets/app-0000.js');
    expect(stale.statusCode).toBe(404);
    expect(stale.body).not.toBe(index);
    expect(stale.json().error.code).toBe('not-found');
    const dot = await send(server.app, ANONYMOUS, 'GET', '/.secret');
    expect(dot.body).not.toContain('not served');
  });
});
