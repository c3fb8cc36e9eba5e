import { describe, expect, it } from 'vitest';
import { readAssessmentText } from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';

const loader = contextLoader();
const read = (lines: string[]) =>
  readAssessmentText(lines.join('\n'), 'h.yaml', loader.contextFor, { checkEvidence: false });

describe('validate reports every mistake at once, with hints', () => {
  const r = read([
    'iotassure: 1',
    'product:',
    '  name: X',
    'profile:',
    '  wifi: yes',
    '  wfi: true',
    'requirements:',
    '  2.4.7.13:',
    '    status: compliant',
    '    assesor: Bob',
    '  2.4.7.113:',
    '    status: compliant',
    '',
  ]);
  const at = (code: string) =>
    r.diagnostics.filter((d) => d.code === code).map((d) => [d.line, d.column, d.hint]);

  it('schema errors do not hide unknown keys', () => {
    expect(r.assessment).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      'schema',
      'unknown-fact',
      'schema',
      'unknown-requirement',
    ]);
  });

  it('a YAML yes/no where a boolean belongs says why it is wrong', () => {
    expect(r.diagnostics[0]?.message).toContain('yes and no are text, not booleans');
    expect(r.diagnostics[0]?.line).toBe(5);
  });

  it('a misspelt key gets the nearest known key', () => {
    expect(at('schema')[1]).toEqual([10, 5, 'did you mean "assessor"? (or remove the key)']);
  });

  it('unknown ids get the nearest ids', () => {
    expect(at('unknown-fact')).toEqual([[6, 3, 'did you mean wifi, wps?']]);
    expect(at('unknown-requirement')[0]?.[2]).toContain('2.4.7.13');
  });
});

describe('hints for a missing key and a misspelt value', () => {
  const r = read([
    'iotassure: 1',
    'prodcut:',
    '  name: X',
    'requirements:',
    '  2.4.3.5:',
    '    status: complaint',
    '',
  ]);

  it('a missing required key says so, and the misspelt one is pointed at', () => {
    expect(r.diagnostics.map((d) => d.message)).toContain('"product" is required here and missing');
    expect(r.diagnostics.find((d) => d.message.includes('prodcut'))?.hint).toBe(
      'did you mean "product"? (or remove the key)',
    );
  });

  it('a misspelt status gets the nearest allowed value', () => {
    const d = r.diagnostics.find((x) => x.path === 'requirements.2.4.3.5.status');
    expect([d?.line, d?.hint]).toEqual([6, 'did you mean "compliant"?']);
  });
});
