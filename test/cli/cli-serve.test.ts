/**
 * The real `iotassure serve` (the built CLI) on a free port: it prints a setup link, the link's
 * token creates the first administrator over HTTP, a second use fails, TRACK is refused on the
 * wire, and SIGTERM stops the server cleanly (exit 0, database closed).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, repoRoot, runCli } from './run-cli.js';

function startServe(
  dataDir: string,
  extra: readonly string[] = [],
): { child: ChildProcess; output: () => string; link: Promise<string> } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.IOTASSURE_DATA_DIR;
  delete env.IOTASSURE_DATABASE_URL;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extra], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const link = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup link within 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(https?:\/\/127\.0\.0\.1:\d+\/setup#token=[A-Za-z0-9_-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before printing a link:\n${out}`)));
  });
  return { child, output: () => out, link };
}

/** A raw HTTP request, for methods fetch will not send. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('iotassure serve', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'iotassure-serve-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a one-time setup link that creates the first administrator, refuses TRACE/TRACK, and stops cleanly on SIGTERM', async () => {
    const server = startServe(dataDir);
    try {
      const link = await server.link;
      const url = new URL(link);
      const base = `${url.protocol}//${url.host}`;
      const token = url.hash.replace('#token=', '');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const status = await fetch(`${base}/api/v1/setup`);
      expect(await status.json()).toEqual({ required: true });
      expect(status.headers.get('server')).toBeNull();
      expect(status.headers.get('x-powered-by')).toBeNull();

      const body = {
        token,
        username: 'operator',
        displayName: 'Operations',
        password: 'a long passphrase for the server',
      };
      const setup = await fetch(`${base}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(setup.status).toBe(201);
      const cookie = setup.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^iotassure_session=[A-Za-z0-9_-]+;/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);

      const reuse = await fetch(`${base}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, username: 'intruder' }),
      });
      expect(reuse.status).toBe(409);

      const session = await fetch(`${base}/api/v1/session`, {
        headers: { cookie: cookie.split(';')[0] ?? '' },
      });
      expect(((await session.json()) as { user: unknown }).user).toMatchObject({
        username: 'operator',
        role: 'administrator',
      });

      const port = Number(url.port);
      const trace = await rawRequest(
        port,
        'TRACE /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Echo: secret\r\nConnection: close\r\n\r\n',
      );
      expect(trace).toMatch(/^HTTP\/1\.1 405/);
      expect(trace).not.toContain('X-Echo: secret');
      const track = await rawRequest(
        port,
        'TRACK /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      expect(track).toMatch(/^HTTP\/1\.1 (400|405|501)/);
      expect(track).not.toMatch(/^HTTP\/1\.1 200/);

      // A consistent backup while the server runs, restored into a new folder.
      const backup = join(dataDir, '..', `${basename(dataDir)}-backup.sqlite`);
      const made = runCli(['server', 'backup', '-o', backup, '--data-dir', dataDir]);
      expect(made.stderr).toContain('a sqlite backup of');
      expect(made.status).toBe(0);
      const again = runCli(['server', 'backup', '-o', backup, '--data-dir', dataDir]);
      expect(again.status).toBe(3);
      expect(again.stderr).toContain('never overwrite');
      const restoredDir = `${dataDir}-restored`;
      const restored = runCli(['server', 'restore', backup, '--data-dir', restoredDir]);
      expect(restored.stderr).toContain('restored');
      expect(restored.status).toBe(0);
      const db = new Database(join(restoredDir, 'iotassure.sqlite'), { readonly: true });
      expect(db.prepare('select username, role from users').all()).toEqual([
        { username: 'operator', role: 'administrator' },
      ]);
      db.close();
      rmSync(backup, { force: true });
      rmSync(restoredDir, { recursive: true, force: true });

      const exited = new Promise<number | null>((resolve) =>
        server.child.on('exit', (code) => resolve(code)),
      );
      server.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(server.output()).toContain('stopped');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('prints no setup link once an administrator exists', async () => {
    const server = startServe(dataDir);
    try {
      const settled = await Promise.race([
        server.link.then(() => 'link'),
        new Promise<string>((resolve) => {
          const timer = setInterval(() => {
            if (server.output().includes('listening on')) {
              clearInterval(timer);
              resolve('listening');
            }
          }, 50);
        }),
      ]);
      expect(settled).toBe('listening');
      // Give it a moment to print anything more, then check nothing like a link appeared.
      await new Promise((r) => setTimeout(r, 500));
      expect(server.output()).not.toContain('#token=');
      const exited = new Promise<number | null>((resolve) =>
        server.child.on('exit', (code) => resolve(code)),
      );
      server.child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 60_000);

  it.skipIf(spawnSync('openssl', ['version']).status !== 0)(
    'serves https with --tls-cert and --tls-key, with a Secure cookie and HSTS',
    async () => {
      const tlsDir = mkdtempSync(join(tmpdir(), 'iotassure-tls-'));
      const cert = join(tlsDir, 'cert.pem');
      const key = join(tlsDir, 'key.pem');
      const made = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]);
      expect(made.status).toBe(0);
      const server = startServe(join(tlsDir, 'data'), ['--tls-cert', cert, '--tls-key', key]);
      try {
        const link = new URL(await server.link);
        expect(link.protocol).toBe('https:');
        const call = (method: string, path: string, body?: unknown) =>
          new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
            const req = httpsRequest(
              {
                host: '127.0.0.1',
                port: Number(link.port),
                path,
                method,
                ca: readFileSync(cert),
                headers: body ? { 'content-type': 'application/json' } : {},
              },
              (res) => {
                res.resume();
                resolve({ status: res.statusCode ?? 0, headers: res.headers });
              },
            );
            req.on('error', reject);
            req.end(body ? JSON.stringify(body) : undefined);
          });
        const answer = await call('GET', '/api/v1/health');
        expect(answer.status).toBe(200);
        expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
        const setup = await call('POST', '/api/v1/setup', {
          token: link.hash.replace('#token=', ''),
          username: 'secure-admin',
          displayName: 'Secure Admin',
          password: 'a long passphrase over tls',
        });
        expect(setup.status).toBe(201);
        expect(String(setup.headers['set-cookie'])).toMatch(/; Secure/);
        const plain = await fetch(`http://127.0.0.1:${link.port}/api/v1/health`).catch((e: Error) => e);
        expect(plain).toBeInstanceOf(Error);
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((r) => server.child.once('exit', r));
        rmSync(tlsDir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('refuses a backup of a folder with no database', () => {
    const r = runCli([
      'server',
      'backup',
      '-o',
      join(dataDir, 'x.sqlite'),
      '--data-dir',
      join(dataDir, 'nothing'),
    ]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('there is no iotassure database in');
  });

  it('refuses a bad port and an unusable database with clear messages', () => {
    const port = runCli(['serve', '--port', '99999', '--data-dir', dataDir]);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be a port number from 0 to 65535');
    const url = runCli(['serve', '--port', '0', '--database-url', 'mysql://x']);
    expect(url.status).toBe(3);
    expect(url.stderr).toContain('postgresql://');
  });
});
