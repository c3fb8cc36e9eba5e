/**
 * The terminal renderer. Reports are built from the real catalog and small assessments whose
 * outcomes are worked out by hand below; labels are spelled out here, not taken from the renderer.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-model.js';
import { renderText } from '../../src/renderers/text-renderer.js';
import { OUTCOME_LABEL, reportFromYaml } from '../fixtures/report-fixture.js';

const LABEL = OUTCOME_LABEL;

// One non-compliant requirement of guideline 1 (2.4.8.6) makes it not met; guideline 10 has no
// mapped requirement and is attested partially compliant, so it is partially met; everything else
// has requirements not yet assessed, so it is incomplete.
const EXAMPLE = `iotassure: 1
product: { name: Example cam, model: C1, version: 1.2.0, manufacturer: Example Ltd, roles: [device-manufacturers] }
profile: { wifi: true, wps: false, mqtt: false, cloud: true, user-passwords: true }
requirements:
  2.4.8.4: { status: compliant, justification: Blank passwords rejected by firmware 1.2, assessor: A. Tester, date: 2026-11-20, evidence: [{ url: https://example.com/test-report }, { note: Tested on unit 42 }] }
  2.4.8.6: { status: non-compliant, justification: No length check }
attestations:
  "10": { status: partially-compliant, justification: Telemetry collected but not monitored }
`;

// Guideline 9's two requirements are compliant (met); guideline 12's three are marked not applicable
// (not applicable); guideline 10 has no attestation (needs attestation); 2.4.8.6 non-compliant (not met).
const MIXED = `iotassure: 1
product: { name: Mixed plug }
profile: {}
requirements:
  2.4.13.20: { status: compliant, justification: Tested }
  2.4.13.21: { status: compliant, justification: Tested }
  2.4.12.11: { status: not-applicable, justification: Sold only as part of a managed service }
  2.4.12.12: { status: not-applicable, justification: Sold only as part of a managed service }
  2.4.12.13: { status: not-applicable, justification: No installation by the consumer }
  2.4.8.6: { status: non-compliant }
`;

function reportOf(yaml: string, warnings: readonly string[] = []): Report {
  return reportFromYaml(yaml, warnings);
}

const ANSI = /\u001b\[/;

/** The block of guideline lines: from the "Guidelines (13)" heading to the next blank line. */
function guidelineBlock(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^Guidelines \(\d+\)$/.test(l));
  expect(start).toBeGreaterThan(-1);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('text renderer', () => {
  it('shows the header, catalog versions and the summary line worked out by hand', () => {
    const report = reportOf(EXAMPLE);
    const out = renderText(report, { color: false });
    expect(out).toMatch(/^Product {7}Example cam$/m);
    expect(out).toMatch(/^Model {9}C1$/m);
    expect(out).toMatch(/^Version {7}1\.2\.0$/m);
    expect(out).toMatch(/^Manufacturer {2}Example Ltd$/m);
    expect(out).toContain('IoTSF Compliance Framework 1.1 (version 1.1');
    expect(out).toContain('UK Code of Practice for Consumer IoT Security (version 2018-10');
    expect(out).toContain('2026-12-01 10:00 UTC by iotassure 0.1.0');
    // 1 compliant of the applicable requirements; 1/80 = 1.25% shown with one decimal.
    expect(report.summary.compliantRequirements).toBe(1);
    expect(report.summary.applicableRequirements).toBe(80);
    const flat = out.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'Summary: 0 of 13 guidelines met; 1.3% of applicable requirements compliant (1 of 80)',
    );
    expect(flat).toContain(
      'top-priority guidelines (1, 2, 3): not all met (guideline 1 not met, guideline 2 incomplete, guideline 3 incomplete)',
    );
  });

  it('lists all 13 guidelines with the outcome label and reason the model gives', () => {
    for (const yaml of [EXAMPLE, MIXED]) {
      const report = reportOf(yaml);
      const block = guidelineBlock(renderText(report, { color: false }));
      expect(report.guidelines).toHaveLength(13);
      for (const g of report.guidelines) {
        const i = block.findIndex((l) => new RegExp(`^ *${g.number} {2}\\S`).test(l));
        expect(i, `guideline ${g.number}`).toBeGreaterThan(-1);
        expect(block[i]).toContain(`${LABEL[g.outcome]} `);
        expect(block[i]).toContain(g.title!);
        // The reason follows, wrapped under the title column.
        const following: string[] = [];
        for (let j = i + 1; j < block.length && /^ {10,}/.test(block[j]!); j += 1)
          following.push(block[j]!.trim());
        expect(following.join(' ')).toContain(g.reason);
      }
    }
  });

  it('shows the outcomes worked out by hand for the two assessments', () => {
    const byNumber = (r: Report) => new Map(r.guidelines.map((g) => [g.number, g.outcome]));
    const a = byNumber(reportOf(EXAMPLE));
    expect(a.get('1')).toBe('not-met');
    expect(a.get('10')).toBe('partially-met');
    expect(a.get('2')).toBe('incomplete');
    const b = byNumber(reportOf(MIXED));
    expect(b.get('9')).toBe('met');
    expect(b.get('12')).toBe('not-applicable');
    expect(b.get('10')).toBe('needs-attestation');
    expect(b.get('1')).toBe('not-met');
    const block = guidelineBlock(renderText(reportOf(MIXED), { color: false }));
    expect(block.find((l) => l.startsWith('   9  '))).toMatch(/^ {3}9 {2}Met {2,}Make systems resilient/);
    expect(block.find((l) => l.startsWith('  12  '))).toMatch(
      /^ {2}12 {2}Not applicable {2,}Make installation/,
    );
    expect(block.find((l) => l.startsWith('  10  '))).toMatch(/^ {2}10 {2}Needs attestation {2,}Monitor/);
  });

  it('lists the top 15 gaps in the model order, then "… and N more"', () => {
    const report = reportOf(EXAMPLE);
    const out = renderText(report, { color: false });
    const lines = out.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`Gaps (${report.gaps.length}`));
    expect(start).toBeGreaterThan(-1);
    const shown = lines.slice(start + 1, start + 16).map((l) => l.trim().split(/\s+/)[0]);
    expect(shown).toEqual(report.gaps.slice(0, 15).map((g) => g.id));
    expect(lines[start + 16]).toContain(`… and ${report.gaps.length - 15} more`);
  });

  it('says so when there are no gaps', () => {
    const report = { ...reportOf(EXAMPLE), gaps: [] };
    expect(renderText(report, { color: false })).toMatch(/^Gaps: none$/m);
  });

  it('counts the warnings in one line instead of repeating what the CLI printed on stderr', () => {
    const warnings = [
      'test.yaml:3:1: warning x: something odd\n    hint: look again',
      'test.yaml:4:1: warning y: something else',
    ];
    const out = renderText(reportOf(EXAMPLE, warnings), { color: false });
    expect(out).not.toContain('something odd');
    expect(out).not.toContain('something else');
    expect(out).not.toContain('hint:');
    expect(out.replace(/\s+/g, ' ')).toContain(
      '2 warnings while reading the assessment (printed on stderr; `iotassure validate test.yaml` lists them again)',
    );
    const one = renderText(reportOf(EXAMPLE, warnings.slice(1)), { color: false });
    expect(one.replace(/\s+/g, ' ')).toContain('1 warning while reading the assessment');
    expect(one.replace(/\s+/g, ' ')).toContain('lists it again');
    expect(renderText(reportOf(EXAMPLE), { color: false })).not.toMatch(/warning/i);
  });

  it('has no ANSI escapes without colour, and has them with colour', () => {
    const report = reportOf(EXAMPLE);
    expect(renderText(report, { color: false })).not.toMatch(ANSI);
    const coloured = renderText(report, { color: true });
    expect(coloured).toMatch(ANSI);
    // Red for not met (guideline 1), green nowhere in the guideline list since none is met.
    expect(coloured).toContain('\u001b[31mNot met');
    expect(renderText(reportOf(MIXED), { color: true })).toContain('\u001b[32mMet');
  });

  it('keeps lines to 100 columns', () => {
    for (const yaml of [EXAMPLE, MIXED]) {
      const long = renderText(reportOf(yaml), { color: false })
        .split('\n')
        .filter((l) => l.length > 100);
      expect(long).toEqual([]);
    }
  });

  it('strips control characters from report data, so data cannot drive the terminal', () => {
    const report = reportOf(EXAMPLE);
    const hostile = {
      ...report,
      product: { ...report.product, name: 'cam\u001b[2J\u001b]0;pwned\u0007\r\nx' },
    };
    const out = renderText(hostile, { color: false });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(out).toContain('cam [2J ]0;pwned x');
  });
});
