import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '../../src/catalog-files/catalog-snapshot.js';
import {
  BUNDLED_DATA_DIR,
  loadAndValidateCatalog,
  loadCatalog,
} from '../../src/catalog-files/load-catalog.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-snapshot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('catalog snapshot (start-up cache)', () => {
  const data = join(tmp, 'data');
  cpSync(BUNDLED_DATA_DIR, data, { recursive: true });
  const snapshot = join(tmp, 'snapshot.json');
  writeSnapshot(snapshot, data, loadAndValidateCatalog(data));

  it('gives exactly the catalog a full validating load gives', () => {
    const cached = readSnapshot(snapshot, data);
    expect(cached).not.toBeNull();
    expect(cached).toEqual(loadAndValidateCatalog(data));
  });

  it('is ignored as soon as any data file changes, so the edit is validated', () => {
    const file = join(data, 'frameworks', 'dcms-cop-2018.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('kind: framework', 'kind: framewerk'));
    try {
      expect(readSnapshot(snapshot, data)).toBeNull();
      expect(() => loadCatalog(data, { snapshot })).toThrow(DiagnosticError);
    } finally {
      writeFileSync(file, original);
    }
    expect(readSnapshot(snapshot, data)).not.toBeNull();
  });

  it('is ignored when a data file is added', () => {
    const extra = join(data, 'profile', 'extra.yaml');
    writeFileSync(extra, 'kind: facts\n');
    try {
      expect(readSnapshot(snapshot, data)).toBeNull();
    } finally {
      rmSync(extra);
    }
  });

  it('a missing or foreign snapshot file means a full load', () => {
    expect(readSnapshot(join(tmp, 'none.json'), data)).toBeNull();
    writeFileSync(join(tmp, 'foreign.json'), '{"format":"something-else"}');
    expect(readSnapshot(join(tmp, 'foreign.json'), data)).toBeNull();
  });
});

describe('data files match a fresh extraction from the seed', () => {
  const seed = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds', '000_de34562213bdb5c2.txt');
  it.skipIf(!existsSync(seed))('scripts/extract-seed.ts --check passes', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/extract-seed.ts', '--check', seed], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
