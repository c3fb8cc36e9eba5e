#!/usr/bin/env node
// The team server under load (issue 3), after `npm run build`: the real `iotassure serve` as a child
// process over a database seeded with 10,000 products (bench/seed-products.ts), measured with
// autocannon on loopback.
//
//   node bench/server-endpoints.mjs [--data-dir DIR] [--database-url URL] [--duration 10] [--json]
//
// Targets: portfolio p95 < 100 ms, product detail p95 < 20 ms, read endpoints ≥ 2,000 requests/s,
// server peak RSS < 300 MB. Latency is measured twice: one request at a time (what one person
// waits) and under load (10 connections at once, the throughput run). Every answer must be a 200;
// any other status fails the run. Prints a Markdown table (or JSON with --json); exit 1 when a
// target is missed.
//
// Without --data-dir the database is /tmp/iotassure-bench/sqlite, seeded on first use (about ten
// minutes on SQLite; the seed is reused afterwards). With --database-url, the PostgreSQL database
// must be seeded first: node --import tsx bench/seed-products.ts --database-url URL --count 10000
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { contextLoader } from '../dist/catalog-files/context-loader.js';
import { toolInfo } from '../dist/cli/tool-info.js';
import { hashPassword } from '../dist/server/auth/password-hash.js';
import { createApiToken } from '../dist/workspace/api-tokens.js';
import { openWorkspace } from '../dist/workspace/open-workspace.js';
import { createUser, findUserCredentials } from '../dist/workspace/users.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '/tmp/iotassure-bench/sqlite' },
    'database-url': { type: 'string' },
    count: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const dataDir = args['data-dir'];
const databaseUrl = args['database-url'];
const expected = Number(args.count);
const duration = Number(args.duration);
const connections = Number(args.connections);
const log = (line) => process.stderr.write(`${line}\n`);

const TARGETS = { portfolioP95: 100, detailP95: 20, readRps: 2000, rssMb: 300 };

// 1. The database: seeded with `expected` products, and a reader with an API token.
if (!databaseUrl && !existsSync(join(dataDir, 'iotassure.sqlite'))) {
  log(`seeding ${expected} products into ${dataDir} (once; reused by later runs)…`);
  const seed = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/seed-products.ts', '--data-dir', dataDir, '--count', String(expected)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (seed.status !== 0) throw new Error(`seeding failed (exit ${seed.status})`);
}
const ws = await openWorkspace({
  dataDir,
  databaseUrl,
  ctx: contextLoader().contextFor(undefined),
  tool: toolInfo(),
});
const { n: productCount } = await ws.db
  .selectFrom('products')
  .select((eb) => eb.fn.countAll().as('n'))
  .executeTakeFirstOrThrow();
if (Number(productCount) < expected) {
  throw new Error(
    `the database has ${productCount} products, not ${expected}: seed it (bench/seed-products.ts) or pass --count`,
  );
}
const system = { kind: 'system', label: 'bench' };
let reader = await findUserCredentials(ws, 'bench-reader');
if (!reader) {
  reader = await createUser(ws, system, {
    username: 'bench-reader',
    displayName: 'Benchmark reader',
    role: 'viewer',
    passwordHash: await hashPassword(`${Math.random()} unused, the bench reads with a token`),
  });
}
const { secret } = await createApiToken(ws, system, { name: 'bench', role: 'viewer', createdBy: reader.id });
// Products to open: every product once, in a fixed shuffled order (first reads, nothing cached),
// and a few products again and again (a page someone keeps open or reloads).
const ids = (await ws.db.selectFrom('products').select('id').orderBy('id').execute()).map((r) => r.id);
const everyProduct = ids
  .map((id, i) => ({ id, key: (i * 7919) % ids.length }))
  .sort((a, b) => a.key - b.key)
  .map((x) => x.id);
const fewProducts = Array.from({ length: 20 }, (_, i) => ids[Math.floor((i * ids.length) / 20)]);
await ws.handle.close();

// 2. The real server, started as `npm start` starts it (with its Node options).
const startScript = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start.split(/\s+/);
const nodeOptions = startScript.slice(1, startScript.indexOf('bin/iotassure.js'));
const serveArgs = [...nodeOptions, 'bin/iotassure.js', 'serve', '--port', '0', '--data-dir', dataDir];
if (databaseUrl) serveArgs.push('--database-url', databaseUrl);
const server = spawn(process.execPath, serveArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /listening on (https?:\/\/[^\s]+)/.exec(out);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
});
log(`server ${base}, pid ${server.pid}`);

