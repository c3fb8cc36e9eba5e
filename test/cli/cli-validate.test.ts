/** `iotassure validate`: exit codes 0/1/3, `file:line:column: severity code: message`, JSON output, options. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

/** One diagnostic line as docs/errors.md prints it. */
const DIAGNOSTIC = /^(.+?):(\d+):(\d+): (error|warning) ([a-z-]+): (.+)$/;

interface JsonDiagnostic {
  severity: string;
  code: string;
  file: string;
  line: number | null;
  column: number | null;
  path: string;
  message: string;
  hint: string | null;
}
interface JsonResult {
  file: string;
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: JsonDiagnostic[];
}

let dir: string;
/** Not well-formed YAML: the "[" on line 3 is never closed. (Not a fixture file: biome would reject it.) */
let malformed: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotassure-cli-validate-'));
  malformed = join(dir, 'malformed.yaml');
  writeFileSync(malformed, 'iotassure: 1\nproduct:\n  name: [unclosed\nrequirements: {}\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('validate, text output', () => {
  it('a valid file: exit 0, "valid" on stderr, nothing on stdout', () => {
    const file = `${FIXTURES}/guideline-1.yaml`;
    const r = runCli(['validate', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${file}: valid — 0 errors, 0 warnings\n`);
  });

  it('a file with errors: exit 1 and every problem as file:line:column: error CODE: message', () => {
    const file = `${FIXTURES}/errors.yaml`;
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    const diagnostics = lines.filter((l) => !l.startsWith('    hint: ') && !l.startsWith(`${file}: `));
    expect(diagnostics.map((l) => l.match(DIAGNOSTIC)?.slice(1, 6))).toEqual([
      [file, '5', '3', 'error', 'unknown-fact'],
      [file, '7', '3', 'error', 'unknown-requirement'],
      [file, '9', '3', 'error', 'ambiguous-requirement'],
      [file, '12', '13', 'error', 'justification-required'],
    ]);
    expect(r.stderr).toContain('no requirement "2.4.7.113" in IoTSF Compliance Framework 1.1');
    expect(r.stderr).toContain('    hint: did you mean 2.4.7.11, 2.4.7.13');
    expect(r.stderr).toContain('    hint: did you mean wifi');
    expect(r.stderr).toContain('2.4.3.13/1');
    expect(r.stderr).toContain('2.4.3.13/2');
    expect(lines.at(-1)).toBe(`${file}: invalid — 4 errors, 0 warnings`);
  });

  it('a missing file: exit 3', () => {
    const file = join(dir, 'no-such-file.yaml');
    const r = runCli(['validate', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${file}: error file-unreadable: no such file`);
  });

  it('a directory: exit 3', () => {
    const r = runCli(['validate', dir]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${dir}: error file-unreadable: not a regular file`);
  });

  it('an empty file: exit 1 with a schema error about the whole file', () => {
    const file = `${FIXTURES}/empty.yaml`;
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}: error schema:`);
    expect(r.stderr).toContain(`${file}: invalid — 1 error, 0 warnings`);
  });

  it('malformed YAML: exit 1 with a syntax error at line:column', () => {
    const file = malformed;
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    const first = r.stderr.split('\n')[0]!.match(DIAGNOSTIC);
    expect(first).not.toBeNull();
    expect(first!.slice(1, 6)).toEqual([file, expect.any(String), expect.any(String), 'error', 'syntax']);
    // The unclosed "[" is on line 3; the parser notices at the start of line 4.
    expect(Number(first![2])).toBeGreaterThanOrEqual(3);
    expect(Number(first![2])).toBeLessThanOrEqual(4);
    expect(r.stderr).toContain('hint: check indentation, quotes and colons here');
  });

  it('a duplicate key: exit 1 at the second key', () => {
    const file = join(dir, 'duplicate.yaml');
    writeFileSync(file, 'iotassure: 1\nproduct:\n  name: A\n  name: B\n');
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:4:3: error syntax: the key "name" appears twice in this mapping`);
  });

  it('a JSON assessment file is accepted and located too', () => {
    const file = join(dir, 'assessment.json');
    writeFileSync(
      file,
      '{\n  "iotassure": 1,\n  "product": { "name": "J" },\n  "requirements": { "2.4.7.113": { "status": "compliant" } }\n}\n',
    );
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:4:21: error unknown-requirement: no requirement "2.4.7.113"`);
  });

  it('a warning alone: exit 0, reported and counted', () => {
    const file = `${FIXTURES}/warning.yaml`;
    const r = runCli(['validate', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `${file}:9:13: warning status-contradicts-profile: 2.4.7.13 is recorded as compliant`,
    );
    expect(r.stderr).toContain(`${file}: valid — 0 errors, 1 warning\n`);
  });

  it('--strict turns the warning into a failure (exit 1)', () => {
    const file = `${FIXTURES}/warning.yaml`;
    const r = runCli(['validate', '--strict', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('warning status-contradicts-profile');
    expect(r.stderr).toContain(`${file}: invalid — 0 errors, 1 warning\n`);
  });

  it('a missing evidence file: exit 1; --no-evidence skips the check (exit 0)', () => {
    const file = `${FIXTURES}/missing-evidence.yaml`;
    const checked = runCli(['validate', file]);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain(
      `${file}:10:15: error evidence-missing: evidence file "evidence/does-not-exist.txt" does not exist`,
    );
    const skipped = runCli(['validate', '--no-evidence', file]);
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toBe(`${file}: valid — 0 errors, 0 warnings\n`);
  });

  it('evidence files: a matching hash passes; a changed file and a path outside the folder do not', () => {
    const product = join(dir, 'product');
    mkdirSync(join(product, 'evidence'), { recursive: true });
    const content = 'TLS scan: no weak ciphers\n';
    writeFileSync(join(product, 'evidence', 'scan.txt'), content);
    const good = createHash('sha256').update(content).digest('hex');
    const entry = (path: string, hash: string) => `      - file: ${path}\n        sha256: ${hash}\n`;
    const file = join(product, 'assessment.yaml');
    writeFileSync(
      file,
      `iotassure: 1\nproduct:\n  name: Evidence\nrequirements:\n  2.4.7.13:\n    status: compliant\n    evidence:\n${entry('evidence/scan.txt', good)}${entry('evidence/scan.txt', 'f'.repeat(64))}${entry('../outside.txt', good)}`,
    );
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    const codes = r.stderr
      .split('\n')
      .map((l) => l.match(DIAGNOSTIC))
      .filter((m) => m !== null)
      .map((m) => `${m[2]}:${m[3]} ${m[5]}`);
    expect(codes).toEqual(['11:17 evidence-hash-mismatch', '12:15 evidence-outside']);
    // The new hash is given so that a reviewer can re-check the file on purpose.
    expect(r.stderr).toContain(good);
  });
});

describe('validate --format json', () => {
  it('errors: parseable JSON on stdout with valid, errors, warnings and located diagnostics; exit 1', () => {
    const file = `${FIXTURES}/errors.yaml`;
    const r = runCli(['validate', '--format', 'json', file]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as JsonResult;
    expect(result).toMatchObject({ file, valid: false, errors: 4, warnings: 0 });
    expect(result.diagnostics).toHaveLength(4);
    for (const d of result.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(
        ['column', 'code', 'file', 'hint', 'line', 'message', 'path', 'severity'].sort(),
      );
      expect(d.file).toBe(file);
      expect(d.severity).toBe('error');
      expect(d.line).toEqual(expect.any(Number));
      expect(d.column).toEqual(expect.any(Number));
    }
    expect(result.diagnostics[1]).toMatchObject({
      code: 'unknown-requirement',
      line: 7,
      column: 3,
      path: 'requirements.2.4.7.113',
      hint: expect.stringContaining('2.4.7.13'),
    });
  });

  it('a valid file: valid true, no diagnostics, exit 0', () => {
    const r = runCli(['validate', '--format', 'json', `${FIXTURES}/guideline-1.yaml`]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, errors: 0, warnings: 0, diagnostics: [] });
  });

  it('a warning with --strict: valid false, exit 1', () => {
    const r = runCli(['validate', '--format', 'json', '--strict', `${FIXTURES}/warning.yaml`]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as JsonResult;
    expect(result).toMatchObject({ valid: false, errors: 0, warnings: 1 });
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'status-contradicts-profile',
      line: 9,
      column: 13,
    });
  });

  it('malformed YAML: a syntax diagnostic with line and column, exit 1', () => {
    const r = runCli(['validate', '--format', 'json', malformed]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as JsonResult;
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'syntax', line: expect.any(Number), column: expect.any(Number) }),
    ]);
  });

  it('a missing file: still JSON, with a file-unreadable diagnostic, exit 3', () => {
    const file = join(dir, 'nope.yaml');
    const r = runCli(['validate', '--format', 'json', file]);
    expect(r.status).toBe(3);
    const result = JSON.parse(r.stdout) as JsonResult;
    expect(result).toMatchObject({ valid: false, errors: 1 });
    expect(result.diagnostics[0]).toMatchObject({ code: 'file-unreadable', line: null, column: null });
  });
});
