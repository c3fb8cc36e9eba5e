/**
 * `iotassure serve`: the team server (web app and API). Options come from the command line, then
 * the environment, then defaults. Fastify and the database drivers are loaded only by this
 * command (they are outside the CLI bundle), so other commands start as fast as before.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseOpenError } from '../../storage/open-database.js';
import { loader, withCatalog } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';
import { toolInfo } from '../tool-info.js';

export interface ServeCommandOptions {
  readonly host?: string;
  readonly port?: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly secureCookies?: boolean;
  readonly trustProxy?: boolean;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
}

/** The certificate and key for https, both or neither. */
function readTls(certPath: string | undefined, keyPath: string | undefined) {
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) {
    throw new CliError('https needs both --tls-cert and --tls-key (PEM files)', EXIT.usage);
  }
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new CliError(`cannot read the TLS ${what} ${path}: ${(error as Error).message}`, EXIT.badInput);
    }
  };
  return { cert: read(certPath, 'certificate'), key: read(keyPath, 'key') };
}

export const SERVE_DEFAULTS = { host: '127.0.0.1', port: 8080, dataDir: './iotassure-data' } as const;

function parsePort(value: string, from: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new CliError(`${from} must be a port number from 0 to 65535 (got "${value}")`, EXIT.usage);
  }
  return Number(value);
}

const flag = (value: string | undefined) => value === '1' || value === 'true' || value === 'yes';

export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const env = process.env;
  const host = options.host ?? env.IOTASSURE_HOST ?? SERVE_DEFAULTS.host;
  const port =
    options.port !== undefined
      ? parsePort(options.port, '--port')
      : env.IOTASSURE_PORT
        ? parsePort(env.IOTASSURE_PORT, 'IOTASSURE_PORT')
        : SERVE_DEFAULTS.port;
  const dataDir = resolve(options.dataDir ?? env.IOTASSURE_SERVER_DATA_DIR ?? SERVE_DEFAULTS.dataDir);
  const databaseUrl = options.databaseUrl ?? (env.IOTASSURE_DATABASE_URL || undefined);
  const tls = readTls(options.tlsCert ?? env.IOTASSURE_TLS_CERT, options.tlsKey ?? env.IOTASSURE_TLS_KEY);
  const ctx = withCatalog(() => loader.contextFor(undefined));
  const { serve } = await import('../../server/serve.js');
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let running: Awaited<ReturnType<typeof serve>>;
  try {
    running = await serve({
      host,
      port,
      dataDir,
      databaseUrl,
      secureCookies: options.secureCookies ?? flag(env.IOTASSURE_SECURE_COOKIES),
      tls,
      trustProxy: options.trustProxy ?? flag(env.IOTASSURE_TRUST_PROXY),
      ctx,
      tool: toolInfo(),
      print,
    });
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message, EXIT.badInput);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(`port ${port} on ${host} is in use; choose another with --port`, EXIT.badInput);
    }
    if (/certificate|private key|PEM|ERR_OSSL/i.test(`${code ?? ''} ${(error as Error).message}`)) {
      throw new CliError(
        `the TLS certificate or key is not usable: ${(error as Error).message}`,
        EXIT.badInput,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw new CliError(
        `cannot listen on ${host}:${port} (${code}); check --host and --port`,
        EXIT.badInput,
      );
    }
    throw error;
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`iotassure: ${signal} again; stopping at once\n`);
      process.exit(130);
    }
    print(`${signal}: finishing open requests and stopping…`);
    void running.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await running.stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  print('stopped');
  return EXIT.ok;
}
