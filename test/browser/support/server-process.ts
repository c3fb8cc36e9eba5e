/**
 * Starts the real team server as a child process — `node bin/iotassure.js serve` on a free port
 * with a fresh data folder, exactly as a user would — and reads the address and the one-time
 * setup link from what it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningServer {
  readonly url: string;
  /** The setup link as printed: http://127.0.0.1:PORT/setup#token=… */
  readonly setupLink: string;
  readonly dataDir: string;
  /** Everything the server wrote to stderr (failures are logged there as JSON lines). */
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/** What must exist before the server can serve the web app; the message says how to get it. */
export function missingBuild(): string | null {
  for (const path of ['dist/bundle/iotassure.cjs', 'dist/web/index.html']) {
    if (!existsSync(join(ROOT, path))) return `${path} is missing: run \`npm run build\` first`;
  }
  return null;
}

export async function startServer(): Promise<RunningServer> {
  const missing = missingBuild();
  if (missing) throw new Error(missing);
  const dataDir = mkdtempSync(join(tmpdir(), 'iotassure-browser-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  // The browser tests use the embedded SQLite database, whatever the environment says.
  delete env.IOTASSURE_DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['bin/iotassure.js', 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    const { url, setupLink } = await readStartup(child, () => stderr);
    return { url, setupLink, dataDir, stderr: () => stderr, stop: () => stop(child, dataDir) };
  } catch (error) {
    await stop(child, dataDir);
    throw error;
  }
}

function readStartup(child: ChildProcess, stderr: () => string): Promise<{ url: string; setupLink: string }> {
  return new Promise((resolve, reject) => {
    let url: string | null = null;
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the server did not print its address and setup link within 30 s; stderr:\n${stderr()}`),
        ),
      30_000,
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      url ??= /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? null;
      const link = /(http:\/\/\S+\/setup#token=[A-Za-z0-9_-]+)/.exec(line)?.[1];
      if (url && link) {
        clearTimeout(timer);
        resolve({ url, setupLink: link });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited at start-up (${code ?? signal}); stderr:\n${stderr()}`));
    });
  });
}

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
