/**
 * Human labels and colours shared by the text, Markdown and HTML renderers. Every table is an
 * exhaustive Record over a model type, so a new outcome or status fails to compile until each
 * renderer has a label, a colour and a symbol for it. Nothing here decides an outcome: the helpers
 * only arrange and word what the report model already says.
 */
import type pc from 'picocolors';
import type { Applicability } from '../core/applicability/applicability.js';
import type { Evidence } from '../core/assessment/assessment-types.js';
import type { Note, Relationship, Stakeholder } from '../core/catalog/catalog-types.js';
import type { EffectiveStatus, Outcome } from '../core/outcome/outcome-types.js';
import type {
  Report,
  ReportGuideline,
  ReportProfileAnswer,
  ReportRequirement,
} from '../core/report/report-model.js';

export type Colors = ReturnType<typeof pc.createColors>;
export type Formatter = Colors['red'];

export interface Style {
  /** What a reader sees, in sentence case. */
  readonly label: string;
  /** Markdown: a symbol placed before the label (the label is always there too). */
  readonly emoji: string;
  /** Terminal colour when colour is on. */
  readonly paint: (c: Colors) => Formatter;
  /** HTML: strong colour (text on white, or background under white text; contrast ≥ 4.5:1). */
  readonly fg: string;
  /** HTML: light tint for backgrounds under `fg` text. */
  readonly bg: string;
  /** HTML/SVG: a short glyph drawn next to the label so colour is never the only cue. */
  readonly glyph: string;
  /** SVG: fill of this outcome's or status's bar segment and legend swatch. */
  readonly bar: string;
}

export const OUTCOME_STYLE: Record<Outcome, Style> = {
  met: {
    label: 'Met',
    emoji: '✅',
    paint: (c) => c.green,
    fg: '#116329',
    bg: '#dafbe1',
    glyph: '✓',
    bar: '#1a7f37',
  },
  'partially-met': {
    label: 'Partially met',
    emoji: '🟠',
    paint: (c) => c.yellow,
    fg: '#953800',
    bg: '#fff1e5',
    glyph: '◐',
    bar: '#bc4c00',
  },
  'not-met': {
    label: 'Not met',
    emoji: '❌',
    paint: (c) => c.red,
    fg: '#b42318',
    bg: '#ffebe9',
    glyph: '✕',
    bar: '#cf222e',
  },
  incomplete: {
    label: 'Incomplete',
    emoji: '🟡',
    paint: (c) => c.yellow,
    fg: '#7a5900',
    bg: '#fff8c5',
    glyph: '◌',
    bar: '#9a6700',
  },
  'needs-attestation': {
    label: 'Needs attestation',
    emoji: '📝',
    paint: (c) => c.cyan,
    fg: '#0b6477',
    bg: '#e0f4f8',
    glyph: '?',
    bar: '#0e7490',
  },
  'not-applicable': {
    label: 'Not applicable',
    emoji: '➖',
    paint: (c) => c.dim,
    fg: '#4b5563',
    bg: '#f1f3f5',
    glyph: '–',
    bar: '#6e7781',
  },
};

export const STATUS_STYLE: Record<EffectiveStatus, Style> = {
  compliant: {
    label: 'Compliant',
    emoji: '✅',
    paint: (c) => c.green,
    fg: '#116329',
    bg: '#dafbe1',
    glyph: '✓',
    bar: '#1a7f37',
  },
  'partially-compliant': {
    label: 'Partially compliant',
    emoji: '🟠',
    paint: (c) => c.yellow,
    fg: '#953800',
    bg: '#fff1e5',
    glyph: '◐',
    bar: '#e16f24',
  },
  'non-compliant': {
    label: 'Non-compliant',
    emoji: '❌',
    paint: (c) => c.red,
    fg: '#b42318',
    bg: '#ffebe9',
    glyph: '✕',
    bar: '#cf222e',
  },
  'not-assessed': {
    label: 'Not assessed',
    emoji: '⬜',
    paint: (c) => c.yellow,
    fg: '#4b5563',
    bg: '#eef1f4',
    glyph: '○',
    bar: '#8c959f',
  },
  'applicability-unknown': {
    label: 'Applicability unknown',
    emoji: '❔',
    paint: (c) => c.yellow,
    fg: '#7a5900',
    bg: '#fff8c5',
    glyph: '?',
    bar: '#d4a72c',
  },
  'not-applicable': {
    label: 'Not applicable',
    emoji: '➖',
    paint: (c) => c.dim,
    fg: '#4b5563',
    bg: '#f1f3f5',
    glyph: '–',
    bar: '#d0d7de',
  },
};

