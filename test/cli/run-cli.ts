/**
 * Runs the real, built CLI (`bin/iotassure.js`, from `npm run build`) as a child process.
 * Colour is off (NO_COLOR=1) and the bundled catalog is used unless a test says otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(repoRoot, 'bin/iotassure.js');
/** Fixture files for these tests, relative to repoRoot (the CLI's working directory). */
export const FIXTURES = 'test/fixtures/cli';

if (!existsSync(join(repoRoot, 'dist/bundle/iotassure.cjs')))
  throw new Error('the CLI bundle does not exist: run `npm run build` before the CLI tests');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Working directory (default: the repository root). */
  readonly cwd?: string;
  /** Extra environment variables; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
}

export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.IOTASSURE_DATA_DIR;
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env,
    timeout: 20_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
