/**
 * Reading an assessment file: every problem becomes a located diagnostic with a stable code.
 * Line and column numbers are 1-based and were counted by hand in the texts below.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAssessmentFile, readAssessmentText } from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const FILE = '/virtual/assessment.yaml';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/assessment/${name}`, import.meta.url));

let loader: ReturnType<typeof contextLoader>;
beforeAll(() => {
  loader = contextLoader();
});

const read = (text: string, file = FILE) =>
  readAssessmentText(text, file, loader.contextFor, { checkEvidence: false });

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const HEAD = ['iotassure: 1', 'product:', '  name: Example Camera'];

function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics)).toHaveLength(1);
  return found[0]!;
}

describe('a valid assessment', () => {
  it('reads the fixture file with no diagnostics and builds the model', () => {
    const r = readAssessmentFile(fixture('camera.yaml'), loader.contextFor);
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment).not.toBeNull();
    expect(r.evaluation).not.toBeNull();
    const a = r.assessment!;
    expect(a.product).toEqual({
      name: 'Example Camera',
      model: 'EC-1',
      version: '1.2.0',
      manufacturer: 'Example Ltd',
      description: null,
      roles: ['device-manufacturers', 'iot-service-providers'],
    });
    // null means unanswered: no entry.
    expect([...a.profile.keys()].sort()).toEqual(['ip-network', 'mqtt', 'safety-critical', 'wifi', 'wps']);
    expect([...a.requirements.keys()].sort()).toEqual(['2.4.3.13/1', '2.4.7.13', '2.4.8.13']);
    expect(a.requirements.get('2.4.7.13')).toEqual({
      status: 'compliant',
      justification: null,
      profileOverride: false,
      assessor: 'A. Tester',
      date: '2024-05-01',
      evidence: [
        {
          kind: 'file',
          path: 'evidence/mqtt-tls-test.txt',
          sha256: '0616d690fca43b9677412c93039bf12302143e3d3c498d1ec1b178a907ebb010',
          title: 'MQTT TLS test',
        },
        { kind: 'url', url: 'https://example.com/reports/ec-1', title: null },
        {
          kind: 'note',
          text: 'Checked on the bench with a broker that offers weak ciphers; the device refused them.',
        },
      ],
    });
    const ev = r.evaluation!;
    const g = (id: string) => ev.guidelines.find((x) => x.id === id)!;
    expect(g('10').outcome).toBe('partially-met');
    expect(g('9').outcome).toBe('not-applicable');
    const q = (id: string) => ev.requirements.find((x) => x.id === id)!;
    expect(q('2.4.7.11').effective).toBe('not-applicable');
    expect(q('2.4.8.13').notApplicableBy).toBe('assessor');
    expect(q('2.4.3.13/2').effective).toBe('not-assessed');
  });

  it('reads the same content as JSON', () => {
    const json = JSON.stringify({
      iotassure: 1,
      product: { name: 'x' },
      requirements: { '2.4.7.5': { status: 'compliant' } },
    });
    const r = read(json, '/virtual/assessment.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment?.requirements.get('2.4.7.5')?.status).toBe('compliant');
  });
});

describe('syntax errors', () => {
  const duplicateKey = lines(...HEAD, '  name: Other Camera');
  const unclosedFlow = lines('iotassure: 1', 'product: {name: x', 'requirements: {}');
  const nestedCompact = lines(...HEAD, 'profile:', '  wifi: true: false');

  it.each([
    ['a duplicate key', duplicateKey],
    ['an unclosed flow mapping', unclosedFlow],
    ['a nested compact mapping', nestedCompact],
  ])('%s gives a syntax error and no assessment', (_name, text) => {
    const r = read(text);
    expect(r.assessment).toBeNull();
    expect(r.evaluation).toBeNull();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: FILE });
  });

  // BUG: parseSource calls parseDocument with prettyErrors: false, so YAMLError.linePos is never
  // set and every syntax diagnostic has line: null, column: null (the LineCounter is not used).
  it('a duplicate key is located at the second key (line 4, column 3)', () => {
    const d = read(duplicateKey).diagnostics[0]!;
    expect([d.line, d.column]).toEqual([4, 3]);
  });

  it('a nested compact mapping is located on its line (line 5)', () => {
    const d = read(nestedCompact).diagnostics[0]!;
    expect(d.line).toBe(5);
    expect(d.column).toBeGreaterThanOrEqual(3);
  });

  it('a syntax error in JSON is located too (line 1, column 17)', () => {
    const d = read('{"iotassure": 1,,}', '/virtual/assessment.json').diagnostics[0]!;
    expect(d.code).toBe('syntax');
    expect([d.line, d.column]).toEqual([1, 17]);
  });
});

describe('schema errors', () => {
  it('a wrong status value is located at the value', () => {
    const r = read(lines(...HEAD, 'requirements:', '  2.4.7.13:', '    status: compliantt'));
    expect(r.assessment).toBeNull();
    const d = only(r.diagnostics, 'schema');
    expect(d).toMatchObject({ severity: 'error', line: 6, column: 13, path: 'requirements.2.4.7.13.status' });
    expect(d.message).toContain(
      'compliant, partially-compliant, non-compliant, not-applicable, not-assessed',
    );
  });

  it('a profile answer that is not a boolean is located at the value', () => {
    const d = only(read(lines(...HEAD, 'profile:', '  wifi: "yes"')).diagnostics, 'schema');
    expect(d).toMatchObject({ line: 5, column: 9, path: 'profile.wifi' });
  });

  it('an unknown key is located at the key', () => {
    const d = only(read(lines(...HEAD, '  colour: red')).diagnostics, 'schema');
    expect(d).toMatchObject({ line: 4, column: 3, path: 'product' });
    expect(d.message).toContain('colour');
  });

  it('a missing required field and a wrong format version are both reported', () => {
    const r = read(lines('iotassure: 2', 'product:', '  model: X'));
    expect(r.diagnostics.map((d) => [d.code, d.path, d.line]).sort()).toEqual([
      ['schema', 'iotassure', 1],
      ['schema', 'product.name', 3],
    ]);
  });

  it('a bad evidence hash format is a schema error at the hash', () => {
    const text = lines(
      ...HEAD,
      'requirements:',
      '  2.4.7.13:',
      '    status: compliant',
      '    evidence:',
      '      - file: a.txt',
      `        sha256: ${'A'.repeat(64)}`,
    );
    const d = only(read(text).diagnostics, 'schema');
    expect(d).toMatchObject({ line: 9, column: 17, path: 'requirements.2.4.7.13.evidence.0.sha256' });
  });
});

describe('requirement keys', () => {
  it('an unknown id (2.4.7.113) is an error at the key, suggesting 2.4.7.13', () => {
    const r = read(lines(...HEAD, 'requirements:', '  2.4.7.113:', '    status: compliant'));
    const d = only(r.diagnostics, 'unknown-requirement');
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 3, path: 'requirements.2.4.7.113' });
    expect(d.hint).toContain('2.4.7.13');
    // The rest of the file is still used.
    expect(r.assessment?.requirements.size).toBe(0);
  });

  it('2.4.3.13 is ambiguous, and the hint names both internal ids', () => {
    const d = only(
      read(lines(...HEAD, 'requirements:', '  2.4.3.13:', '    status: compliant')).diagnostics,
      'ambiguous-requirement',
    );
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 3 });
    expect(d.hint).toContain('2.4.3.13/1');
    expect(d.hint).toContain('2.4.3.13/2');
  });

  it('the internal ids 2.4.3.13/1 and 2.4.3.13/2 are accepted', () => {
    const r = read(
      lines(
        ...HEAD,
        'requirements:',
        '  2.4.3.13/1: {status: compliant}',
        '  2.4.3.13/2: {status: non-compliant}',
        '  unnumbered-1: {status: compliant}',
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment?.requirements.get('2.4.3.13/2')?.status).toBe('non-compliant');
    expect(r.assessment?.requirements.get('unnumbered-1')?.status).toBe('compliant');
  });
});

describe('profile keys', () => {
  it('an unknown fact is an error at the key, with a suggestion', () => {
    const r = read(lines(...HEAD, 'profile:', '  wifi: true', '  mqqt: false'));
    const d = only(r.diagnostics, 'unknown-fact');
    expect(d).toMatchObject({ severity: 'error', line: 6, column: 3, path: 'profile.mqqt' });
    expect(d.hint).toContain('mqtt');
    expect(r.assessment?.profile.get('wifi')).toBe(true);
    expect(r.assessment?.profile.has('mqqt')).toBe(false);
  });

  it('null means unanswered', () => {
    const r = read(lines(...HEAD, 'profile:', '  mqtt: null'));
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment?.profile.has('mqtt')).toBe(false);
  });

  it('answering wps true with wifi false is a warning at wps', () => {
    const r = read(lines(...HEAD, 'profile:', '  wifi: false', '  wps: true'));
    const d = only(r.diagnostics, 'fact-contradicts-profile');
    expect(d).toMatchObject({ severity: 'warning', line: 6, column: 8, path: 'profile.wps' });
  });
});

describe('rule checks', () => {
  it('a hand-set not-applicable without justification is an error at the status', () => {
    const r = read(lines(...HEAD, 'requirements:', '  2.4.7.5:', '    status: not-applicable'));
    const d = only(r.diagnostics, 'justification-required');
    expect(d).toMatchObject({ severity: 'error', line: 6, column: 13, path: 'requirements.2.4.7.5.status' });
  });

  it('with a justification it is accepted', () => {
    const r = read(
      lines(
        ...HEAD,
        'requirements:',
        '  2.4.7.5:',
        '    status: not-applicable',
        '    justification: The product has no application layer protocol at all.',
      ),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('not-applicable where the profile also derives it needs no justification', () => {
    const r = read(
      lines(
        ...HEAD,
        'profile:',
        '  ip-network: true',
        '  mqtt: false',
        'requirements:',
        '  2.4.7.13:',
        '    status: not-applicable',
      ),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('a status that contradicts the profile is a warning at the status, and the profile wins', () => {
    const r = read(
      lines(
        ...HEAD,
        'profile:',
        '  ip-network: true',
        '  mqtt: false',
        'requirements:',
        '  2.4.7.13:',
        '    status: compliant',
      ),
    );
    const d = only(r.diagnostics, 'status-contradicts-profile');
    expect(d).toMatchObject({
      severity: 'warning',
      line: 9,
      column: 13,
      path: 'requirements.2.4.7.13.status',
    });
    expect(d.message).toContain('the product does not use MQTT');
    expect(r.evaluation?.requirements.find((x) => x.id === '2.4.7.13')?.effective).toBe('not-applicable');
  });

  it('an attestation on a guideline with requirements is an error; an unknown guideline too', () => {
    const r = read(
      lines(...HEAD, 'attestations:', '  "1":', '    status: compliant', '  "14":', '    status: compliant'),
    );
    expect(only(r.diagnostics, 'attestation-not-needed')).toMatchObject({
      severity: 'error',
      line: 6,
      column: 5,
    });
    expect(only(r.diagnostics, 'unknown-guideline')).toMatchObject({ severity: 'error', line: 7, column: 3 });
  });

  it('an unknown mapping set is an error at mappingSet', () => {
    const r = read(lines('iotassure: 1', 'mappingSet: no-such-set', 'product:', '  name: x'));
    expect(only(r.diagnostics, 'unknown-reference')).toMatchObject({ line: 2, column: 13 });
    expect(r.assessment).toBeNull();
  });

  it('diagnostics come out in file order', () => {
    const r = read(
      lines(
        ...HEAD,
        'profile:',
        '  wifii: true',
        'requirements:',
        '  2.4.7.5: {status: not-applicable}',
        '  2.4.7.113: {status: compliant}',
      ),
    );
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [5, 'unknown-fact'],
      [7, 'justification-required'],
      [8, 'unknown-requirement'],
    ]);
  });
});
