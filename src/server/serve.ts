/**
 * Runs the team server: opens (and migrates) the database, brings cached evaluations up to date with
 * this catalog, listens, prints where — and, until the first administrator exists, a one-time setup
 * link — and shuts down cleanly on SIGINT or SIGTERM (in-flight requests finish, the database is
 * closed, so nothing is cut off mid-write).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AssessmentContext } from '../core/assessment/assessment-context.js';
import { packageRoot } from '../package-root.js';
import { openWorkspace } from '../workspace/open-workspace.js';
import { issueSetupToken } from '../workspace/setup-token.js';
import { buildApp } from './build-app.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly secureCookies: boolean;
  /** Serve https with this certificate and key (PEM). */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | null;
  readonly trustProxy: boolean;
  readonly ctx: AssessmentContext;
  readonly tool: { readonly name: string; readonly version: string };
  /** Where messages for the operator go (the setup link, where the server listens). */
  readonly print: (line: string) => void;
}

export interface RunningServer {
  /** The URL the server answers on. */
  readonly url: string;
  /** Resolves when the server has stopped (after stop() or a signal). */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

/** `http://127.0.0.1:8080`, with IPv6 addresses in brackets and wildcard addresses as loopback. */
export function baseUrl(host: string, port: number, secure: boolean): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${secure ? 'https' : 'http'}://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const workspace = await openWorkspace({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    ctx: options.ctx,
    tool: options.tool,
  });
  const handle = workspace.handle;
  let app: Awaited<ReturnType<typeof buildApp>>['app'] | null = null;
  try {
    const webRoot = join(packageRoot(), 'dist', 'web');
    ({ app } = await buildApp({
      workspace,
      webRoot: existsSync(webRoot) ? webRoot : null,
      secureCookies: options.secureCookies,
      tls: options.tls,
      trustProxy: options.trustProxy,
      // Only failures are logged (as JSON lines on standard error); requests are not.
      logger: { level: 'error', stream: process.stderr },
    }));
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = baseUrl(options.host, port, options.tls !== null);
    options.print(`iotassure server listening on ${url} (database: ${handle.location})`);
    if (!isLoopback(options.host) && !options.tls && !options.secureCookies) {
      options.print(
        'warning: serving plain http on a network address; give --tls-cert and --tls-key, or put an https proxy in front and start with --secure-cookies',
      );
    }
    const setupToken = await issueSetupToken(workspace);
    if (setupToken) {
      options.print('No administrator exists yet. Open this one-time link to create the first one:');
      options.print(`  ${url}/setup#token=${setupToken}`);
      options.print('(The link works once; a new one is printed at each start until setup is done.)');
    }
    const running = app;
    let resolveStopped: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      resolveStopped = resolve;
    });
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        try {
          await running.close();
        } finally {
          await handle.close();
          resolveStopped();
        }
      })();
      return stopping;
    };
    return { url, stopped, stop };
  } catch (error) {
    await app?.close().catch(() => {});
    await handle.close().catch(() => {});
    throw error;
  }
}
