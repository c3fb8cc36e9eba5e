/**
 * Reports as OSCAL assessment-results: valid against the official OSCAL 1.2.2 schema for the three
 * examples and a hostile product; one finding per requirement and per guideline with the status set
 * by hand; evidence as observations with hashes checked against the files; every reference resolving.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAssessmentFile } from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';
import { buildReport, type Report } from '../../src/core/report/report-model.js';
import { frameworkToOscal } from '../../src/exporters/oscal/catalog-to-oscal.js';
import { renderOscal } from '../../src/exporters/oscal/oscal-renderer.js';
import { compileOscalValidator, oscalSchemaAvailable } from '../../src/exporters/oscal/oscal-schema.js';
import type {
  OscalAssessmentResults,
  OscalFinding,
  OscalResult,
} from '../../src/exporters/oscal/oscal-types.js';
import { reportToOscal } from '../../src/exporters/oscal/report-to-oscal.js';
import { reportFromYaml } from '../fixtures/report-fixture.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasSchema = oscalSchemaAvailable();
const validate = hasSchema ? compileOscalValidator() : () => ['no schema'];
const loader = contextLoader();
const IOTASSURE_NS = 'https://iotassure.invalid/ns/oscal';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CF_REQUIREMENTS = (
  JSON.parse(readFileSync(join(repoRoot, 'data/frameworks/iotsf-cf-1.1.json'), 'utf8')) as {
    items: unknown[];
  }
).items.length;

function exampleReport(name: string): Report {
  const file = join(repoRoot, 'examples', name, 'assessment.yaml');
  const r = readAssessmentFile(file, loader.contextFor, { checkEvidence: true });
  if (!r.assessment || !r.evaluation) throw new Error(`example ${name} is invalid`);
  return buildReport({
    ctx: loader.contextFor(undefined),
    assessment: r.assessment,
    evaluation: r.evaluation,
    generatedAt: '2026-12-01T10:00:00.000Z',
    tool: { name: 'iotassure', version: '0.1.0' },
  });
}

/** The document as written by `report --format oscal`, read back. */
function ar(report: Report, uuid?: string): OscalAssessmentResults {
  const text =
    uuid === undefined
      ? renderOscal(report, { color: false })
      : JSON.stringify(reportToOscal(report, { uuid }));
  return (JSON.parse(text) as { 'assessment-results': OscalAssessmentResults })['assessment-results'];
}

const resultOf = (doc: OscalAssessmentResults): OscalResult => doc.results[0]!;
const findingFor = (doc: OscalAssessmentResults, targetId: string): OscalFinding | undefined =>
  resultOf(doc).findings?.find((f) => f.target['target-id'] === targetId);
const propValues = (f: { props?: readonly { name: string; value: string }[] } | undefined, name: string) =>
  (f?.props ?? []).filter((p) => p.name === name).map((p) => p.value);

