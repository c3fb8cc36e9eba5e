/**
 * OSCAL from the real binary: `report --format oscal` and `catalog export --format oscal`, each
 * output validated against the official OSCAL 1.2.2 schema; reproducible exports; every bad input
 * a clear message and exit code.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOscalValidator, oscalSchemaAvailable } from '../../src/exporters/oscal/oscal-schema.js';
import { repoRoot, runCli } from './run-cli.js';

const hasSchema = oscalSchemaAvailable();
const validate = hasSchema ? compileOscalValidator() : () => ['no schema'];
const CAMERA = 'examples/wifi-camera/assessment.yaml';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotassure-cli-oscal-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function ok(args: readonly string[], env: Record<string, string> = {}) {
  const r = runCli(args, { env });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('iotassure report --format oscal', () => {
  it.skipIf(!hasSchema)(
    'writes assessment-results that validate, one finding per requirement and guideline',
    () => {
      const doc = ok(['report', CAMERA, '--format', 'oscal']);
      expect(validate(doc)).toEqual([]);
      const ar = doc['assessment-results'] as { results: { findings: unknown[] }[] };
      expect(ar.results[0]?.findings).toHaveLength(126 + 13);
    },
  );

  it('writes to a file with -o', () => {
    const out = join(dir, 'camera.oscal.json');
    const r = runCli(['report', CAMERA, '-f', 'oscal', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8')))).toEqual(['assessment-results']);
  });

  it.skipIf(!hasSchema)('keeps a hostile product name as text', () => {
    const file = join(dir, 'hostile.yaml');
    writeFileSync(
      file,
      'iotassure: 1\nproduct:\n  name: "<script>alert(1)</script> =HYPERLINK(\\"x\\") ✓"\nprofile: {}\nrequirements: {}\n',
    );
    const doc = ok(['report', file, '-f', 'oscal']);
    expect(validate(doc)).toEqual([]);
    const metadata = (doc['assessment-results'] as { metadata: { title: string } }).metadata;
    expect(metadata.title).toBe(
      'Assessment results: &lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK("x") ✓',
    );
  });

  it('refuses an invalid assessment with exit 3', () => {
    const file = join(dir, 'invalid.yaml');
    writeFileSync(file, 'iotassure: 1\nproduct: {}\n');
    const r = runCli(['report', file, '-f', 'oscal']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid.yaml');
  });
});

describe('iotassure catalog export --format oscal', () => {
  for (const framework of ['iotsf-cf-1.1', 'dcms-cop-2018']) {
    it.skipIf(!hasSchema)(`--framework ${framework} writes a catalog that validates`, () => {
      const doc = ok(['catalog', 'export', '--format', 'oscal', '--framework', framework]);
      expect(Object.keys(doc)).toEqual(['catalog']);
      expect(validate(doc)).toEqual([]);
    });
  }

  it.skipIf(!hasSchema)('--mapping writes the cross-reference as a mapping-collection that validates', () => {
    const doc = ok(['catalog', 'export', '--format', 'oscal', '--mapping']);
    expect(Object.keys(doc)).toEqual(['mapping-collection']);
    expect(validate(doc)).toEqual([]);
    const named = ok(['catalog', 'export', '--format', 'oscal', '--mapping', 'iotsf-cf-1.1--dcms-cop-2018']);
    expect((named['mapping-collection'] as { uuid: string }).uuid).toBe(
      (doc['mapping-collection'] as { uuid: string }).uuid,
    );
  });

  it('is byte for byte the same on every run with SOURCE_DATE_EPOCH', () => {
    const args = ['catalog', 'export', '--format', 'oscal', '--framework', 'iotsf-cf-1.1'];
    const a = runCli(args, { env: EPOCH });
    const b = runCli(args, { env: EPOCH });
    expect(a.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toContain('"last-modified": "2023-11-14T22:13:20.000Z"');
  });

  it('says what to choose, with exit 2, for every wrong combination', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [
        ['--format', 'oscal'],
        {},
        /give either --framework ID .*\(dcms-cop-2018, iotsf-cf-1.1\) or --mapping/,
      ],
      [['--format', 'oscal', '--mapping', '--framework', 'iotsf-cf-1.1'], {}, /give either --framework ID/],
      [
        ['--format', 'oscal', '--framework', 'cf'],
        {},
        /no framework "cf"; use one of: dcms-cop-2018, iotsf-cf-1.1/,
      ],
      [
        ['--format', 'oscal', '--mapping', 'x'],
        {},
        /no mapping set "x"; use one of: iotsf-cf-1.1--dcms-cop-2018/,
      ],
      [['--framework', 'iotsf-cf-1.1'], {}, /--framework and --mapping choose what --format oscal exports/],
      [
        ['--format', 'oscal', '--mapping'],
        { SOURCE_DATE_EPOCH: 'yesterday' },
        /SOURCE_DATE_EPOCH="yesterday" is not a time/,
      ],
      [['--format', 'xml'], {}, /argument 'xml' is invalid/],
    ];
    for (const [args, env, message] of cases) {
      const r = runCli(['catalog', 'export', ...args], { env });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('refuses, with exit 3, catalog data whose ids would collide as OSCAL ids', () => {
    const data = join(dir, 'data');
    cpSync(join(repoRoot, 'data'), data, { recursive: true });
    const file = join(data, 'frameworks', 'iotsf-cf-1.1.json');
    const fw = JSON.parse(readFileSync(file, 'utf8')) as { items: { id: string; number: string | null }[] };
    // "2.4.3.13_1" is the OSCAL form of the existing "2.4.3.13/1".
    fw.items.push({ ...fw.items[0]!, id: '2.4.3.13_1', number: '2.4.3.13_1' });
    writeFileSync(file, JSON.stringify(fw, null, 2));
    const r = runCli(['catalog', 'export', '--format', 'oscal', '--framework', 'iotsf-cf-1.1'], {
      env: { IOTASSURE_DATA_DIR: data },
    });
    expect(r.stderr).toMatch(/cannot be exported to OSCAL: .*"iotsf-cf-1.1_2.4.3.13_1"/);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
  });
});