/** Display order (best first, not applicable last): the records' own key order, so it is complete. */
export const OUTCOME_ORDER = Object.keys(OUTCOME_STYLE) as readonly Outcome[];
export const STATUS_ORDER = Object.keys(STATUS_STYLE) as readonly EffectiveStatus[];

export const STAKEHOLDER_LABEL: Record<Stakeholder, string> = {
  'device-manufacturers': 'Device manufacturers',
  'iot-service-providers': 'IoT service providers',
  'mobile-application-developers': 'Mobile application developers',
  retailers: 'Retailers',
};

export const APPLICABILITY_LABEL: Record<Applicability['kind'], string> = {
  always: 'Always applies',
  applies: 'Applies',
  'not-applicable': 'Does not apply',
  unknown: 'Unknown',
};

/**
 * A mapping relationship as a reader would say it. `unspecified` is what a plain crosswalk records
 * when its source states no set-theory relationship, which a reader should not take for a finding.
 */
export const RELATIONSHIP_LABEL: Record<Relationship, string> = {
  equal: 'equal',
  'subset-of': 'subset of',
  'superset-of': 'superset of',
  'intersects-with': 'intersects with',
  'no-relationship': 'no relationship',
  unspecified: 'mapped (relationship not stated by the source)',
};

/**
 * Reader titles of the source documents the catalog cites by id in provenance (alternative titles,
 * variant texts). The report model carries the ids only, so the renderers name them here.
 */
export const DOCUMENT_TITLE: Readonly<Record<string, string>> = {
  'iotsf-appnote-2018-03': 'IoTSF application note (March 2018)',
};

/**
 * A provenance string from the catalog worded for a reader: document ids become their titles, and
 * line numbers (which count lines of the catalog's text extraction, not of the document a reader
 * has) are left out. "iotsf-appnote-2018-03, Table 1 row 66, line 128" becomes
 * "IoTSF application note (March 2018), Table 1 row 66".
 */