/** Every string in the document with the key it is under. */
function strings(value: unknown, key = ''): { key: string; value: string }[] {
  if (typeof value === 'string') return [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

/** OSCAL's markup fields in the models iotassure writes (Markdown, which a reader renders). */
const MARKUP_KEYS = new Set(['title', 'description', 'prose', 'remarks', 'text', 'mapping-description']);

const EXAMPLES = ['wifi-camera', 'smart-plug', 'ble-wearable'] as const;

describe('OSCAL assessment-results of the examples', () => {
  for (const name of EXAMPLES) {
    it.skipIf(!hasSchema)(`${name} validates against the OSCAL 1.2.2 complete schema`, () => {
      expect(validate(JSON.parse(renderOscal(exampleReport(name), { color: false })))).toEqual([]);
    });
  }

  const doc = ar(exampleReport('wifi-camera'));
  const result = resultOf(doc);

  it('has one finding per CF requirement and one per guideline, each targeting a statement of the OSCAL catalogs', () => {
    const findings = result.findings ?? [];
    expect(findings).toHaveLength(CF_REQUIREMENTS + 13);
    const statements = new Set(
      ['iotsf-cf-1.1', 'dcms-cop-2018'].flatMap((id) => {
        const fw = loader.catalog().frameworks.get(id)!;
        const c = frameworkToOscal(fw, {
          lastModified: '2026-12-01T10:00:00Z',
          tool: { name: 'x', version: '1' },
        }).catalog;
        return [...(c.groups ?? []).flatMap((g) => g.controls ?? []), ...(c.controls ?? [])].flatMap((x) =>
          (x.parts ?? []).filter((p) => p.name === 'statement').map((p) => p.id),
        );
      }),
    );
    for (const f of findings) {
      expect(f.target.type).toBe('statement-id');
      expect(statements.has(f.target['target-id'])).toBe(true);
    }
    expect(new Set(findings.map((f) => f.target['target-id'])).size).toBe(findings.length);
  });

  it('gives each guideline the outcome the example documents (its header comment), as an OSCAL objective status', () => {
    // examples/wifi-camera/assessment.yaml: 1-3 met; 5 and 6 not met; 7 incomplete; 8 partially met;
    // 9 not applicable; 10 met by a guideline-level attestation.
    const expected: Record<string, [string, string, string]> = {
      '1': ['met', 'satisfied', 'pass'],
      '2': ['met', 'satisfied', 'pass'],
      '3': ['met', 'satisfied', 'pass'],
      '5': ['not-met', 'not-satisfied', 'fail'],
      '6': ['not-met', 'not-satisfied', 'fail'],
      '7': ['incomplete', 'not-satisfied', 'other'],
      '8': ['partially-met', 'not-satisfied', 'fail'],
      '9': ['not-applicable', 'satisfied', 'other'],
      '10': ['met', 'satisfied', 'pass'],
    };
    for (const [g, [outcome, state, reason]] of Object.entries(expected)) {
      const f = findingFor(doc, `dcms-cop-2018_${g}_smt`);
      expect(propValues(f, 'outcome'), `guideline ${g}`).toEqual([outcome]);
      expect(f?.target.status).toEqual({ state, reason });
    }
    expect(findingFor(doc, 'dcms-cop-2018_10_smt')?.remarks).toContain(
      'Guideline-level attestation: Compliant.',
    );
  });

  it('has one observation per piece of evidence in the file, each related to its finding', () => {
    const yaml = parse(readFileSync(join(repoRoot, 'examples/wifi-camera/assessment.yaml'), 'utf8')) as {
      requirements: Record<string, { evidence?: unknown[] }>;
      attestations: Record<string, { evidence?: unknown[] }>;
    };
    const records = [...Object.values(yaml.requirements), ...Object.values(yaml.attestations)];
    const evidenceCount = records.reduce((n, r) => n + (r.evidence?.length ?? 0), 0);
    const observations = result.observations ?? [];
    expect(observations).toHaveLength(evidenceCount);
    const related = (result.findings ?? []).flatMap((f) => f['related-observations'] ?? []);
    expect(related.map((r) => r['observation-uuid']).sort()).toEqual(observations.map((o) => o.uuid).sort());
    for (const o of observations) expect(o.methods).toEqual(['UNKNOWN']);
  });

  it('pins every evidence file by the SHA-256 of the file itself', () => {
    const files = (doc['back-matter']?.resources ?? []).filter((r) => r.rlinks?.[0]?.hashes);
    expect(files.length).toBeGreaterThan(0);
    for (const r of files) {
      const link = r.rlinks![0]!;
      const bytes = readFileSync(join(repoRoot, 'examples/wifi-camera', decodeURIComponent(link.href)));
      expect(link.hashes).toEqual([
        { algorithm: 'SHA-256', value: createHash('sha256').update(bytes).digest('hex') },
      ]);
    }
  });

  it('resolves every internal reference (#uuid) to a back-matter resource, and import-ap to the method', () => {
    const resources = new Set((doc['back-matter']?.resources ?? []).map((r) => `#${r.uuid}`));
    const hrefs = strings(doc).filter((s) => s.key === 'href' && s.value.startsWith('#'));
    expect(hrefs.length).toBeGreaterThan(1);
    for (const h of hrefs) expect(resources.has(h.value), h.value).toBe(true);
    const method = doc['back-matter']?.resources?.find((r) => `#${r.uuid}` === doc['import-ap'].href);
    expect(method?.title).toContain('no OSCAL assessment plan');
  });

  it('cites each framework’s source document under the same UUID as the catalog export does', () => {
    const options = { lastModified: '2026-12-01T10:00:00Z', tool: { name: 'iotassure', version: '0.1.0' } };
    const ids = new Set((doc['back-matter']?.resources ?? []).map((r) => r.uuid));
    for (const id of ['iotsf-cf-1.1', 'dcms-cop-2018']) {
      const c = frameworkToOscal(loader.catalog().frameworks.get(id)!, options).catalog;
      const [source] = c['back-matter']?.resources ?? [];
      expect(ids.has(source!.uuid), id).toBe(true);
    }
  });

  it('uses valid, unique UUIDs, a fresh one per document, and derives the rest from it', () => {
    const uuids = strings(doc).filter((s) => s.key === 'uuid');
    for (const u of uuids) expect(u.value).toMatch(UUID);
    expect(new Set(uuids.map((u) => u.value)).size).toBe(uuids.length);
    expect(doc.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    const report = exampleReport('wifi-camera');
    expect(ar(report).uuid).not.toBe(ar(report).uuid);
    const fixed = 'b5a1a7c4-3f0e-4c8e-9d2a-0c6f4e2b1a90';
    expect(ar(report, fixed)).toEqual(ar(report, fixed));
  });

  it('records when: last-modified is the report’s time, the result starts at the first record date', () => {
    expect(doc.metadata['last-modified']).toBe('2026-12-01T10:00:00.000Z');
    expect(doc.metadata['oscal-version']).toBe('1.2.2');
    expect(result.start).toBe('2026-02-20T00:00:00Z');
    expect(result.end).toBe('2026-12-01T10:00:00.000Z');
  });
});

describe('OSCAL assessment-results of a hostile product, with statuses set by hand', () => {
  const name = '<script>alert(1)</script> =HYPERLINK("x") {{ insert: param, p }} Caméra 日本語 ✓';
  const report = reportFromYaml(
    [
      'iotassure: 1',
      'product:',
      `  name: ${JSON.stringify(name)}`,
      '  manufacturer: "=HYPERLINK(\\"http://evil.example\\")\\u2028second line"',
      '  description: "first\\n\\n# not a heading\\n- not a list\\n    not code"',
      'profile: { mqtt: false, ip-network: true }',
      'requirements:',
      '  2.4.3.5:',
      '    status: non-compliant',
      '    justification: "<img src=x onerror=alert(1)>"',
      '    assessor: "@SUM(A1:A9)"',
      '    date: 2026-03-01',
      '    evidence:',
      '      - note: "+cmd|\' /C calc\'!A0"',
      '      - url: "https://例え.example/ü?q=1"',
      '      - { file: "evidence/a b#1%.txt", sha256: "0000000000000000000000000000000000000000000000000000000000000000", title: "<b>x</b>" }',
      '  2.4.3.6:',
      '    status: compliant',
      '    justification: Checked.',
      '  2.4.3.7:',
      '    status: partially-compliant',
      '    justification: Half done.',
      '',
    ].join('\n'),
  );
  const doc = ar(report);

  it.skipIf(!hasSchema)('validates against the OSCAL 1.2.2 complete schema', () => {
    expect(validate(JSON.parse(renderOscal(report, { color: false })))).toEqual([]);
  });

  it('escapes every markup field, so no HTML, Markdown structure or OSCAL insertion can form', () => {
    const markup = strings(doc).filter((s) => MARKUP_KEYS.has(s.key));
    expect(markup.length).toBeGreaterThan(100);
    for (const s of markup) {
      expect(s.value, s.key).not.toMatch(/<|\{\{/);
      expect(s.value, s.key).not.toMatch(/^\s*(#|-\s|=|\d+\.\s)/m);
    }
    expect(doc.metadata.title).toBe(
      'Assessment results: &lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK("x") \\{\\{ insert: param, p \\}\\} Caméra 日本語 ✓',
    );
  });

  it('keeps plain strings as the exact text, on one line', () => {
    expect(propValues(doc.metadata, 'product-name')).toEqual([name]);
    expect(propValues(doc.metadata, 'manufacturer')).toEqual([
      '=HYPERLINK("http://evil.example") second line',
    ]);
    const f = findingFor(doc, 'iotsf-cf-1.1_2.4.3.5_smt');
    expect(propValues(f, 'assessor')).toEqual(['@SUM(A1:A9)']);
  });

  it('gives each requirement the status set by hand, as an OSCAL objective status', () => {
    const status = (id: string) => {
      const f = findingFor(doc, `iotsf-cf-1.1_${id}_smt`);
      return [
        propValues(f, 'status')[0],
        f?.target.status.state,
        f?.target.status.reason,
        f?.target['implementation-status']?.state,
      ];
    };
    expect(status('2.4.3.5')).toEqual(['non-compliant', 'not-satisfied', 'fail', undefined]);
    expect(status('2.4.3.6')).toEqual(['compliant', 'satisfied', 'pass', 'implemented']);
    expect(status('2.4.3.7')).toEqual(['partially-compliant', 'not-satisfied', 'fail', 'partial']);
    // mqtt: false makes 2.4.7.13 not applicable; nothing was recorded for 2.4.3.8.
    expect(status('2.4.7.13')).toEqual(['not-applicable', 'satisfied', 'other', 'not-applicable']);
    expect(propValues(findingFor(doc, 'iotsf-cf-1.1_2.4.7.13_smt'), 'not-applicable-by')).toEqual([
      'profile',
    ]);
    expect(status('2.4.3.8')).toEqual(['not-assessed', 'not-satisfied', 'other', undefined]);
  });

  it('turns the three kinds of evidence into observations: a note, a normalised URL, a pinned file', () => {
    const f = findingFor(doc, 'iotsf-cf-1.1_2.4.3.5_smt');
    const byUuid = new Map((resultOf(doc).observations ?? []).map((o) => [o.uuid, o]));
    const [note, url, file] = (f?.['related-observations'] ?? []).map((r) =>
      byUuid.get(r['observation-uuid']),
    );
    expect(note?.description).toBe("\\+cmd\\|' /C calc'!A0");
    expect(note?.collected).toBe('2026-03-01T00:00:00Z');
    expect(url?.['relevant-evidence']?.[0]?.href).toBe('https://xn--r8jz45g.example/%C3%BC?q=1');
    const resource = doc['back-matter']?.resources?.find(
      (r) => `#${r.uuid}` === file?.['relevant-evidence']?.[0]?.href,
    );
    expect(resource?.rlinks).toEqual([
      { href: 'evidence/a%20b%231%25.txt', hashes: [{ algorithm: 'SHA-256', value: '0'.repeat(64) }] },
    ]);
    expect(resource?.title).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(file?.props).toContainEqual({ name: 'evidence-kind', value: 'file', ns: IOTASSURE_NS });
  });

  it('records the profile answers and the summary the report model gives', () => {
    const props = resultOf(doc).props ?? [];
    expect(props).toContainEqual({
      name: 'profile-answer',
      value: 'mqtt=no',
      ns: IOTASSURE_NS,
      class: 'answered',
    });
    expect(props).toContainEqual({ name: 'guidelines-total', value: '13', ns: IOTASSURE_NS });
  });
});
