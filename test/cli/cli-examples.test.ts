/** The bundled examples stay valid and keep the results examples/README.md promises. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

const readme = readFileSync(join(repoRoot, 'examples', 'README.md'), 'utf8').replace(/\s+/g, ' ');

describe.each([
  ['wifi-camera', 8, 'all met'],
  ['ble-wearable', 6, 'all met'],
  ['smart-plug', 2, 'not all met'],
])('examples/%s', (name, met, top) => {
  const file = `examples/${name}/assessment.yaml`;

  it('is valid with no warnings, evidence hashes included', () => {
    const r = runCli(['validate', '--strict', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('valid — 0 errors, 0 warnings');
  });

  it(`reports ${met} of 13 guidelines met, as examples/README.md says`, () => {
    const r = runCli(['report', '-f', 'json', file]);
    const report = JSON.parse(r.stdout) as {
      summary: { guidelinesMet: number; topPriority: { allMet: boolean } };
    };
    expect(report.summary.guidelinesMet).toBe(met);
    expect(report.summary.topPriority.allMet).toBe(top === 'all met');
    expect(readme).toContain(
      `**Result: ${met} of 13 guidelines met; top priority (1, 2, 3):${top === 'all met' ? ' all met' : ''}`,
    );
  });
});