export function provenanceText(source: string): string {
  let out = source;
  for (const [id, title] of Object.entries(DOCUMENT_TITLE)) {
    // "id Table 1 row 61" reads "title, Table 1 row 61".
    out = out
      .split(id)
      .map((part, i) => (i > 0 && /^ (?:table|page|row|section|column)\b/i.test(part) ? `,${part}` : part))
      .join(title);
  }
  return out
    .replace(/,?\s*\blines? \d+(?:[–-]\d+)?\b/g, '')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/\(\s*,\s*/g, '(')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first 12 hex digits of a SHA-256 and an ellipsis: enough to tell files apart at a glance. */
export function shortHash(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}

/** Where evidence is cited: a requirement (shown first under `guideline`) or a guideline's attestation. */
export interface Citation {
  readonly requirement: string | null;
  /** The guideline whose table shows the requirement first, or whose attestation cites it; null if none. */
  readonly guideline: string | null;
}

/** One file or link cited as evidence, with every place that cites it. */
export interface CitedEvidence {
  readonly evidence: Exclude<Evidence, { kind: 'note' }>;
  /** 1-based, in order of first citation. */
  readonly index: number;
  readonly citedBy: readonly Citation[];
}

/** What identifies one file or link across the report (the same path and hash; the same URL). */
export function evidenceKey(e: Evidence): string | null {
  if (e.kind === 'file') return `file\u0000${e.path}\u0000${e.sha256}`;
  if (e.kind === 'url') return `url\u0000${e.url}`;
  return null;
}

/**
 * Every file and link cited as evidence by a requirement or a guideline-level attestation, each
 * once, in the order the report first shows them (guideline by guideline).
 */
export function citedEvidence(report: Report): CitedEvidence[] {
  const byKey = new Map<
    string,
    { evidence: CitedEvidence['evidence']; index: number; citedBy: Citation[] }
  >();
  const cite = (evidence: readonly Evidence[], at: Citation) => {
    for (const e of evidence) {
      const key = evidenceKey(e);
      if (key === null || e.kind === 'note') continue;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { evidence: e, index: byKey.size + 1, citedBy: [] };
        byKey.set(key, entry);
      }
      if (!entry.citedBy.some((c) => c.requirement === at.requirement && c.guideline === at.guideline))
        entry.citedBy.push(at);
    }
  };
  const byReq = new Map(report.requirements.map((r) => [r.id, r]));
  const seen = new Set<string>();
  for (const g of report.guidelines) {
    if (g.attestation) cite(g.attestation.evidence, { requirement: null, guideline: g.id });
    for (const id of g.requirements) {
      const r = byReq.get(id);
      if (!r || seen.has(id)) continue;
      seen.add(id);
      cite(r.evidence, { requirement: id, guideline: g.id });
    }
  }
  for (const r of report.requirements)
    if (!seen.has(r.id)) cite(r.evidence, { requirement: r.id, guideline: null });
  return [...byKey.values()];
}

/**
 * One line in place of the warnings, for the terminal report: the CLI has already printed them on
 * stderr, so listing them again would show each twice. Null when there are none.
 */
export function warningsSummary(report: Report): string | null {
  const n = report.warnings.length;
  if (n === 0) return null;
  // Warnings are formatted "file:line:col: warning …"; name the file when they share a plain one.
  const files = new Set(report.warnings.map((w) => /^(.+?):\d+(?::\d+)?: warning\b/.exec(w)?.[1]));
  const [file] = files;
  const target = files.size === 1 && file && /^[\w./@%+=,-]+$/.test(file) ? file : 'FILE';
  const them = n === 1 ? 'it' : 'them';
  return `${plural(n, 'warning')} while reading the assessment (printed on stderr; \`${report.tool.name} validate ${target}\` lists ${them} again)`;
}

export const ORIGIN_LABEL: Record<ReportProfileAnswer['origin'], string> = {
  answered: 'Answered',
  gated: 'Follows from another answer',
  unanswered: 'Not answered',
};

export const NOTE_KIND_LABEL: Record<Note['kind'], string> = {
  note: 'Note',
  defect: 'Source defect',
};

/** The guideline's title, or the best stand-in the model offers. */
export function guidelineTitle(g: ReportGuideline): string {
  return g.title ?? g.altTitles[0]?.title ?? `Guideline ${g.number ?? g.id}`;
}

/** "1", or the id when the source prints no number. */
export function guidelineNumber(g: ReportGuideline): string {
  return g.number ?? g.id;
}

