/**
 * A real server app (buildApp) over a fresh database for each test file: SQLite in a temporary
 * folder always, and PostgreSQL (a fresh database on the server named by
 * IOTASSURE_TEST_DATABASE_URL) when that is set. The clock is the workspace's, so tests move time
 * forward instead of sleeping. Password hashing uses cheap scrypt parameters; the real ones are
 * tested in password-hash.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import { toolInfo } from '../../src/cli/tool-info.js';
import { type App, buildApp } from '../../src/server/build-app.js';
import { type DatabaseHandle, openDatabase } from '../../src/storage/open-database.js';
import { issueSetupToken } from '../../src/workspace/setup-token.js';
import { createWorkspace, type Workspace } from '../../src/workspace/workspace.js';

export const CHEAP_SCRYPT = { version: 'test', N: 2 ** 10, r: 8, p: 1 };

/** The databases to run against: SQLite always, PostgreSQL when a URL is given. */
export const DATABASES: readonly ('sqlite' | 'postgres')[] = process.env.IOTASSURE_TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

const loader = contextLoader();

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface TestServer extends App {
  readonly workspace: Workspace;
  readonly handle: DatabaseHandle;
  readonly clock: TestClock;
  close(): Promise<void>;
}

async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.IOTASSURE_TEST_DATABASE_URL ?? '';
  const name = `iotassure_server_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startTestServer(
  dialect: 'sqlite' | 'postgres' = 'sqlite',
  options: { webRoot?: string } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iotassure-server-test-'));
  const pgDb = dialect === 'postgres' ? await freshPostgresUrl() : null;
  const handle = await openDatabase({ dataDir, databaseUrl: pgDb?.url, poolSize: 4 });
  const clock = testClock();
  const workspace = createWorkspace({
    handle,
    ctx: loader.contextFor(undefined),
    tool: toolInfo(),
    now: clock.now,
  });
  const built = await buildApp({
    workspace,
    passwordHashing: CHEAP_SCRYPT,
    webRoot: options.webRoot ?? null,
  });
  await built.app.ready();
  return {
    ...built,
    workspace,
    handle,
    clock,
    close: async () => {
      await built.app.close();
      await handle.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in person or an API token, able to send requests as itself. */
export interface Caller {
  readonly label: string;
  readonly headers: Record<string, string>;
  /** For a session: the CSRF token; null for a token (exempt). */
  readonly csrf: string | null;
}

export const ANONYMOUS: Caller = { label: 'anonymous', headers: {}, csrf: null };

function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'iotassure_session');
  if (!cookie) throw new Error(`no session cookie in the answer (${response.statusCode} ${response.body})`);
  return `iotassure_session=${cookie.value}`;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Sends a request as `caller`; state-changing requests carry the CSRF header for sessions. */
export function send(
  app: FastifyInstance,
  caller: Caller,
  method: Method,
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...caller.headers, ...extraHeaders };
  if (caller.csrf && method !== 'GET' && method !== 'HEAD' && !('x-csrf-token' in extraHeaders)) {
    headers['x-csrf-token'] = caller.csrf;
  }
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
}

export const ADMIN_PASSWORD = 'correct horse battery staple 1';

/** Completes first-run setup and returns the administrator's session. */
export async function setUpAdministrator(server: TestServer, username = 'admin'): Promise<Caller> {
  const token = await issueSetupToken(server.workspace);
  if (!token) throw new Error('setup was already done');
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: { token, username, displayName: 'The Administrator', password: ADMIN_PASSWORD },
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return { label: 'administrator', headers: { cookie: cookieOf(response) }, csrf: response.json().csrfToken };
}

export async function logInAs(server: TestServer, username: string, password: string): Promise<Caller> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return { label: username, headers: { cookie: cookieOf(response) }, csrf: response.json().csrfToken };
}

/** Creates a user with `role` (as the administrator) and logs them in. */
export async function userWithRole(
  server: TestServer,
  admin: Caller,
  role: 'viewer' | 'assessor' | 'administrator',
  username = `${role}-user`,
): Promise<Caller> {
  const password = `${role} passphrase for tests`;
  const created = await send(server.app, admin, 'POST', '/api/v1/users', {
    username,
    displayName: `A ${role}`,
    role,
    password,
  });
  if (created.statusCode !== 201)
    throw new Error(`create user failed: ${created.statusCode} ${created.body}`);
  const caller = await logInAs(server, username, password);
  return { ...caller, label: role };
}

/** An API token with `role`, created by the administrator. */
export async function tokenWithRole(
  server: TestServer,
  admin: Caller,
  role: 'viewer' | 'assessor' | 'administrator',
): Promise<Caller> {
  const created = await send(server.app, admin, 'POST', '/api/v1/tokens', { name: `${role} token`, role });
  if (created.statusCode !== 201)
    throw new Error(`create token failed: ${created.statusCode} ${created.body}`);
  return {
    label: `${role} token`,
    headers: { authorization: `Bearer ${created.json().secret}` },
    csrf: null,
  };
}

export interface FormPart {
  readonly name: string;
  readonly value: string | Uint8Array;
  /** For a file part. */
  readonly fileName?: string;
  readonly contentType?: string;
}

/** A multipart/form-data body, built by hand so the test controls every byte. */
export function multipartBody(parts: readonly FormPart[]): { body: Buffer; contentType: string } {
  const boundary = `----iotassure-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.fileName !== undefined
        ? `form-data; name="${part.name}"; filename="${part.fileName}"`
        : `form-data; name="${part.name}"`;
    const type =
      part.fileName !== undefined
        ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`
        : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value) : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends a multipart form as `caller`. */
export function sendForm(app: FastifyInstance, caller: Caller, url: string, parts: readonly FormPart[]) {
  const { body, contentType } = multipartBody(parts);
  const headers: Record<string, string> = { ...caller.headers, 'content-type': contentType };
  if (caller.csrf) headers['x-csrf-token'] = caller.csrf;
  return app.inject({ method: 'POST', url, headers, payload: body });
}