const headers = { authorization: `Bearer ${secret}` };
let first = 0;
let page = 0;
let again = 0;
const nextNew = () => everyProduct[first++ % everyProduct.length];
const nextProduct = () => fewProducts[again++ % fewProducts.length];
const paths = {
  'session (authentication only)': () => '/api/v1/session',
  portfolio: () => '/api/v1/products',
  'portfolio, page 100': () => '/api/v1/products?page=100',
  'portfolio, another page each time (never cached)': () => `/api/v1/products?page=${(page++ % 200) + 1}`,
  'portfolio, filtered': () => '/api/v1/products?guideline=1&outcome=not-met&sort=updated',
  'portfolio, search': () => '/api/v1/products?q=cam',
  'product detail, first read': () => `/api/v1/products/${nextNew()}`,
  'product detail, read again': () => `/api/v1/products/${nextProduct()}`,
  'product profile': () => `/api/v1/products/${nextProduct()}/profile`,
  'product history': () => `/api/v1/products/${nextProduct()}/history`,
  'catalog requirements': () => '/api/v1/catalog/requirements',
};
// What people do most: open a product page again, the portfolio, a profile, a history, who am I.
const MIXED = [
  'product detail, read again',
  'portfolio',
  'product profile',
  'product history',
  'session (authentication only)',
];
// The same with every product page opened for the first time (nothing cached).
const MIXED_COLD = [
  'product detail, first read',
  'portfolio, another page each time (never cached)',
  'product profile',
  'product history',
  'session (authentication only)',
];

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One autocannon run; latencies collected per request to compute p95 exactly. */
async function measure(pathOf, conns, seconds) {
  const latencies = [];
  let bad = 0;
  const instance = autocannon({
    url: base,
    connections: conns,
    duration: seconds,
    timeout: 30,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathOf() }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) bad += 1;
    latencies.push(ms);
  });
  const result = await instance;
  if (bad > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${bad} non-200 answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

function peakRssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return Number(ps.stdout.trim()) / 1024;
  }
}

const results = [];
// Other work on the machine slows every number here; the load average is printed with the results.
const loadBefore = loadavg()[0];
let rss = Number.NaN;
try {
  // Warm up, one request after another: read the database file into the page cache, compile the
  // hot paths. A cold first portfolio scan of a 1 GB file can take seconds.
  for (const name of Object.keys(paths)) {
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${base}${paths[name]()}`, { headers });
      if (r.status !== 200) throw new Error(`warm-up: ${name} answered ${r.status}: ${await r.text()}`);
      await r.arrayBuffer();
    }
  }
  for (const name of Object.keys(paths)) {
    log(`measuring ${name}…`);
    const single = await measure(paths[name], 1, Math.max(3, duration / 2));
    const loaded = await measure(paths[name], connections, duration);
    results.push({ name, single, loaded });
  }
  log('measuring mixed reads…');
  let turn = 0;
  const mixed = await measure(() => paths[MIXED[turn++ % MIXED.length]](), connections, duration);
  const cold = await measure(() => paths[MIXED_COLD[turn++ % MIXED_COLD.length]](), connections, duration);
  results.push({ name: 'mixed reads, first reads (nothing cached)', single: null, loaded: cold });
  results.push({
    name: 'mixed reads (detail, portfolio, profile, history, session)',
    single: null,
    loaded: mixed,
  });
} finally {
  rss = peakRssMb(server.pid);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}

const byName = Object.fromEntries(results.map((r) => [r.name, r]));
const portfolioP95 = Math.max(
  ...[
    'portfolio',
    'portfolio, page 100',
    'portfolio, filtered',
    'portfolio, search',
    'portfolio, another page each time (never cached)',
  ].map((n) => byName[n].single.p95),
);
const detailP95 = byName['product detail, first read'].single.p95;
const readRps = results.at(-1).loaded.rps;
const checks = [
  [
    'portfolio p95 (one at a time, worst query)',
    portfolioP95,
    TARGETS.portfolioP95,
    'ms',
    portfolioP95 < TARGETS.portfolioP95,
  ],
  [
    'product detail p95 (first read, one at a time)',
    detailP95,
    TARGETS.detailP95,
    'ms',
    detailP95 < TARGETS.detailP95,
  ],
  [`mixed reads, ${connections} connections`, readRps, TARGETS.readRps, 'req/s', readRps >= TARGETS.readRps],
  ['server peak RSS', rss, TARGETS.rssMb, 'MB', rss < TARGETS.rssMb],
];
const summary = {
  database: databaseUrl ? 'postgres' : 'sqlite',
  products: Number(productCount),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  duration,
  connections,
  loadAverage: { before: loadBefore, after: loadavg()[0] },
  results,
  peakRssMb: rss,
  targetsMet: checks.every((c) => c[4]),
};

if (args.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const ms = (x) => (Number.isNaN(x) ? '—' : `${x.toFixed(1)} ms`);
  console.log(
    `Team server on ${summary.database}, ${summary.products.toLocaleString('en')} products; ${summary.machine}`,
  );
  console.log(
    `autocannon on loopback: ${duration} s per run; one connection, then ${connections}. Load average (1 min) ${summary.loadAverage.before.toFixed(1)} before, ${summary.loadAverage.after.toFixed(1)} after.\n`,
  );
  console.log(`| endpoint | p50 / p95 one at a time | req/s, p95 with ${connections} connections |`);
  console.log('|---|---|---|');
  for (const r of results) {
    const one = r.single ? `${ms(r.single.p50)} / ${ms(r.single.p95)}` : '—';
    console.log(
      `| ${r.name} | ${one} | ${Math.round(r.loaded.rps).toLocaleString('en')}, ${ms(r.loaded.p95)} |`,
    );
  }
  console.log('\n| target | result | goal |');
  console.log('|---|---|---|');
  for (const [name, value, goal, unit, ok] of checks) {
    console.log(
      `| ${name} | ${value.toFixed(unit === 'req/s' ? 0 : 1)} ${unit} ${ok ? '✓' : '✗'} | ${unit === 'req/s' ? '≥' : '<'} ${goal} ${unit} |`,
    );
  }
}
process.exitCode = summary.targetsMet ? 0 : 1;
