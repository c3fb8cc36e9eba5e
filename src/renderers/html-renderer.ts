/**
 * The report as one standalone HTML page: no script, no external resource, inline CSS and SVG only,
 * so it works under `default-src 'none'; style-src 'unsafe-inline'; img-src data:` and prints well.
 * All markup goes through the `html` template, which escapes every interpolated value; links are
 * written only for http(s) URLs. The page arranges the report model and decides nothing itself.
 */
import type { Evidence, RequirementRecord } from '../core/assessment/assessment-types.js';
import type { Note } from '../core/catalog/catalog-types.js';
import type { EffectiveStatus, Outcome } from '../core/outcome/outcome-types.js';
import type {
  ReportFramework,
  ReportGuideline,
  ReportRequirement,
  ReportSection,
} from '../core/report/report-model.js';
import { guidelineChartSvg, statusBarSvg } from './guideline-chart-svg.js';
import { html, raw, type SafeHtml, safeHref } from './html-escape.js';
import {
  APPLICABILITY_LABEL,
  applicableCount,
  assessmentDatesText,
  type Citation,
  citedEvidence,
  evidenceKey,
  formatShare,
  formatTimestamp,
  guidelineNumber,
  guidelineTitle,
  NOTE_KIND_LABEL,
  ORIGIN_LABEL,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  plural,
  profileAnswerText,
  provenanceText,
  type SourceNote,
  STAKEHOLDER_LABEL,
  STATUS_ORDER,
  STATUS_STYLE,
  sectionHeading,
  shortHash,
  sourceDefects,
} from './labels.js';
import type { Renderer } from './renderer.js';

/** An id usable in `id` and `href="#…"` for any catalog id: non-alphanumerics become _hex. */
function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, (ch) => `_${ch.codePointAt(0)?.toString(16) ?? ''}`);
}
const guidelineAnchor = (gid: string) => `g-${slug(gid)}`;
const rowAnchor = (gid: string, rid: string) => `g-${slug(gid)}-r-${slug(rid)}`;

function outcomeBadge(outcome: Outcome, big = false): SafeHtml {
  const st = OUTCOME_STYLE[outcome];
  return html`<span class="${`badge o-${outcome}${big ? ' big' : ''}`}"><span aria-hidden="true">${st.glyph}</span> ${st.label}</span>`;
}

function statusBadge(status: EffectiveStatus): SafeHtml {
  const st = STATUS_STYLE[status];
  return html`<span class="${`badge s-${status}`}"><span aria-hidden="true">${st.glyph}</span> ${st.label}</span>`;
}

/**
 * A link for an http(s) URL, else the text alone. `printUrl`: in print, a link whose text is not its
 * URL shows the URL after it (a.ext::after), unless the caller prints the URL itself. A URL shown as
 * the text gets class `url`, which may wrap anywhere (it has no spaces to wrap at).
 */
function link(url: string, text?: string | null, printUrl = true): SafeHtml {
  const href = safeHref(url);
  const label = text || url;
  if (!href) return html`<span class="url">${label}</span>`;
  const cls = [label === url ? 'url' : '', printUrl && label !== url ? 'ext' : ''].filter(Boolean).join(' ');
  return html`<a href="${href}"${cls ? raw(` class="${cls}"`) : ''} rel="noopener noreferrer">${label}</a>`;
}

/** Evidence index numbers by evidenceKey, for the links from a table cell to the Evidence section. */
type EvidenceIndex = ReadonlyMap<string, number>;
const evidenceAnchor = (n: number) => `ev-${n}`;

/**
 * One evidence item, compact enough for a table cell: a file's path, title and the first 12 digits
 * of its SHA-256 (all 64 in the `title` attribute and in the Evidence section), a link by its
 * title, or a note in full.
 */
