import { describe, expect, it } from 'vitest';
import { readAssessmentText } from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';

const loader = contextLoader();
const read = (lines: string[]) =>
  readAssessmentText(lines.join('\n'), 'o.yaml', loader.contextFor, { checkEvidence: false });
const head = [
  'iotassure: 1',
  'product:',
  '  name: Override test',
  'profile:',
  '  ip-network: true',
  '  mqtt: false',
];

describe('deliberate overrides of the profile', () => {
  it('a status that contradicts the profile warns when not marked as an override', () => {
    const r = read([...head, 'requirements:', '  2.4.7.13:', '    status: non-compliant', '']);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'status-contradicts-profile', 9],
    ]);
    // Not marked as an override, so the profile's result counts.
    expect(r.evaluation?.requirements.find((x) => x.id === '2.4.7.13')?.effective).toBe('not-applicable');
  });

  it('a stale not-applicable (the profile changed since) no longer keeps a guideline met', () => {
    // Guideline 1 maps 2.4.7.11 (WPS). The file says not-applicable from an older profile; now wps is true.
    const r = read([
      ...head,
      '  wifi: true',
      '  wps: true',
      'requirements:',
      '  2.4.7.11:',
      '    status: not-applicable',
      '    justification: "Derived from the product profile: the device does not support WPS."',
      '',
    ]);
    expect(r.evaluation?.requirements.find((x) => x.id === '2.4.7.11')?.effective).toBe('not-assessed');
    expect(r.evaluation?.guidelines.find((g) => g.id === '1')?.deciding).toContain('2.4.7.11');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['status-contradicts-profile']);
  });

  it('profileOverride with a justification silences the warning; the result still records the contradiction', () => {
    const r = read([
      ...head,
      'requirements:',
      '  2.4.7.13:',
      '    status: non-compliant',
      '    profileOverride: true',
      '    justification: A debug build still speaks MQTT on port 1883 although the product does not use MQTT.',
      '',
    ]);
    expect(r.diagnostics).toEqual([]);
    const result = r.evaluation?.requirements.find((x) => x.id === '2.4.7.13');
    expect(result?.effective).toBe('non-compliant');
    expect(result?.contradictsProfile).toBe(true);
    // Guideline 5 holds 2.4.7.13, so the override makes it not met.
    expect(r.evaluation?.guidelines.find((g) => g.id === '5')?.outcome).toBe('not-met');
  });

  it('profileOverride without a justification is an error at the flag', () => {
    const r = read([
      ...head,
      'requirements:',
      '  2.4.7.13:',
      '    status: compliant',
      '    profileOverride: true',
      '',
    ]);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['error', 'justification-required', 10, 22],
    ]);
  });
});

describe('incomplete reasons mention what already falls short', () => {
  it('says how many are already only partially compliant', () => {
    // Guideline 12 maps 2.4.12.11, 2.4.12.12 and 2.4.12.13, none conditional.
    const r = read([
      ...head,
      'requirements:',
      '  2.4.12.11: { status: partially-compliant }',
      '  2.4.12.12: { status: compliant }',
      '',
    ]);
    const g = r.evaluation?.guidelines.find((x) => x.id === '12');
    expect(g?.outcome).toBe('incomplete');
    expect(g?.reason).toBe('1 not yet assessed (2.4.12.13); 1 already only partially compliant.');
  });
});
