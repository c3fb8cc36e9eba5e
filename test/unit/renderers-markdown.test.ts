/**
 * The Markdown renderer: every guideline with the model's outcome, tables that stay tables whatever
 * the data holds, and no raw HTML from the data. Expected cells are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-model.js';
import { escapeMarkdown } from '../../src/renderers/markdown-escape.js';
import { renderMarkdown } from '../../src/renderers/markdown-renderer.js';
import { HOSTILE_NAMES, OUTCOME_LABEL, reportFromYaml } from '../fixtures/report-fixture.js';

const LABEL = OUTCOME_LABEL;

const yamlString = (s: string) => JSON.stringify(s);

const SHA = '0616d690fca43b9677412c93039bf12302143e3d3c498d1ec1b178a907ebb010';

function reportOf(name: string, justification = 'Blank passwords rejected', extra = ''): Report {
  const yaml = `iotassure: 1
product: { name: ${yamlString(name)}, model: ${yamlString(`M|${name}`)}, manufacturer: ${yamlString(name)} }
profile: { wifi: true, wps: false }
requirements:
  2.4.8.4: { status: compliant, justification: ${yamlString(justification)}, evidence: [{ note: ${yamlString(name)} }] }
  2.4.8.6: { status: non-compliant, justification: No length check }
  2.4.13.20: { status: compliant }
  2.4.13.21: { status: compliant }
${extra}`;
  return reportFromYaml(yaml);
}

/** Splits a GFM table row on unescaped pipes. */
function cells(row: string): string[] {
  const parts = row.trim().split(/(?<!\\)\|/);
  return parts.slice(1, -1).map((c) => c.trim());
}

/** The table rows (not header or separator) directly under a heading. */
function tableUnder(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  let i = start + 1;
  while (i < lines.length && !lines[i]!.startsWith('|')) i += 1;
  const rows: string[] = [];
  while (i < lines.length && lines[i]!.startsWith('|')) rows.push(lines[i++]!);
  return rows.slice(2).map(cells);
}

describe('escapeMarkdown', () => {
  it('turns markup into literal text', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('*x* _y_ `z` [l](u) ~s~ $m$ #h \\')).toBe(
      '\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\$m\\$ \\#h \\\\',
    );
    expect(escapeMarkdown('A & B')).toBe('A &amp; B');
    expect(escapeMarkdown('one\r\ntwo\nthree')).toBe('one<br>two<br>three');
  });
});

