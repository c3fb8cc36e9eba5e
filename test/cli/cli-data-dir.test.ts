/**
 * IOTASSURE_DATA_DIR pointing at a copy of data/ with one broken framework file: every command that
 * needs the catalog stops with exit 3 and names the broken file at line:column.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, repoRoot, runCli } from './run-cli.js';

const G1 = `${FIXTURES}/guideline-1.yaml`;

let root: string;
let goodDir: string;
let badDir: string;
let badFile: string;
/** Where the broken value is: `file:line:column`. */
let where: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'iotassure-cli-data-'));
  goodDir = join(root, 'good');
  badDir = join(root, 'bad');
  cpSync(join(repoRoot, 'data'), goodDir, { recursive: true });
  cpSync(join(repoRoot, 'data'), badDir, { recursive: true });
  badFile = join(badDir, 'frameworks', 'dcms-cop-2018.yaml');
  // Guideline 1's statement becomes a number: `    text: 5` (the value starts at column 11).
  const lines = readFileSync(badFile, 'utf8').split('\n');
  const items = lines.indexOf('items:');
  const index = lines.findIndex((l, i) => i > items && l.startsWith('    text: '));
  expect(items).toBeGreaterThan(0);
  expect(index).toBeGreaterThan(items);
  lines[index] = '    text: 5';
  writeFileSync(badFile, lines.join('\n'));
  where = `${badFile}:${index + 1}:11`;
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const bad = () => ({ env: { IOTASSURE_DATA_DIR: badDir } });

describe('IOTASSURE_DATA_DIR', () => {
  it('an intact copy of data/ works like the bundled catalog', () => {
    const r = runCli(['check', G1, '--require', '1'], { env: { IOTASSURE_DATA_DIR: goodDir } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([[['catalog']], [['catalog', 'show', '2.4.7.13']], [['catalog', 'export']]])(
    'a broken data file: %j exits 3 naming the file at line:column',
    (args) => {
      const r = runCli(args, bad());
      expect(r.status).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${where}: error schema:`);
      expect(r.stderr).toContain('(at items.0.text)');
      expect(r.stderr).toContain('iotassure: the catalog data is invalid');
    },
  );

  it('a broken data file: init exits 3 and writes nothing', () => {
    const out = join(root, 'init.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'X', '-o', out], bad());
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${where}: error schema:`);
    expect(r.stderr).toContain('iotassure: the catalog data is invalid');
    expect(existsSync(out)).toBe(false);
  });

  it.each([[['report', '-f', 'json']], [['check']]])(
    'a broken data file: %j exits 3 naming the data file at line:column',
    (args) => {
      const r = runCli([...args, G1], bad());
      expect(r.status).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${where}: error schema:`);
    },
  );

  // BUG: readAssessmentText (src/assessment-file/read-assessment.ts) catches every error from
  // loading the catalog and reports it as an `unknown-reference` at the assessment's `mappingSet`
  // key (which guideline-1.yaml does not even have), with the hint "remove mappingSet to use the
  // default". So `validate` exits 1 (the file is invalid) instead of 3 (an input could not be used),
  // and validate/report/check blame the user's file rather than say the catalog data is invalid.
  it('a broken data file: validate exits 3 and says the catalog is invalid', () => {
    const r = runCli(['validate', G1], bad());
    expect(r.stderr).toContain(`${where}: error schema:`);
    expect(r.stderr).toContain('the catalog data is invalid');
    expect(r.stderr).not.toContain('remove mappingSet');
    expect(r.status).toBe(3);
  });

  it.each([[['report']], [['check']]])(
    'a broken data file: %j does not blame the assessment file',
    (args) => {
      const r = runCli([...args, G1], bad());
      expect(r.stderr).not.toContain('unknown-reference');
      expect(r.stderr).not.toContain('remove mappingSet');
      expect(r.stderr).not.toContain(`${G1}:`);
      expect(r.stderr).toContain('the catalog data is invalid');
    },
  );
});
