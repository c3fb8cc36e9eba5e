/**
 * The HTML renderer: a standalone page with no script and no external resource, every string from
 * the report escaped, links only for http(s), an SVG chart with one mark per guideline, and every
 * known source defect visible. Expected values come from the report model or are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-model.js';
import { escapeHtml, html, raw, safeHref } from '../../src/renderers/html-escape.js';
import { renderHtml } from '../../src/renderers/html-renderer.js';
import { CF_SECTIONS } from '../fixtures/cf-sections.js';
import { HOSTILE_NAMES, OUTCOME_LABEL, reportFromYaml } from '../fixtures/report-fixture.js';

const LABEL = OUTCOME_LABEL;

const SHA = '0616d690fca43b9677412c93039bf12302143e3d3c498d1ec1b178a907ebb010';

const q = (s: string) => JSON.stringify(s);

function reportOf(name = 'Example cam'): Report {
  const yaml = `iotassure: 1
product: { name: ${q(name)}, model: C1, version: ${q(`1.2.0 ${name}`)}, manufacturer: ${q(name)}, roles: [device-manufacturers] }
profile: { wifi: true, wps: false, user-passwords: true }
requirements:
  2.4.8.4:
    status: compliant
    justification: ${q(`Rejected by firmware ${name}`)}
    assessor: ${q(name)}
    date: 2026-11-20
    evidence:
      - { file: evidence/blank-password.txt, sha256: ${SHA}, title: ${q(name)} }
      - { url: "https://example.com/report?a=1&b=2", title: Test report }
      - { note: ${q(name)} }
  2.4.8.6: { status: non-compliant, justification: No length check }
  2.4.12.11: { status: not-applicable, justification: Managed service only }
  2.4.12.12: { status: not-applicable, justification: Managed service only }
  2.4.12.13: { status: not-applicable, justification: Managed service only }
attestations:
  "10": { status: partially-compliant, justification: ${q(name)} }
`;
  return reportFromYaml(yaml, [`test.yaml:1:1: warning: ${name}`]);
}

/** The markup of the guideline section with the given id (guideline sections do not nest). */
function sectionById(page: string, id: string): string {
  const at = page.indexOf(`id="${id}"`);
  expect(at, id).toBeGreaterThan(-1);
  return page.slice(at, page.indexOf('</section>', at));
}

describe('escapeHtml, html and safeHref', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolated values unless they are markup the renderer made', () => {
    const value = '<b>"x"</b>';
    expect(html`<p title="${value}">${value}${raw('<br>')}${[value, 1]}${null}${false}</p>`.toString()).toBe(
      '<p title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&lt;/b&gt;<br>&lt;b&gt;&quot;x&quot;&lt;/b&gt;1</p>',
    );
  });

  it('allows only http and https links', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('HTTP://example.com')).toBe('HTTP://example.com');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>',
      '//evil.example',
      '/relative',
      'https://exa mple.com',
      'https://example.com/\nx',
      'vbscript:x',
    ]) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });
});