describe('markdown renderer', () => {
  it('has a table row for each of the 13 guidelines with the model outcome and reason', () => {
    const report = reportOf('Example cam');
    const md = renderMarkdown(report, { color: false });
    const rows = tableUnder(md, '## Guidelines');
    expect(rows).toHaveLength(13);
    report.guidelines.forEach((g, i) => {
      const row = rows[i]!;
      expect(row).toHaveLength(4);
      expect(row[0]).toBe(g.number);
      expect(row[1]).toContain(escapeMarkdown(g.title!));
      expect(row[2]).toMatch(new RegExp(` ${LABEL[g.outcome]}$`));
      expect(row[3]).toBe(escapeMarkdown(g.reason));
    });
    // Worked out by hand: 2.4.8.6 non-compliant fails guideline 1; 2.4.13.20 and .21 compliant meet 9.
    expect(rows[0]![2]).toMatch(/Not met$/);
    expect(rows[8]![2]).toMatch(/ Met$/);
    expect(rows[9]![2]).toMatch(/Needs attestation$/);
  });

  it('states the summary', () => {
    const report = reportOf('Example cam');
    const md = renderMarkdown(report, { color: false });
    expect(md).toContain('- **1 of 13** guidelines met');
    const { compliantRequirements: c, applicableRequirements: a } = report.summary;
    expect(c).toBe(3);
    expect(md).toContain(`of applicable requirements compliant (3 of ${a})`);
    expect(md).toContain(
      '- Top-priority guidelines (1, 2, 3): not all met (guideline 1 not met, guideline 2 incomplete, guideline 3 incomplete)',
    );
  });

  it('has the gap table, requirement tables per guideline, profile and source defects', () => {
    const report = reportOf('Example cam');
    const md = renderMarkdown(report, { color: false });
    const gaps = tableUnder(md, '## Gaps');
    expect(gaps).toHaveLength(report.gaps.length);
    expect(gaps.map((r) => r[1])).toEqual(report.gaps.map((g) => escapeMarkdown(g.id)));
    for (const g of report.guidelines) {
      const heading = md.split('\n').find((l) => l.startsWith(`### ${g.number}. `));
      expect(heading, `guideline ${g.number}`).toBeDefined();
      expect(heading).toContain(LABEL[g.outcome]);
      if (g.requirements.length) {
        const rows = tableUnder(md, heading!);
        expect(rows.map((r) => r[0]!.replace(/ \(no number\)$/, ''))).toEqual(
          g.requirements.map((id) => escapeMarkdown(id)),
        );
        for (const r of rows) expect(r).toHaveLength(7);
      }
    }
    const one = tableUnder(md, md.split('\n').find((l) => l.startsWith('### 1. '))!);
    const row = one.find((r) => r[0] === '2.4.8.4')!;
    expect(row[2]).toContain('Compliant');
    expect(row[4]).toBe('Blank passwords rejected');
    expect(row[5]).toBe('**Note:** Example cam');
    expect(row[6]).toBe('—');
    expect(one.find((r) => r[0] === '2.4.7.11')![3]).toBe('Does not apply — the device does not support WPS');
    const profile = tableUnder(md, '## Product profile');
    expect(profile).toHaveLength(report.profile.length);
    expect(profile.find((r) => r[1] === 'wps')!.slice(2)).toEqual(['No', 'Answered']);
    // Defects the brief lists, kept visible.
    expect(md).toContain("- **Guideline 2:** The application note's text");
    expect(md).toContain('- **Requirement 2.4.8.13:**');
    expect(md).toContain('- **Requirement unnumbered-1:**');
    expect(md).toContain('- **Requirement 2.4.3.13/1:**');
    expect(md).toContain(
      'Contains public sector information licensed under the Open Government Licence v3.0.',
    );
  });

  it.each(HOSTILE_NAMES)('escapes the hostile product name %s', (name) => {
    const md = renderMarkdown(reportOf(name), { color: false });
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<img/i);
    expect(md).toContain(`# Compliance report: ${escapeMarkdown(name)}`);
    expect(md).toContain(`**Model:** M\\|${escapeMarkdown(name)}`);
    // The only raw HTML is the renderer's own <br>.
    expect(md.replace(/<br>/g, '')).not.toMatch(/<[a-z/!]/i);
  });

  it('keeps every table row to its column count when data holds pipes and line breaks', () => {
    const report = reportOf('a|b', 'line one | still one\nline two `code` <b>x</b>');
    const md = renderMarkdown(report, { color: false });
    const lines = md.split('\n');
    let header = 0;
    for (let i = 0; i < lines.length; i += 1) {
      const l = lines[i]!;
      if (!l.startsWith('|')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(l).length;
      else expect(cells(l), l).toHaveLength(header);
    }
    expect(md).toContain('| line one \\| still one<br>line two \\`code\\` &lt;b&gt;x&lt;/b&gt; |');
  });

  it('shows each evidence item escaped in the cell, with assessor and date; full hashes under Evidence', () => {
    const extra = `  2.4.8.5:
    status: compliant
    assessor: "A. *Tester* <b>"
    date: 2026-11-20
    evidence:
      - { file: "evidence/a_b*c|d.txt", sha256: ${SHA}, title: "[x](javascript:alert(1))" }
      - { url: "https://example.com/report?a=1&b=2", title: Test report }
      - { note: "line one\\nline <two>" }
`;
    const report = reportOf('Example cam', 'Tested', extra);
    // Validation rejects a javascript: URL; a renderer must stay safe with one all the same.
    const hostile: Report = {
      ...report,
      requirements: report.requirements.map((r) =>
        r.id === '2.4.8.5'
          ? {
              ...r,
              evidence: [
                ...r.evidence.slice(0, 2),
                { kind: 'url', url: 'javascript:alert(1)', title: null },
                ...r.evidence.slice(2),
              ],
            }
          : r,
      ),
    };
    const md = renderMarkdown(hostile, { color: false });
    const one = tableUnder(md, md.split('\n').find((l) => l.startsWith('### 1. '))!);
    const row = one.find((r) => r[0] === '2.4.8.5')!;
    expect(row).toHaveLength(7);
    expect(row[5]!.split('<br>')).toEqual([
      '**File:** evidence/a\\_b\\*c\\|d.txt — \\[x\\](javascript:alert(1)) (SHA-256 0616d690fca4…)',
      '**Link:** Test report — https://example.com/report?a=1&amp;b=2',
      '**Link:** javascript:alert(1)',
      '**Note:** line one',
      'line &lt;two&gt;',
    ]);
    expect(row[6]).toBe('A. \\*Tester\\* &lt;b&gt;, 2026-11-20');
    // No link can form: every bracket from the data is escaped.
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md.replace(/<br>/g, '')).not.toMatch(/<[a-z/!]/i);
    // The cell has the short hash only; the Evidence section lists the file once with the full one.
    expect(row[5]).not.toContain(SHA);
    const evidence = tableUnder(md, '## Evidence');
    expect(evidence).toHaveLength(3);
    expect(evidence[0]).toEqual([
      '1',
      '**File:** evidence/a\\_b\\*c\\|d.txt — \\[x\\](javascript:alert(1))',
      SHA,
      '2.4.8.5',
    ]);
    expect(evidence[2]![1]).toBe('**Link:** javascript:alert(1)');
  });

  it('words applicability naturally: "Unknown — unanswered: …", never "Unknown: unanswered"', () => {
    const report = reportOf('Example cam');
    const md = renderMarkdown(report, { color: false });
    const unknown = report.requirements.filter((r) => r.applicability.kind === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    const rows = new Map<string, string[]>();
    for (const g of report.guidelines) {
      const heading = md.split('\n').find((l) => l.startsWith(`### ${g.number}. `))!;
      if (g.requirements.length)
        for (const r of tableUnder(md, heading)) rows.set(r[0]!.replace(/ \(no number\)$/, ''), r);
    }
    for (const r of unknown) expect(rows.get(escapeMarkdown(r.id))![3]).toMatch(/^Unknown — unanswered: /);
    expect(md).not.toMatch(/(Unknown|Applies|Does not apply|Always applies): /);
  });

  it('renders each warning as its own list item, a hint as an item under it, with no <br>', () => {
    const report = {
      ...reportOf('Example cam'),
      warnings: [
        'a.yaml:9:13: warning x: recorded *compliant*\n    hint: correct the status',
        'a.yaml:10:1: warning y: - odd',
        '1. starts like a list',
      ],
    };
    const md = renderMarkdown(report, { color: false });
    const section = md.slice(md.indexOf('## Warnings'));
    expect(section).toBe(
      [
        '## Warnings',
        '',
        '- a.yaml:9:13: warning x: recorded \\*compliant\\*',
        '  - hint: correct the status',
        '- a.yaml:10:1: warning y: - odd',
        '- 1\\. starts like a list',
        '',
      ].join('\n'),
    );
  });

  it('shows no raw relationship value: "unspecified" appears only inside catalog note texts', () => {
    const report = reportOf('Example cam');
    let md = renderMarkdown(report, { color: false });
    const notes = [
      ...report.catalog.source.notes,
      ...report.catalog.target.notes,
      ...report.catalog.mappingSet.notes,
      ...report.guidelines.flatMap((g) => g.notes),
      ...report.requirements.flatMap((r) => r.notes),
    ];
    for (const n of notes) md = md.split(escapeMarkdown(n.text)).join('');
    expect(md).not.toMatch(/unspecified/i);
  });
});