/** A share in [0, 1] as a percentage with one decimal, or "n/a" when the model gives none. */
export function formatShare(share: number | null): string {
  if (share === null) return 'n/a';
  const pct = Math.round(share * 1000) / 10;
  return `${pct % 1 === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** "2026-12-01 10:00 UTC" from an ISO timestamp; the input unchanged if it is not one. */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function yesNo(value: boolean | 'unknown' | null): string {
  if (value === null || value === 'unknown') return 'Unknown';
  return value ? 'Yes' : 'No';
}

/** How the profile answer reads: the raw answer, and what was used when it was gated. */
export function profileAnswerText(p: ReportProfileAnswer): string {
  if (p.origin === 'gated') {
    return p.answer === null || p.answer === p.value
      ? `${yesNo(p.value)} (follows from another answer)`
      : `${yesNo(p.value)} (answered ${yesNo(p.answer)}, overridden by another answer)`;
  }
  return yesNo(p.origin === 'answered' ? p.value : null);
}

/** Applicability in one phrase: its kind, who decided a not-applicable, and the model's reason. */
export function applicabilityText(r: ReportRequirement): string {
  const parts: string[] = [APPLICABILITY_LABEL[r.applicability.kind]];
  if (r.applicability.reason) parts[0] = `${parts[0]} — ${r.applicability.reason}`;
  if (r.notApplicableBy === 'assessor') parts.push('marked not applicable by the assessor');
  if (r.contradictsProfile) parts.push('the recorded status contradicts the profile');
  return parts.join('; ');
}

export function sectionText(r: ReportRequirement): string {
  return r.section ? `${r.section.id} ${r.section.title}` : 'Unknown section';
}

/** How many mapped requirements apply (everything but not applicable), from the model's counts. */
export function applicableCount(g: ReportGuideline): number {
  return g.requirements.length - g.counts['not-applicable'];
}

/** A sentence on the top-priority guidelines, listing each one's outcome as the model gives it. */
export function topPriorityText(report: Report): string {
  const top = report.summary.topPriority;
  if (top.guidelines.length === 0) return 'no guideline is marked top priority';
  const byId = new Map(report.guidelines.map((g) => [g.id, g]));
  const ids = top.guidelines.map((id) => byId.get(id)?.number ?? id).join(', ');
  if (top.allMet) return `top-priority guidelines (${ids}): all met`;
  const detail = top.guidelines
    .map((id) => {
      const g = byId.get(id);
      return `guideline ${g?.number ?? id} ${g ? OUTCOME_STYLE[g.outcome].label.toLowerCase() : 'unknown'}`;
    })
    .join(', ');
  return `top-priority guidelines (${ids}): not all met (${detail})`;
}

export interface SourceNote {
  /** Where the note is attached, for people: "Requirement 2.4.3.13/1", "Guideline 2", a framework title. */
  readonly where: string;
  /** The guideline or requirement the note is attached to; null for framework and mapping notes. */
  readonly ref: { readonly type: 'guideline' | 'requirement'; readonly id: string } | null;
  readonly kind: Note['kind'];
  readonly text: string;
}

/** Every defect note in the catalog context of the report, in catalog order. */
export function sourceDefects(report: Report): SourceNote[] {
  const out: SourceNote[] = [];
  const push = (where: string, ref: SourceNote['ref'], notes: readonly Note[]) => {
    for (const n of notes) if (n.kind === 'defect') out.push({ where, ref, kind: n.kind, text: n.text });
  };
  push(report.catalog.source.shortTitle, null, report.catalog.source.notes);
  push(report.catalog.target.shortTitle, null, report.catalog.target.notes);
  push(report.catalog.mappingSet.title, null, report.catalog.mappingSet.notes);
  for (const g of report.guidelines) {
    push(`Guideline ${guidelineNumber(g)}`, { type: 'guideline', id: g.id }, g.notes);
  }
  for (const r of report.requirements)
    push(`Requirement ${r.id}`, { type: 'requirement', id: r.id }, r.notes);
  return out;
}

/** "2026-02-20 to 2026-03-13" (one date when all records share it); null when no record has a date. */
export function assessmentDatesText(report: Report): string | null {
  const d = report.assessmentDates;
  if (!d) return null;
  return d.first === d.last ? d.first : `${d.first} to ${d.last}`;
}

/** The CF section as a heading: "2.4.7 Wired and Wireless Interfaces", or a stand-in when unknown. */
export function sectionHeading(section: { readonly id: string; readonly title: string } | null): string {
  return section ? `${section.id} ${section.title}` : 'Section not given by the source';
}

/** Pluralise an English noun for a count. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
