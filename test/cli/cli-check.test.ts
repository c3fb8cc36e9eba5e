/**
 * `iotassure check`, the CI gate: exit 0 when every required guideline is met, 1 when not, 2 for a bad
 * --require, 3 for an invalid file. Outcomes are worked out by hand (see test/fixtures/cli/guideline-1.yaml).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

const G1 = `${FIXTURES}/guideline-1.yaml`;
const USAGE = 'use guideline numbers 1,2,3,4,5,6,7,8,9,10,11,12,13 or "all"';

let dir: string;
/** guideline-1.yaml with one change; written to the temp folder. */
function variant(name: string, change: (text: string) => string): string {
  const file = join(dir, name);
  const text = readFileSync(G1, 'utf8');
  const changed = change(text);
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
  return file;
}

let notMet: string;
let safetyFalse: string;
let allMet: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotassure-cli-check-'));
  notMet = variant('not-met.yaml', (t) =>
    t.replace('\n  2.4.8.12:\n    status: compliant\n', '\n  2.4.8.12:\n    status: non-compliant\n'),
  );
  safetyFalse = variant('safety-false.yaml', (t) =>
    t.replace('\n  safety-critical: true\n', '\n  safety-critical: false\n'),
  );

  // Everything compliant, every question answered yes, guideline 10 attested: all 13 guidelines met.
  const r = runCli(['catalog', 'export', '--format', 'json']);
  expect(r.status).toBe(0);
  const exported = JSON.parse(r.stdout) as {
    frameworks: { id: string; items: { id: string }[] }[];
    factSets: { facts: { id: string }[] }[];
  };
  const ids = exported.frameworks.find((f) => f.id === 'iotsf-cf-1.1')!.items.map((i) => i.id);
  const facts = exported.factSets[0]!.facts.map((f) => f.id);
  allMet = join(dir, 'all-met.yaml');
  writeFileSync(
    allMet,
    [
      'iotassure: 1',
      'product:',
      '  name: All Met',
      'profile:',
      ...facts.map((f) => `  ${f}: true`),
      'requirements:',
      ...ids.map((id) => `  ${id}:\n    status: compliant`),
      'attestations:',
      '  "10":',
      '    status: compliant',
      '    justification: Telemetry is monitored for anomalies.',
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('check', () => {
  it('--require 1: guideline 1 is met, exit 0', () => {
    const r = runCli(['check', G1, '--require', '1']);
    expect(r.stdout).toBe(
      'PASS   1  No default passwords — met\ncheck passed: 1 of 1 required guideline met\n',
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--require 1,2: guideline 2 is incomplete, exit 1, and the reason names what is open', () => {
    const r = runCli(['check', G1, '--require', '1,2']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('PASS   1  No default passwords — met');
    expect(lines[1]).toMatch(
      /^FAIL {3}2 {2}Implement a vulnerability disclosure policy — incomplete: 12 not yet assessed \(2\.4\.3\.5, /,
    );
    expect(lines[2]).toBe('check failed: 1 of 2 required guidelines not met');
    expect(lines).toHaveLength(3);
  });

  it('by default requires 1, 2 and 3', () => {
    const r = runCli(['check', G1]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^PASS {3}1 /m);
    expect(r.stdout).toMatch(/^FAIL {3}2 /m);
    expect(r.stdout).toMatch(/^FAIL {3}3 .* — incomplete/m);
    expect(r.stdout).toContain('check failed: 2 of 3 required guidelines not met');
  });

  it('a non-compliant requirement makes guideline 1 not met: exit 1, naming it', () => {
    const r = runCli(['check', notMet, '--require', '1']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {3}1 {2}No default passwords — not met: .*2\.4\.8\.12/m);
    expect(r.stdout).toContain('check failed: 1 of 1 required guideline not met');
  });

  it('--require all on a partly assessed product: one line per guideline, exit 1', () => {
    const r = runCli(['check', G1, '--require', 'all']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(14);
    expect(lines.filter((l) => l.startsWith('PASS'))).toHaveLength(1);
    expect(lines[9]).toMatch(/^FAIL {2}10 {2}Monitor system telemetry data — needs attestation/);
    expect(lines[13]).toBe('check failed: 12 of 13 required guidelines not met');
  });

  it('--require all on a fully compliant product with guideline 10 attested: exit 0', () => {
    const r = runCli(['check', allMet, '--require', 'all']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => /^PASS +\d+ {2}.* — met$/.test(l))).toHaveLength(13);
    expect(lines.at(-1)).toBe('check passed: 13 of 13 required guidelines met');
  });

  it('the fully compliant product reports 13 of 13 met', () => {
    const r = runCli(['report', '-f', 'json', allMet]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: { guidelinesMet: number; topPriority: { allMet: boolean } };
      guidelines: { outcome: string }[];
    };
    expect(report.summary.guidelinesMet).toBe(13);
    expect(report.summary.topPriority.allMet).toBe(true);
    expect(new Set(report.guidelines.map((g) => g.outcome))).toEqual(new Set(['met']));
  });

  it.each([['14'], ['x'], ['1,14']])('--require %s: exit 2 naming the valid numbers', (value) => {
    const r = runCli(['check', G1, '--require', value]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('iotassure: --require: unknown guideline');
    expect(r.stderr).toContain(USAGE);
  });

  it('an invalid file: exit 3, nothing on stdout', () => {
    const file = `${FIXTURES}/errors.yaml`;
    const r = runCli(['check', file, '--require', '1']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:7:3: error unknown-requirement`);
    expect(r.stderr).toContain(`iotassure: ${file}: 4 errors`);
  });

  it('a missing file: exit 3', () => {
    const r = runCli(['check', join(dir, 'missing.yaml')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('error file-unreadable');
  });

  it('missing evidence fails the gate with exit 3, unless --no-evidence', () => {
    const file = `${FIXTURES}/missing-evidence.yaml`;
    expect(runCli(['check', file, '--require', '1']).status).toBe(3);
    const r = runCli(['check', file, '--require', '1', '--no-evidence']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {3}1 /m);
  });
});

describe('check and not-applicable guidelines', () => {
  it('guideline 9 with safety-critical: true and nothing recorded is incomplete', () => {
    const r = runCli(['check', G1, '--require', '9']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {3}9 {2}Make systems resilient to outages — incomplete/m);
  });

  it('guideline 9 with safety-critical: false is not applicable, which passes by default', () => {
    const r = runCli(['check', safetyFalse, '--require', '9']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASS {3}9 {2}Make systems resilient to outages — not applicable$/m);
  });

  it('--no-allow-not-applicable makes the not-applicable guideline fail', () => {
    const r = runCli(['check', safetyFalse, '--require', '9', '--no-allow-not-applicable']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL {3}9 {2}Make systems resilient to outages — not applicable: None of the 2 mapped requirements applies/m,
    );
    expect(r.stdout).toContain('check failed: 1 of 1 required guideline not met');
  });

  it('--no-allow-not-applicable does not affect a met guideline', () => {
    const r = runCli(['check', safetyFalse, '--require', '1', '--no-allow-not-applicable']);
    expect(r.status).toBe(0);
  });
});
