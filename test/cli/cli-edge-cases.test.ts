/** Messages and exit codes for the rough edges a first review of the CLI found. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-edge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('CLI edge cases', () => {
  it('an empty file says it is empty', () => {
    const r = runCli(['validate', `${FIXTURES}/empty.yaml`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the file is empty');
  });

  it('an unknown catalog command is a usage error', () => {
    const r = runCli(['catalog', 'bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown catalog command "bogus"');
  });

  it('check validates --require before reading the file', () => {
    const r = runCli(['check', join(tmp, 'missing.yaml'), '--require', '14']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown guideline 14');
  });

  it('a missing file is reported without advice to fix errors in it', () => {
    const r = runCli(['report', join(tmp, 'missing.yaml')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('no such file');
    expect(r.stderr).not.toContain('fix them');
  });

  it('init warns when a gated question is answered yes', () => {
    const out = join(tmp, 'gated.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'X', '--answer', 'wifi=no,wps=yes', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('--answer wps=yes is ignored');
    expect(readFileSync(out, 'utf8')).toContain('[not asked: the device does not use Wi-Fi;');
  });

  it('check says "not applicable" rather than "met" for a passing guideline that does not apply', () => {
    const file = join(tmp, 'na9.yaml');
    writeFileSync(file, 'iotassure: 1\nproduct:\n  name: X\nprofile:\n  safety-critical: false\n');
    const r = runCli(['check', file, '--require', '9']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      'check passed: 0 of 1 required guideline met, 1 not applicable',
    );
  });

  it('control characters in user data do not reach Markdown or HTML output', () => {
    const file = join(tmp, 'ctl.yaml');
    writeFileSync(file, 'iotassure: 1\nproduct:\n  name: "Cam \\e[31mRED\\e]0;title\\a"\n');
    for (const format of ['md', 'html']) {
      const r = runCli(['report', file, '--format', format]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      expect(r.stdout).toContain('RED');
    }
  });

  it('--color forces colour into a file written with -o', () => {
    const out = join(tmp, 'colour.txt');
    const r = runCli(['report', `${FIXTURES}/guideline-1.yaml`, '--color', '-o', out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('\u001b[');
  });
});

describe('binary report formats', () => {
  it('report --format xlsx -o writes a workbook (a ZIP container)', () => {
    const out = join(tmp, 'report.xlsx');
    const r = runCli(['report', `${FIXTURES}/guideline-1.yaml`, '--format', 'xlsx', '-o', out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