function evidenceItem(e: Evidence, index: EvidenceIndex): SafeHtml {
  const n = index.get(evidenceKey(e) ?? '');
  const ref = (inner: SafeHtml) => (n ? html`<a href="${`#${evidenceAnchor(n)}`}">${inner}</a>` : inner);
  switch (e.kind) {
    case 'file':
      return html`<li><span class="ev-kind">File</span> <code class="path">${e.path}</code>${e.title ? html` — ${e.title}` : ''} <span class="ev-hash">SHA-256&nbsp;${ref(html`<code class="hash" title="${e.sha256}">${shortHash(e.sha256)}</code>`)}</span></li>`;
    case 'url':
      return html`<li><span class="ev-kind">Link</span> ${link(e.url, e.title, false)}</li>`;
    case 'note':
      return html`<li><span class="ev-kind">Note</span> ${e.text}</li>`;
  }
}

function evidenceList(evidence: readonly Evidence[], index: EvidenceIndex): SafeHtml {
  if (evidence.length === 0) return html`<span class="muted">None</span>`;
  return html`<ul class="evidence">${evidence.map((e) => evidenceItem(e, index))}</ul>`;
}

function notesList(notes: readonly Note[], className = 'notes'): SafeHtml {
  if (notes.length === 0) return html``;
  return html`<ul class="${className}">${notes.map(
    (n) => html`<li class="${`note-${n.kind}`}"><strong>${NOTE_KIND_LABEL[n.kind]}:</strong> ${n.text}</li>`,
  )}</ul>`;
}

/**
 * "Assessed by NAME on DATE": the date is joined to the end of the name by no-break spaces, so
 * neither the date nor a closing parenthesis of the name can wrap onto a line by itself.
 */
function signOff(assessor: string | null, date: string | null): SafeHtml {
  if (!assessor && !date) return html``;
  const when = date
    ? html`${raw('&nbsp;on&nbsp;')}<time class="nowrap" datetime="${date}">${date}</time>`
    : '';
  return html`<p class="signoff">Assessed${assessor ? html` by <span class="who">${assessor}</span>` : ''}${when}</p>`;
}

function requirementRow(
  g: ReportGuideline,
  r: ReportRequirement,
  deciding: boolean,
  index: EvidenceIndex,
): SafeHtml {
  const a = r.applicability;
  const recorded = r.justification || r.evidence.length || r.assessor || r.date;
  return html`<tr id="${rowAnchor(g.id, r.id)}"${raw(deciding ? ' class="deciding"' : '')}>
<th scope="row"><span class="req-no">${r.number ?? 'No number'}</span>${r.number !== r.id ? html`<span class="muted small block">id ${r.id}</span>` : ''}${deciding ? html`<span class="tag block">Deciding</span>` : ''}</th>
<td class="req-text"><p class="sec">${r.section ? html`<span class="req-no">${r.section.id}</span> ${r.section.title}` : 'Section unknown'}</p>${r.text ?? html`<em class="muted">The source gives no text for this requirement.</em>`}${
    r.variants.length
      ? html`<details class="variants" open><summary>Also printed as</summary>${r.variants.map((v) => html`<p>${v.text} <span class="muted small">— ${provenanceText(v.source)}</span></p>`)}</details>`
      : ''
  }${notesList(r.notes, 'notes small')}</td>
<td>${statusBadge(r.status)}${r.notApplicableBy === 'assessor' ? html`<span class="small muted block">by the assessor</span>` : ''}${r.notApplicableBy === 'profile' ? html`<span class="small muted block">from the profile</span>` : ''}${r.contradictsProfile ? html`<span class="tag warn block">Contradicts profile</span>` : ''}</td>
<td class="small"><strong>${APPLICABILITY_LABEL[a.kind]}</strong>${a.reason ? html`<br>${a.reason}` : ''}${a.quote ? html`<br><span class="muted">Condition: “${a.quote}”</span>` : ''}</td>
<td class="small assess">${
    recorded
      ? html`${r.justification ? html`<p class="just">${r.justification}</p>` : ''}${r.evidence.length ? evidenceList(r.evidence, index) : ''}${signOff(r.assessor, r.date)}`
      : html`<span class="muted">—</span>`
  }</td>
</tr>`;
}

function attestationBlock(a: RequirementRecord, index: EvidenceIndex): SafeHtml {
  return html`<div class="attestation"><h4>Guideline-level attestation</h4>
<p>${statusBadge(a.status)} ${a.justification ?? ''}</p>
<dl class="inline"><dt>Evidence</dt><dd>${evidenceList(a.evidence, index)}</dd></dl>${signOff(a.assessor, a.date)}</div>`;
}

function guidelineSection(
  g: ReportGuideline,
  byReq: ReadonlyMap<string, ReportRequirement>,
  index: EvidenceIndex,
): SafeHtml {
  const num = guidelineNumber(g);
  const title = guidelineTitle(g);
  const deciding = new Set(g.deciding);
  const altTitles = g.altTitles.filter((t) => t.title !== g.title);
  const counts = STATUS_ORDER.filter((k) => g.counts[k] > 0);
  const rows = g.requirements.flatMap((id) => {
    const r = byReq.get(id);
    return r ? [requirementRow(g, r, deciding.has(id), index)] : [];
  });
  const decidingLinks = g.deciding.map(
    (id, i) =>
      html`${i ? ', ' : ''}<a href="${`#${rowAnchor(g.id, id)}`}">${byReq.get(id)?.number ?? id}${byReq.get(id)?.number !== id ? html` (${id})` : ''}</a>`,
  );
  return html`<section class="${`guideline o-${g.outcome}-edge`}" id="${guidelineAnchor(g.id)}" aria-labelledby="${`${guidelineAnchor(g.id)}-h`}">
<header class="g-head">
<div class="g-num" aria-hidden="true">${num}</div>
<div class="g-title">
<h3 id="${`${guidelineAnchor(g.id)}-h`}"><span class="visually-hidden">Guideline ${num}: </span>${title}</h3>
<p class="g-meta">${g.topPriority ? html`<span class="tag top">Top priority</span> ` : ''}${g.stakeholders.length ? html`Primarily applies to ${g.stakeholders.map((s) => STAKEHOLDER_LABEL[s]).join(', ')}` : ''}</p>
</div>
<div class="g-outcome">${outcomeBadge(g.outcome, true)}</div>
</header>
<div class="g-body">
${g.statement ? html`<blockquote class="statement">${g.statement}</blockquote>` : ''}
${altTitles.length ? html`<p class="small muted">${altTitles.map((t) => html`Also titled “${t.title}” — ${provenanceText(t.source)}. `)}</p>` : ''}
<p class="reason"><strong>Why ${OUTCOME_STYLE[g.outcome].label.toLowerCase()}:</strong> ${g.reason}</p>
${g.deciding.length && g.requirements.length ? html`<p class="small"><strong>Deciding requirements:</strong> ${decidingLinks}</p>` : ''}
${
  g.requirements.length
    ? html`<p class="chips">${plural(g.requirements.length, 'mapped requirement')}, ${applicableCount(g)} applicable: ${counts.map((k) => html`<span class="${`chip s-${k}`}">${g.counts[k]} ${STATUS_STYLE[k].label.toLowerCase()}</span> `)}</p>`
    : ''
}
${g.unmappedNote ? html`<p class="unmapped"><strong>No requirement is mapped to this guideline.</strong> The mapping source says: “${g.unmappedNote}”</p>` : ''}
${g.attestation ? attestationBlock(g.attestation, index) : ''}
${notesList(g.notes)}
${
  rows.length
    ? html`<div class="table-wrap"><table class="reqs">
<caption>Requirements mapped to guideline ${num}</caption>
<colgroup><col class="c-no"><col class="c-text"><col class="c-status"><col class="c-app"><col class="c-assess"></colgroup>
<thead><tr><th scope="col">No.</th><th scope="col">Requirement</th><th scope="col">Status</th><th scope="col">Applicability</th><th scope="col">Assessment</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : ''
}
</div>
</section>`;
}

const sectionAnchor = (s: ReportSection) => `s-${slug(s.section?.id ?? 'unknown')}`;

/**
 * One CF section of the checklist in catalog order: each requirement once, with its guidelines and
 * status; the number links to the full row (justification, evidence) under its first guideline.
 */
function sectionTable(
  s: ReportSection,
  byReq: ReadonlyMap<string, ReportRequirement>,
  byGuideline: ReadonlyMap<string, ReportGuideline>,
): SafeHtml {
  const rows = s.requirements.flatMap((id) => {
    const r = byReq.get(id);
    if (!r) return [];
    const first = r.guidelines[0];
    const no = html`<span class="req-no">${r.number ?? 'No number'}</span>`;
    const a = r.applicability;
    return [
      html`<tr><th scope="row">${first ? html`<a href="${`#${rowAnchor(first, r.id)}`}">${no}</a>` : no}${r.number !== r.id ? html`<span class="muted small block">id ${r.id}</span>` : ''}</th>
<td class="req-text">${r.text ?? html`<em class="muted">The source gives no text for this requirement.</em>`}</td>
<td>${r.guidelines.map((g, i) => html`${i ? ', ' : ''}<a href="${`#${guidelineAnchor(g)}`}">${byGuideline.get(g)?.number ?? g}</a>`)}</td>
<td class="small"><strong>${APPLICABILITY_LABEL[a.kind]}</strong>${a.reason ? html`<br>${a.reason}` : ''}</td>
<td>${statusBadge(r.status)}</td></tr>`,
    ];
  });
  const heading = sectionHeading(s.section);
  return html`<div class="table-wrap"><table class="bysec" id="${sectionAnchor(s)}">
<caption>${heading} <span class="muted">(${plural(rows.length, 'requirement')})</span></caption>
<colgroup><col class="c-no"><col class="c-text"><col class="c-gl"><col class="c-app"><col class="c-status"></colgroup>
<thead><tr><th scope="col">No.</th><th scope="col">Requirement</th><th scope="col">Guidelines</th><th scope="col">Applicability</th><th scope="col">Status</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function frameworkCard(fw: ReportFramework, role: string): SafeHtml {
  return html`<div class="card framework">
<p class="eyebrow dark">${role}</p>
<h3>${fw.title}</h3>
<dl class="grid2">
<dt>Version</dt><dd>${fw.version}</dd>
<dt>Publisher</dt><dd>${fw.publisher}</dd>
<dt>Published</dt><dd>${fw.publicationDate}</dd>
<dt>Source</dt><dd>${fw.source.url ? link(fw.source.url, fw.source.title) : fw.source.title}</dd>
<dt>Licence and attribution</dt><dd>${fw.licence}</dd>
</dl>
${notesList(fw.notes, 'notes small')}
</div>`;
}

function css(): string {
  const outcomeCss = OUTCOME_ORDER.map((o) => {
    const st = OUTCOME_STYLE[o];
    return `.o-${o}{color:${st.fg};background:${st.bg};border-color:${st.fg}}.o-${o}-edge{border-left-color:${st.bar}}.o-${o}-edge .g-num{color:${st.fg};background:${st.bg}}`;
  }).join('\n');
  const statusCss = STATUS_ORDER.map((s) => {
    const st = STATUS_STYLE[s];
    return `.s-${s}{color:${st.fg};background:${st.bg};border-color:${st.bar}}`;
  }).join('\n');
  return `
:root{--ink:#1f2328;--muted:#57606a;--line:#d8dee4;--soft:#f6f8fa;--accent:#14355c;--link:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef1f5;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;font-feature-settings:"tnum" 1}
a{color:var(--link)}
code,.req-no,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.86em}
.path,.url,.hash{overflow-wrap:anywhere}
.nowrap{white-space:nowrap}
.block{display:block}
.page{max-width:1160px;margin:24px auto;background:#fff;box-shadow:0 1px 3px rgba(16,24,40,.08),0 8px 24px rgba(16,24,40,.06);border-radius:14px;overflow:hidden}
.cover{background:linear-gradient(135deg,#0d2238 0%,#14355c 55%,#1f5a8f 100%);color:#fff;padding:44px 56px 36px}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.14em;font-size:12px;font-weight:700;color:#b9d3f0}
.eyebrow.dark{color:var(--muted)}
.cover h1{margin:10px 0 6px;font-size:40px;line-height:1.12;font-weight:800;letter-spacing:-.01em;overflow-wrap:anywhere}
.cover .sub{margin:0 0 26px;font-size:17px;color:#dce9f7}
.cover dl{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:14px 28px;margin:0;padding-top:22px;border-top:1px solid rgba(255,255,255,.22)}
.cover dt{font-size:11.5px;text-transform:uppercase;letter-spacing:.08em;color:#a9c4e4;font-weight:600}
.cover dd{margin:2px 0 0;font-size:14px;color:#fff;overflow-wrap:anywhere}
.cover .wide{grid-column:span 2}
.cover ul.assessors{list-style:none;margin:2px 0 0;padding:0}
.cover ul.assessors li{margin:0 0 2px}
.cover .records{color:#a9c4e4;font-size:12.5px;white-space:nowrap}
nav.toc{padding:14px 56px;border-bottom:1px solid var(--line);background:var(--soft);font-size:13.5px}
nav.toc ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px 22px}
nav.toc a{text-decoration:none;font-weight:600}
main{padding:8px 56px 40px}
h2{font-size:24px;line-height:1.25;margin:44px 0 16px;padding-bottom:8px;border-bottom:2px solid var(--line);letter-spacing:-.005em}
h3{font-size:18px;line-height:1.3;margin:0}
h4{font-size:14px;margin:0 0 6px}
p{margin:.5em 0}
.muted{color:var(--muted)}
.small{font-size:12.5px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.lead{font-size:16.5px;max-width:860px}
.kpis{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:16px;margin:18px 0 8px}
.kpi{border:1px solid var(--line);border-radius:12px;padding:18px 20px 16px;background:#fff}
.kpi .label{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-weight:700;margin:0}
.kpi .big{font-size:46px;font-weight:800;line-height:1.05;margin:8px 0 4px;letter-spacing:-.02em}
.kpi .big small{font-size:20px;font-weight:600;color:var(--muted);letter-spacing:0}
.kpi ul{list-style:none;margin:10px 0 0;padding:0;font-size:13px}
.kpi li{display:flex;justify-content:space-between;align-items:center;gap:10px;padding:4px 0;border-top:1px solid #eef1f4}
.kpi li .badge{flex-shrink:0}
.statusbar{display:block;margin:12px 0 6px;border-radius:7px;overflow:hidden}
.badge{display:inline-block;padding:1px 9px;border:1px solid;border-radius:999px;font-size:12px;font-weight:700;white-space:nowrap;line-height:1.6}
.badge.big{font-size:13.5px;padding:3px 12px}
.chip{display:inline-block;padding:0 8px;border-left:4px solid;border-radius:4px;font-size:12px;font-weight:600;margin:2px 2px 2px 0}
.tag{display:inline-block;font-size:10.5px;font-weight:700;letter-spacing:.05em;text-transform:uppercase;padding:1px 7px;border-radius:4px;background:#e7eefa;color:#14355c;white-space:nowrap}
.tag.top{background:#14355c;color:#fff}
.tag.warn{background:#fff1e5;color:#953800}
figure{margin:22px 0 0;padding:20px;border:1px solid var(--line);border-radius:12px;background:#fcfdfe}
figcaption{font-size:13px;color:var(--muted);margin-top:10px}
svg.chart{display:block;height:auto}
.overview{width:100%}
.guideline{border:1px solid var(--line);border-left:6px solid;border-radius:12px;margin:22px 0;overflow:hidden;background:#fff}
.g-head{display:grid;grid-template-columns:auto 1fr auto;gap:16px;align-items:center;padding:16px 20px;background:var(--soft);border-bottom:1px solid var(--line)}
.g-num{width:46px;height:46px;border-radius:10px;display:grid;place-items:center;font-size:22px;font-weight:800}
.g-meta{margin:4px 0 0;font-size:12.5px;color:var(--muted)}
.g-body{padding:6px 20px 18px}
.statement{margin:12px 0;padding:8px 14px;border-left:3px solid #c8d1dc;color:#394452;font-style:italic;background:#fafbfc}
.reason{font-size:15px}
.unmapped{padding:10px 14px;background:#f6f8fa;border-radius:8px}
.attestation{margin:12px 0;padding:12px 14px;border:1px dashed #9aa5b1;border-radius:8px}
dl.inline{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:6px 0 0;font-size:13px}
dl.inline dt{font-weight:600;color:var(--muted)}
dl.inline dd{margin:0}
.notes{margin:8px 0;padding-left:18px;font-size:13px}
.notes li{margin:3px 0}
.note-defect strong{color:#953800}
.table-wrap{overflow-x:auto;margin-top:12px}
table{width:100%;border-collapse:collapse;font-size:13px}
caption{text-align:left;font-weight:700;font-size:13px;color:var(--muted);padding:0 0 6px}
th,td{border-bottom:1px solid var(--line);padding:8px 8px;vertical-align:top;text-align:left}
thead th{background:#f0f3f6;font-size:12px;font-weight:700;color:#424a53;border-bottom:2px solid #c8d1dc;overflow-wrap:normal}
tbody th{font-weight:600}
tr.deciding{background:#fffbea}
table.reqs,table.ev-register,table.bysec{table-layout:fixed}
table.bysec{margin-top:18px}
table.bysec caption{font-size:15px;color:var(--ink);padding:0 0 8px}
table.bysec col.c-no{width:10%}table.bysec col.c-text{width:48%}table.bysec col.c-gl{width:10%}
table.bysec col.c-app{width:17%}table.bysec col.c-status{width:15%}
table.reqs col.c-no{width:9%}table.reqs col.c-text{width:32%}table.reqs col.c-status{width:14%}
table.reqs col.c-app{width:16%}table.reqs col.c-assess{width:29%}
table.ev-register col.c-i{width:6%}table.ev-register col.c-item{width:70%}table.ev-register col.c-cited{width:24%}
td,tbody th{overflow-wrap:break-word}
table .badge{font-size:11px;padding:1px 7px}
table.reqs .badge,table.bysec .badge{white-space:normal;border-radius:6px}
.tag.block{width:max-content;margin-top:5px}
.sec{margin:0 0 4px;font-size:11.5px;font-weight:600;color:var(--muted)}
.sec .req-no{font-weight:600}
.assess p{margin:0 0 6px}
.assess .signoff{margin:6px 0 0}
.signoff{color:var(--muted)}
.signoff .who{color:var(--ink)}
.variants{margin-top:6px;font-size:12px}.variants summary{color:var(--muted);font-weight:600}
ul.evidence{list-style:none;margin:0;padding:0}
ul.evidence li{margin:0 0 5px}
.ev-hash{white-space:nowrap;color:var(--muted)}
.ev-hash a{text-decoration:none}
.hash.full{font-size:.82em;letter-spacing:.01em}
.ev-kind{display:inline-block;font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:#424a53;background:#eef1f4;border-radius:3px;padding:0 5px}
.card{border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin:14px 0}
.cards{display:grid;grid-template-columns:1fr;gap:0}
dl.grid2{display:grid;grid-template-columns:11em 1fr;gap:4px 16px;font-size:13.5px;margin:10px 0}
dl.grid2 dt{color:var(--muted);font-weight:600}
dl.grid2 dd{margin:0;overflow-wrap:anywhere}
.defects td:first-child,.defects th:first-child{white-space:nowrap}
.warnings li{margin:4px 0}
footer.foot{padding:22px 56px 30px;border-top:1px solid var(--line);background:var(--soft);font-size:12.5px;color:var(--muted)}
footer.foot p{margin:4px 0}
${outcomeCss}
${statusCss}
@media screen and (max-width:800px){.cover,main,nav.toc,footer.foot{padding-left:20px;padding-right:20px}.kpis,.cards,.cover dl{grid-template-columns:1fr}.cover .wide{grid-column:auto}.g-head{grid-template-columns:auto 1fr}.g-outcome{grid-column:1/-1}}
@media print{
@page{size:A4;margin:14mm 12mm}
body{background:#fff;font-size:9.5pt}
table{font-size:7.8pt}
thead th{font-size:7pt}
table .badge,.badge{font-size:7pt;padding:0 5px}
.badge.big{font-size:9pt}
.tag{font-size:5.5pt;padding:0 3px}
.chip{font-size:7pt}
table.reqs col.c-no{width:10%}table.reqs col.c-text{width:32%}table.reqs col.c-status{width:12%}
table.reqs col.c-app{width:15%}table.reqs col.c-assess{width:31%}
table.bysec col.c-no{width:10%}table.bysec col.c-text{width:47%}table.bysec col.c-gl{width:9%}
table.bysec col.c-app{width:17%}table.bysec col.c-status{width:17%}
table.bysec caption{font-size:11pt}
.sec{font-size:7pt}
.ev-kind{font-size:5.5pt}
th,td{padding:4px 5px}
.small{font-size:7.5pt}
.kpi .big{font-size:30pt}
.cover h1{font-size:24pt}
.g-body{padding:4px 12px 10px}
.g-head{padding:10px 12px}
figure{padding:10px}
caption{break-after:avoid}
thead{break-after:avoid}
.page{margin:0;max-width:none;box-shadow:none;border-radius:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
nav.toc{display:none}
.cover{padding:16mm 12mm 12mm;min-height:250mm;display:flex;flex-direction:column;break-after:page;break-inside:avoid}
.cover h1{margin-top:30mm}
.cover dl{margin-top:auto}
p,li{orphans:3;widows:3}
.lead{break-inside:avoid}
main,footer.foot{padding-left:0;padding-right:0}
h2{break-after:avoid;page-break-after:avoid}
.g-head,.kpi,figure,.card,tr{break-inside:avoid;page-break-inside:avoid}
section.guideline{break-inside:auto}
thead{display:table-header-group}
.table-wrap{overflow:visible}
a{color:inherit;text-decoration:none}
a.ext::after{content:" (" attr(href) ")";font-size:.85em;color:var(--muted);overflow-wrap:anywhere}
}
`;
}

export const renderHtml: Renderer = (report) => {
  const p = report.product;
  const s = report.summary;
  const src = report.catalog.source;
  const tgt = report.catalog.target;
  const byReq = new Map(report.requirements.map((r) => [r.id, r]));
  const byGuideline = new Map(report.guidelines.map((g) => [g.id, g]));
  const top = report.guidelines.filter((g) => g.topPriority);
  const topMet = top.filter((g) => g.outcome === 'met').length;
  const defects = sourceDefects(report);
  const cited = citedEvidence(report);
  const evidenceIndex: EvidenceIndex = new Map(cited.map((c) => [evidenceKey(c.evidence) ?? '', c.index]));
  const citation = (at: Citation): SafeHtml => {
    const gNumber = at.guideline ? (byGuideline.get(at.guideline)?.number ?? at.guideline) : null;
    if (at.requirement === null)
      return at.guideline
        ? html`<a href="${`#${guidelineAnchor(at.guideline)}`}">Guideline ${gNumber} attestation</a>`
        : html``;
    const label = byReq.get(at.requirement)?.number ?? at.requirement;
    return at.guideline
      ? html`<a href="${`#${rowAnchor(at.guideline, at.requirement)}`}"><span class="req-no">${label}</span></a>`
      : html`<span class="req-no">${label}</span>`;
  };
  const defectAnchor = (ref: SourceNote['ref']): string | null => {
    if (!ref) return null;
    if (ref.type === 'guideline') return guidelineAnchor(ref.id);
    const first = byReq.get(ref.id)?.guidelines[0];
    return first ? rowAnchor(first, ref.id) : null;
  };
  const subtitle = [
    p.model ? `Model ${p.model}` : null,
    p.version ? `Version ${p.version}` : null,
    p.manufacturer,
  ].filter((x): x is string => Boolean(x));

  const shareText =
    s.compliantShare === null
      ? html`<p class="big">n/a</p><p>No requirement is known to apply yet.</p>`
      : html`<p class="big">${formatShare(s.compliantShare)}</p><p>of applicable requirements compliant (${s.compliantRequirements} of ${s.applicableRequirements})</p>`;

  const body = html`<div class="page">
<header class="cover">
<p class="eyebrow">Security compliance report · ${tgt.shortTitle}</p>
<h1>${p.name}</h1>
${subtitle.length ? html`<p class="sub">${subtitle.join(' · ')}</p>` : ''}
${p.description ? html`<p class="sub">${p.description}</p>` : ''}
<dl>
<div><dt>Manufacturer</dt><dd>${p.manufacturer ?? '—'}</dd></div>
<div><dt>Product version</dt><dd>${p.version ?? '—'}</dd></div>
<div><dt>Roles</dt><dd>${p.roles.length ? p.roles.map((r) => STAKEHOLDER_LABEL[r]).join(', ') : '—'}</dd></div>
<div><dt>Assessed with</dt><dd>${src.shortTitle} (version ${src.version})</dd></div>
<div><dt>Against</dt><dd>${tgt.shortTitle} (version ${tgt.version})</dd></div>
<div><dt>Generated</dt><dd><time datetime="${report.generatedAt}">${formatTimestamp(report.generatedAt)}</time> · ${report.tool.name} ${report.tool.version}</dd></div>
<div><dt>Assessment dates</dt><dd>${assessmentDatesText(report) ?? 'No record is dated'}</dd></div>
<div class="wide"><dt>${report.assessors.length === 1 ? 'Assessor' : 'Assessors'}</dt><dd>${
    report.assessors.length
      ? html`<ul class="assessors">${report.assessors.map((a) => html`<li>${a.name} <span class="records">(${plural(a.records, 'record')})</span></li>`)}</ul>`
      : 'No record names an assessor'
  }</dd></div>
</dl>
</header>
<nav class="toc" aria-label="Contents"><ol>
<li><a href="#summary">Executive summary</a></li>
<li><a href="#guidelines">Guidelines</a></li>
<li><a href="#sections">Requirements by CF section</a></li>
<li><a href="#gaps">Gaps</a></li>
<li><a href="#profile">Product profile</a></li>
${cited.length ? html`<li><a href="#evidence">Evidence</a></li>` : ''}
<li><a href="#sources">Sources and known defects</a></li>
${report.warnings.length ? html`<li><a href="#warnings">Warnings</a></li>` : ''}
</ol></nav>
<main>
<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Executive summary</h2>
<p class="lead">${p.name} meets <strong>${s.guidelinesMet} of the ${s.guidelinesTotal}</strong> guidelines of the ${tgt.title} (${tgt.publisher}, version ${tgt.version}), assessed through ${plural(s.requirementsTotal, 'requirement')} of the ${src.shortTitle}.</p>
<div class="kpis">
<div class="kpi"><p class="label">Guidelines met</p><p class="big">${s.guidelinesMet} <small>of ${s.guidelinesTotal}</small></p>
<ul>${OUTCOME_ORDER.filter((o) => s.outcomeCounts[o] > 0).map((o) => html`<li>${outcomeBadge(o)}<span>${s.outcomeCounts[o]}</span></li>`)}</ul></div>
<div class="kpi"><p class="label">Requirements compliant</p>${shareText}
${statusBarSvg(report)}
<ul>${STATUS_ORDER.filter((k) => s.statusCounts[k] > 0).map((k) => html`<li><span class="${`chip s-${k}`}">${STATUS_STYLE[k].label}</span><span>${s.statusCounts[k]}</span></li>`)}</ul></div>
<div class="kpi"><p class="label">Top priority guidelines</p><p class="big">${topMet} <small>of ${top.length} met</small></p>
<p>${s.topPriority.allMet ? 'All top-priority guidelines are met.' : 'Not all top-priority guidelines are met.'}</p>
<ul>${top.map((g) => html`<li><a href="${`#${guidelineAnchor(g.id)}`}">${guidelineNumber(g)}. ${guidelineTitle(g)}</a>${outcomeBadge(g.outcome)}</li>`)}</ul></div>
</div>
<figure>
${guidelineChartSvg(report)}
<figcaption>Each tile is one guideline, coloured and labelled by its outcome; the bar along its foot shows the statuses of the requirements mapped to it. Guidelines 1–3 are the Code's top priorities.</figcaption>
</figure>
<div class="table-wrap"><table class="overview">
<caption>Guideline outcomes</caption>
<thead><tr><th scope="col">No.</th><th scope="col">Guideline</th><th scope="col">Outcome</th><th scope="col">Reason</th></tr></thead>
<tbody>${report.guidelines.map((g) => html`<tr><th scope="row">${guidelineNumber(g)}</th><td><a href="${`#${guidelineAnchor(g.id)}`}">${guidelineTitle(g)}</a>${g.topPriority ? html` <span class="tag top">Top priority</span>` : ''}</td><td>${outcomeBadge(g.outcome)}</td><td class="small">${g.reason}</td></tr>`)}</tbody>
</table></div>
</section>

<section id="guidelines" aria-labelledby="guidelines-h">
<h2 id="guidelines-h">Guidelines</h2>
<p>Each guideline with its outcome, the reason, the requirements that decide it and every requirement mapped to it. Rows marked “Deciding” are the requirements that decide the guideline’s outcome.</p>
${report.guidelines.map((g) => guidelineSection(g, byReq, evidenceIndex))}
</section>

<section id="sections" aria-labelledby="sections-h">
<h2 id="sections-h">Requirements by CF section</h2>
<p>Every requirement once, in the order of the ${src.shortTitle}, with the guidelines it maps to and its status. A requirement’s number links to its full entry — justification, evidence, assessor — under its first guideline.</p>
${report.sections.map((sec) => sectionTable(sec, byReq, byGuideline))}
</section>

<section id="gaps" aria-labelledby="gaps-h">
<h2 id="gaps-h">Gaps</h2>
${
  report.gaps.length === 0
    ? html`<p>No gaps: every applicable requirement is compliant.</p>`
    : html`<p>${plural(report.gaps.length, 'requirement')} keep guidelines from being met, the most blocking first.</p>
<div class="table-wrap"><table>
<caption>Requirements to resolve</caption>
<thead><tr><th scope="col">Rank</th><th scope="col">Requirement</th><th scope="col">Status</th><th scope="col">Blocks guidelines</th><th scope="col">Requirement text</th></tr></thead>
<tbody>${report.gaps.map((gap, i) => {
        const first = byReq.get(gap.id)?.guidelines[0];
        return html`<tr><td>${i + 1}</td><th scope="row">${first ? html`<a href="${`#${rowAnchor(first, gap.id)}`}"><span class="req-no">${gap.id}</span></a>` : html`<span class="req-no">${gap.id}</span>`}</th><td>${statusBadge(gap.status)}</td><td>${gap.blocks.map((b, j) => html`${j ? ', ' : ''}<a href="${`#${guidelineAnchor(b)}`}">${byGuideline.get(b)?.number ?? b}</a>`)}${gap.blocksTopPriority ? html` <span class="tag top">Top priority</span>` : ''}</td><td class="small">${gap.text ?? html`<em class="muted">The source gives no text.</em>`}</td></tr>`;
      })}</tbody></table></div>`
}
</section>

<section id="profile" aria-labelledby="profile-h">
<h2 id="profile-h">Product profile</h2>
<p>What the assessment says about the product. Whether a conditional requirement applies is derived from these answers; an unanswered question leaves its requirements of unknown applicability.</p>
<div class="table-wrap"><table>
<caption>Profile answers</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Origin</th><th scope="col">Fact</th></tr></thead>
<tbody>${report.profile.map((a) => html`<tr><th scope="row">${a.question}</th><td><strong>${profileAnswerText(a)}</strong></td><td class="small">${ORIGIN_LABEL[a.origin]}</td><td><code>${a.id}</code></td></tr>`)}</tbody>
</table></div>
</section>

${
  cited.length
    ? html`<section id="evidence" aria-labelledby="evidence-h">
<h2 id="evidence-h">Evidence</h2>
<p>Every file and link cited as evidence, each listed once. The requirement tables show the first 12 digits of a file’s SHA-256; the full value is here, so that a recipient can check that the copy of the file they hold is the one that was assessed (for example with <code>sha256sum</code>).</p>
<div class="table-wrap"><table class="ev-register">
<caption>Files and links cited as evidence</caption>
<colgroup><col class="c-i"><col class="c-item"><col class="c-cited"></colgroup>
<thead><tr><th scope="col">No.</th><th scope="col">File or link</th><th scope="col">Cited by</th></tr></thead>
<tbody>${cited.map((c) => {
        const e = c.evidence;
        const item =
          e.kind === 'file'
            ? html`<span class="ev-kind">File</span> <code class="path">${e.path}</code>${e.title ? html` — ${e.title}` : ''}<br><span class="muted small">SHA-256</span> <code class="hash full">${e.sha256}</code>`
            : html`<span class="ev-kind">Link</span> ${e.title ? html`${e.title}<br>` : ''}${link(e.url, null, false)}`;
        return html`<tr id="${evidenceAnchor(c.index)}"><th scope="row">${c.index}</th><td>${item}</td><td class="small">${c.citedBy.map((at, i) => html`${i ? ', ' : ''}${citation(at)}`)}</td></tr>`;
      })}</tbody></table></div>
</section>`
    : ''
}

<section id="sources" aria-labelledby="sources-h">
<h2 id="sources-h">Sources and known source defects</h2>
<p>The catalog reproduces its source documents faithfully, including their faults; they are listed here so that nobody mistakes a defect of the source for a finding about the product.</p>
<h3>Known source defects (${defects.length})</h3>
${
  defects.length
    ? html`<div class="table-wrap"><table class="defects">
<caption>Defects kept visible from the source documents</caption>
<thead><tr><th scope="col">Where</th><th scope="col">Defect</th></tr></thead>
<tbody>${defects.map((d) => {
        const anchor = defectAnchor(d.ref);
        return html`<tr><th scope="row">${anchor ? html`<a href="${`#${anchor}`}">${d.where}</a>` : d.where}</th><td>${d.text}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p>None recorded.</p>`
}
<div class="cards">
${frameworkCard(src, 'Requirements assessed')}
${frameworkCard(tgt, 'Guidelines reported')}
</div>
<div class="card"><p class="eyebrow dark">Mapping</p><h3>${report.catalog.mappingSet.title}</h3>${notesList(report.catalog.mappingSet.notes, 'notes small')}</div>
</section>

${
  report.warnings.length
    ? html`<section id="warnings" aria-labelledby="warnings-h"><h2 id="warnings-h">Warnings</h2>
<p>Found while reading the assessment.</p><ul class="warnings">${report.warnings.map((w) => {
        const [first = '', ...rest] = w
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
        return html`<li>${first}${rest.map((l) => html`<br><span class="muted">${l}</span>`)}</li>`;
      })}</ul></section>`
    : ''
}
</main>
<footer class="foot">
<p>Generated ${formatTimestamp(report.generatedAt)} by ${report.tool.name} ${report.tool.version} (report format ${report.formatVersion}). Outcomes are computed by the ${report.tool.name} engine from the assessment; this page only presents them.</p>
<p>${src.licence}</p>
<p>${tgt.licence}</p>
</footer>
</div>`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${html`${report.tool.name} ${report.tool.version}`}">
<title>${html`${p.name} — compliance report`}</title>
<style>${css()}</style>
</head>
<body>
${body}
</body>
</html>
`;
};