describe('html renderer', () => {
  it('is one standalone page: doctype, lang, charset, CSP, no script, no external resource', () => {
    const page = renderHtml(reportOf(), { color: false });
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<(link|iframe|object|embed|img|base|form)\b/i);
    expect(page).not.toMatch(/<[^>]*\s(src|srcset|on[a-z]+)\s*=/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).toContain('@media print');
    // Every link is in-page or http(s).
    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#|https?:\/\/)/);
  });

  it('shows each guideline with the outcome, reason and requirements the model gives', () => {
    const report = reportOf();
    const page = renderHtml(report, { color: false });
    expect(report.guidelines).toHaveLength(13);
    for (const g of report.guidelines) {
      const section = sectionById(page, `g-${g.id}`);
      expect(section).toContain(
        `<span class="visually-hidden">Guideline ${g.number}: </span>${escapeHtml(g.title!)}`,
      );
      expect(section).toContain(`<span class="badge o-${g.outcome} big"><span aria-hidden="true">`);
      expect(section).toContain(`</span> ${LABEL[g.outcome]}</span>`);
      expect(section).toContain(escapeHtml(g.reason));
      const rows = [...section.matchAll(/<tr id="g-[^"]+-r-[^"]+"/g)];
      expect(rows).toHaveLength(g.requirements.length);
    }
  });

  it('shows the outcomes worked out by hand', () => {
    const report = reportOf();
    const outcome = (n: string) => report.guidelines.find((g) => g.number === n)!.outcome;
    // 2.4.8.6 non-compliant: 1 not met. 10 attested partially compliant: partially met.
    // 12's three requirements all marked not applicable: not applicable. 2 untouched: incomplete.
    expect([outcome('1'), outcome('10'), outcome('12'), outcome('2')]).toEqual([
      'not-met',
      'partially-met',
      'not-applicable',
      'incomplete',
    ]);
    const page = renderHtml(report, { color: false });
    expect(sectionById(page, 'g-1')).toContain('Not met</span>');
    expect(sectionById(page, 'g-10')).toContain('Partially met</span>');
    expect(sectionById(page, 'g-12')).toContain('Not applicable</span>');
  });

  it('has an executive summary with the figures of the model', () => {
    const report = reportOf();
    const page = renderHtml(report, { color: false });
    expect(report.summary.guidelinesMet).toBe(0);
    expect(page).toContain('<p class="big">0 <small>of 13</small></p>');
    // 1 compliant (2.4.8.4) of the applicable requirements.
    const { compliantRequirements: c, applicableRequirements: a } = report.summary;
    expect(c).toBe(1);
    expect(page).toContain(`of applicable requirements compliant (1 of ${a})`);
    expect(page).toContain(`<p class="big">0 <small>of 3 met</small></p>`);
    expect(page).toContain('Not all top-priority guidelines are met.');
  });

  it('has an inline SVG chart with one titled mark per guideline, coloured and labelled by outcome', () => {
    const report = reportOf();
    const page = renderHtml(report, { color: false });
    const svg = page.slice(page.indexOf('<svg xmlns="http://www.w3.org/2000/svg" class="chart"'));
    const chart = svg.slice(0, svg.indexOf('</svg>'));
    expect(chart.length).toBeGreaterThan(0);
    expect(chart).toContain('role="img"');
    expect(chart).toMatch(/<title id="chart-title">/);
    const marks = [
      ...chart.matchAll(
        /<g class="tile"[^>]*data-guideline="([^"]+)" data-outcome="([^"]+)">\n<title>([^<]*)<\/title>/g,
      ),
    ];
    expect(marks.map((m) => m[1])).toEqual(report.guidelines.map((g) => g.id));
    expect(marks.map((m) => m[2])).toEqual(report.guidelines.map((g) => g.outcome));
    report.guidelines.forEach((g, i) => {
      expect(marks[i]![3]).toContain(`Guideline ${g.number}: `);
      expect(marks[i]![3]).toContain(`. ${LABEL[g.outcome]}. `);
    });
    // Every outcome is named in the legend.
    for (const label of Object.values(LABEL)) expect(chart).toContain(`>${label}</text>`);
  });

  it('shows evidence compactly: file path with a 12-digit hash, link, note; assessor and date', () => {
    const page = renderHtml(reportOf(), { color: false });
    const row = page.slice(page.indexOf('<tr id="g-1-r-2_2e4_2e8_2e4"'));
    const r = row.slice(0, row.indexOf('</tr>'));
    expect(r).toContain('<code class="path">evidence/blank-password.txt</code>');
    // The first 12 hex digits and an ellipsis, the full value in the title attribute only.
    expect(r).toContain(`<code class="hash" title="${SHA}">0616d690fca4…</code>`);
    expect(r.replace(`title="${SHA}"`, '')).not.toContain(SHA);
    expect(r).toContain(
      '<a href="https://example.com/report?a=1&amp;b=2" rel="noopener noreferrer">Test report</a>',
    );
    expect(r).toContain('<li><span class="ev-kind">Note</span> Example cam</li>');
    expect(r).toContain('<p class="just">Rejected by firmware Example cam</p>');
    // Name and date are held together by no-break spaces, so neither can wrap onto a line alone.
    expect(r).toContain(
      '<p class="signoff">Assessed by <span class="who">Example cam</span>&nbsp;on&nbsp;<time class="nowrap" datetime="2026-11-20">2026-11-20</time></p>',
    );
  });

  it('lists every file with its full SHA-256 in the Evidence section, linked both ways', () => {
    const page = renderHtml(reportOf(), { color: false });
    expect(page).toContain('<li><a href="#evidence">Evidence</a></li>');
    const section = page.slice(page.indexOf('<section id="evidence"'));
    const evidence = section.slice(0, section.indexOf('</section>'));
    const file = /<tr id="(ev-\d+)">(.*?)<\/tr>/s.exec(
      evidence.slice(evidence.lastIndexOf('<tr', evidence.indexOf('blank-password.txt'))),
    );
    expect(file).not.toBeNull();
    expect(file![2]).toContain('<code class="path">evidence/blank-password.txt</code> — Example cam');
    expect(file![2]).toContain(`<code class="hash full">${SHA}</code>`);
    // Cited by 2.4.8.4, linked to its row under guideline 1; the row's short hash links back here.
    expect(file![2]).toContain('<a href="#g-1-r-2_2e4_2e8_2e4"><span class="req-no">2.4.8.4</span></a>');
    expect(page).toContain(`<a href="#${file![1]}"><code class="hash" title="${SHA}">`);
    expect(evidence).toContain(
      '<a href="https://example.com/report?a=1&amp;b=2" class="url" rel="noopener noreferrer">https://example.com/report?a=1&amp;b=2</a>',
    );
    // A note is shown in full where it is cited, and is not repeated here.
    expect(evidence).not.toContain('>Note<');
  });

  it('lays the requirement tables out to fit the page, on screen and in print', () => {
    const page = renderHtml(reportOf(), { color: false });
    expect(page).not.toMatch(/word-break\s*:\s*break-all/);
    expect(page).not.toMatch(/hyphens\s*:\s*auto/);
    expect(page).toContain('table.reqs,table.ev-register,table.bysec{table-layout:fixed}');
    // Long tokens may wrap anywhere; ordinary words may not.
    expect(page).toContain('.path,.url,.hash{overflow-wrap:anywhere}');
    const cols = [...page.matchAll(/table\.reqs col\.c-([a-z]+)\{width:(\d+)%\}/g)];
    const header = /<colgroup>(.*?)<\/colgroup>/.exec(page.slice(page.indexOf('<table class="reqs">')))![1]!;
    const names = [...header.matchAll(/<col class="c-([a-z]+)">/g)].map((m) => m[1]);
    expect(cols).toHaveLength(names.length * 2);
    for (const set of [cols.slice(0, names.length), cols.slice(names.length)]) {
      expect(set.map((m) => m[1])).toEqual(names);
      const width: Record<string, number> = Object.fromEntries(set.map((m) => [m[1], Number(m[2])]));
      expect(Object.values(width).reduce((a, b) => a + b, 0)).toBe(100);
      expect(Math.max(...Object.values(width))).toBe(width.text);
    }
  });

  it('puts the assessment dates and every assessor, with their number of records, on the cover', () => {
    const report = reportOf('Example cam');
    // By hand: one record (2.4.8.4) names an assessor and a date; the attestation of 10 names neither.
    expect(report.assessors).toEqual([{ name: 'Example cam', records: 1 }]);
    expect(report.assessmentDates).toEqual({ first: '2026-11-20', last: '2026-11-20' });
    const page = renderHtml(report, { color: false });
    const cover = page.slice(page.indexOf('<header class="cover">'), page.indexOf('</header>'));
    expect(cover).toContain('<div><dt>Assessment dates</dt><dd>2026-11-20</dd></div>');
    expect(cover).toContain(
      '<dt>Assessor</dt><dd><ul class="assessors"><li>Example cam <span class="records">(1 record)</span></li></ul></dd>',
    );
    const none = renderHtml(reportFromYaml('iotassure: 1\nproduct: { name: Bare }\n'), { color: false });
    expect(none).toContain('<dd>No record is dated</dd>');
    expect(none).toContain('<dt>Assessors</dt><dd>No record names an assessor</dd>');
  });

  it('orders assessors by their number of records and spans the dates of all records', () => {
    const report = reportFromYaml(`iotassure: 1
product: { name: Cam }
requirements:
  2.4.8.4: { status: compliant, justification: ok, assessor: Bo, date: 2026-03-02 }
  2.4.8.5: { status: compliant, justification: ok, assessor: Al, date: 2026-01-15 }
  2.4.8.6: { status: compliant, justification: ok, assessor: Bo, date: 2026-02-01 }
  2.4.8.8: { status: compliant, justification: ok, assessor: Cy }
attestations:
  "10": { status: compliant, justification: ok, assessor: Cy, date: 2026-04-30 }
`);
    expect(report.assessors).toEqual([
      { name: 'Bo', records: 2 },
      { name: 'Cy', records: 2 },
      { name: 'Al', records: 1 },
    ]);
    expect(report.assessmentDates).toEqual({ first: '2026-01-15', last: '2026-04-30' });
    expect(renderHtml(report, { color: false })).toContain('<dd>2026-01-15 to 2026-04-30</dd>');
  });

  it('groups every requirement once by CF section, in catalog order, sections as the model gives them', () => {
    const report = reportOf();
    // The model: every requirement in exactly one section; a numbered requirement in the section
    // its number starts with; the one the source leaves unnumbered in a last, unknown section.
    const ids = report.sections.flatMap((s) => s.requirements);
    expect(ids).toHaveLength(126);
    expect(new Set(ids)).toEqual(new Set(report.requirements.map((r) => r.id)));
    for (const s of report.sections)
      for (const id of s.requirements) {
        const number = report.requirements.find((r) => r.id === id)?.number;
        expect(s.section?.id ?? null, id).toBe(number ? number.split('.').slice(0, 3).join('.') : null);
      }
    expect(report.sections.map((s) => s.section?.id ?? null)).toEqual([...CF_SECTIONS, null]);
    expect(report.sections.at(-1)?.requirements).toEqual(['unnumbered-1']);

    const page = renderHtml(report, { color: false });
    expect(page).toContain('<li><a href="#sections">Requirements by CF section</a></li>');
    const part = page.slice(page.indexOf('<section id="sections"'), page.indexOf('<section id="gaps"'));
    const tables = [...part.matchAll(/<table class="bysec" id="([^"]+)">\n<caption>([^<]*)/g)];
    expect(tables.map((t) => t[2])).toEqual(
      report.sections.map((s) =>
        s.section ? `${s.section.id} ${escapeHtml(s.section.title)} ` : 'Section not given by the source ',
      ),
    );
    // One row per requirement; the number links to its full row under its first guideline.
    expect([...part.matchAll(/<tr><th scope="row">/g)]).toHaveLength(126);
    expect(part).toContain('<a href="#g-1-r-2_2e4_2e8_2e4"><span class="req-no">2.4.8.4</span></a>');
    expect(part).toContain(
      '<td class="req-text">The product does not accept the use of null or blank passwords.</td>',
    );
    // 2.4.8.6 is non-compliant in the fixture, and maps to guideline 1 only.
    const row = part.slice(part.indexOf('>2.4.8.6<'));
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(
      /<td><a href="#g-1">1<\/a><\/td>[\s\S]*<span class="badge s-non-compliant">/,
    );
  });

  it('words provenance for a reader: a document title, not an id, and no line numbers', () => {
    const report = reportOf();
    const worded: Report = {
      ...report,
      guidelines: report.guidelines.map((g) =>
        g.id === '2' ? { ...g, altTitles: [{ title: 'Disclosure', source: 'iotsf-appnote-2018-03' }] } : g,
      ),
      requirements: report.requirements.map((r) =>
        r.id === '2.4.8.4'
          ? {
              ...r,
              variants: [{ text: 'Other text', source: 'iotsf-appnote-2018-03, Table 1 row 66, line 128' }],
            }
          : r,
      ),
    };
    const page = renderHtml(worded, { color: false });
    expect(page).toContain('Also titled “Disclosure” — IoTSF application note (March 2018).');
    expect(page).toContain(
      '<p>Other text <span class="muted small">— IoTSF application note (March 2018), Table 1 row 66</span></p>',
    );
    expect(page).not.toContain('iotsf-appnote');
    expect(page).not.toContain('line 128');
  });

  it('shows no raw relationship value: "unspecified" appears only inside catalog note texts', () => {
    const report = reportOf();
    let page = renderHtml(report, { color: false });
    const notes = [
      ...report.catalog.source.notes,
      ...report.catalog.target.notes,
      ...report.catalog.mappingSet.notes,
      ...report.guidelines.flatMap((g) => g.notes),
      ...report.requirements.flatMap((r) => r.notes),
    ];
    for (const n of notes) page = page.split(escapeHtml(n.text)).join('');
    expect(page).not.toMatch(/unspecified/i);
  });

  it('writes a non-http URL as text, never as a link', () => {
    const report = reportOf();
    const hostile: Report = {
      ...report,
      requirements: report.requirements.map((r) =>
        r.id === '2.4.8.4'
          ? { ...r, evidence: [{ kind: 'url', url: 'javascript:alert(1)', title: null }] }
          : r,
      ),
    };
    const page = renderHtml(hostile, { color: false });
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('<span class="url">javascript:alert(1)</span>');
  });

  it.each(HOSTILE_NAMES)('escapes the hostile product name %s everywhere', (name) => {
    const page = renderHtml(reportOf(name), { color: false });
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    const escaped = escapeHtml(name);
    expect(page).toContain(`<h1>${escaped}</h1>`);
    expect(page).toContain(`<title>${escaped} — compliance report</title>`);
    expect(page).toContain(`<li><span class="ev-kind">Note</span> ${escaped}</li>`);
    expect(page).toContain(`<li>test.yaml:1:1: warning: ${escaped}</li>`);
    if (name.includes('"')) expect(page).not.toContain(name);
  });

  it('lists every source defect note of the requirements and guidelines, and the frameworks', () => {
    const report = reportOf();
    const page = renderHtml(report, { color: false });
    const sources = page.slice(page.indexOf('<section id="sources"'));
    const defects = [
      ...report.guidelines.flatMap((g) => g.notes.filter((n) => n.kind === 'defect')),
      ...report.requirements.flatMap((r) => r.notes.filter((n) => n.kind === 'defect')),
    ];
    // The brief names these: guideline 2's cut title, 2.4.3.13 twice, 2.4.8.13 without text,
    // the unnumbered requirement, stray fragments, broken references, differing texts.
    expect(defects.length).toBeGreaterThanOrEqual(8);
    for (const d of defects) expect(sources).toContain(`<td>${escapeHtml(d.text)}</td>`);
    expect(sources).toMatch(/Known source defects \((\d+)\)/);
    expect(sources).toContain('<a href="#g-2">Guideline 2</a>');
    expect(sources).toContain('Requirement unnumbered-1');
    for (const fw of [report.catalog.source, report.catalog.target]) {
      expect(sources).toContain(escapeHtml(fw.licence));
      for (const n of fw.notes) expect(sources).toContain(escapeHtml(n.text));
    }
    for (const n of report.catalog.mappingSet.notes) expect(sources).toContain(escapeHtml(n.text));
  });

  it('lists the gaps and the profile answers', () => {
    const report = reportOf();
    const page = renderHtml(report, { color: false });
    const gaps = page.slice(page.indexOf('<section id="gaps"'), page.indexOf('<section id="profile"'));
    const ids = [...gaps.matchAll(/<span class="req-no">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(ids).toEqual(report.gaps.map((g) => escapeHtml(g.id)));
    const profile = page.slice(page.indexOf('<section id="profile"'), page.indexOf('<section id="sources"'));
    for (const p of report.profile)
      expect(profile).toContain(`<th scope="row">${escapeHtml(p.question)}</th>`);
    expect(profile).toMatch(
      /Does the device support Wi-Fi Protected Setup \(WPS\)\?<\/th><td><strong>No<\/strong>/,
    );
  });

  it('shows a warning with its hint on a line of its own', () => {
    const report = {
      ...reportOf(),
      warnings: ['a.yaml:9:13: warning x: <b>odd</b>\n    hint: fix it', 'a.yaml:10:1: warning y: odd'],
    };
    const page = renderHtml(report, { color: false });
    expect(page).toContain(
      '<ul class="warnings"><li>a.yaml:9:13: warning x: &lt;b&gt;odd&lt;/b&gt;<br><span class="muted">hint: fix it</span></li><li>a.yaml:10:1: warning y: odd</li></ul>',
    );
  });

  it('has headings in order, scoped table headers and text labels beside every badge', () => {
    const page = renderHtml(reportOf(), { color: false });
    const levels = [...page.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]!).toBeLessThanOrEqual(levels[i - 1]! + 1);
    for (const th of page.matchAll(/<th\b[^>]*>/g)) expect(th[0]).toMatch(/scope="(col|row)"/);
    for (const badge of page.matchAll(/<span class="badge [^"]+">(.*?)<\/span>(.*?)<\/span>/g)) {
      expect(badge[2]!.trim().length).toBeGreaterThan(0);
    }
  });
});
