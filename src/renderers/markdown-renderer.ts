/**
 * The report as Markdown (GitHub Flavored) for a pull request or a wiki: summary, guideline table,
 * gap table, requirements grouped by guideline (each evidence item in brief, with assessor and date),
 * profile answers, sources and known source defects, every cited file and link with its full SHA-256,
 * and the warnings. Every string from the report goes through escapeMarkdown, so product names, justifications and
 * catalog texts can neither break a table nor inject HTML.
 */
import type { Evidence } from '../core/assessment/assessment-types.js';
import type { ReportFramework, ReportRequirement } from '../core/report/report-model.js';
import {
  applicabilityText,
  citedEvidence,
  formatShare,
  formatTimestamp,
  guidelineNumber,
  guidelineTitle,
  NOTE_KIND_LABEL,
  ORIGIN_LABEL,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  profileAnswerText,
  STAKEHOLDER_LABEL,
  STATUS_ORDER,
  STATUS_STYLE,
  sectionText,
  shortHash,
  sourceDefects,
  topPriorityText,
} from './labels.js';
import { escapeLineStart, escapeMarkdown as md } from './markdown-escape.js';
import type { Renderer } from './renderer.js';

function table(head: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]) {
  const sep = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [head, sep, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

function dash(value: string | null | undefined): string {
  return value ? md(value) : '—';
}

function frameworkLines(fw: ReportFramework, role: string): string[] {
  const out = [`### ${md(role)}: ${md(fw.title)}`, ''];
  out.push(
    `- **Version:** ${md(fw.version)}; **publisher:** ${md(fw.publisher)}; **date:** ${md(fw.publicationDate)}`,
  );
  out.push(`- **Source:** ${md(fw.source.title)}${fw.source.url ? ` (${md(fw.source.url)})` : ''}`);
  out.push(`- **Licence and attribution:** ${md(fw.licence)}`);
  for (const n of fw.notes) out.push(`- ${NOTE_KIND_LABEL[n.kind]}: ${md(n.text)}`);
  out.push('');
  return out;
}

/**
 * One evidence item in a line: a file with a short hash (the full one is in the Evidence section), a
 * link as escaped text (never a Markdown link, so no `javascript:` can become clickable), or a note.
 */
function evidenceText(e: Evidence): string {
  switch (e.kind) {
    case 'file':
      return `**File:** ${md(e.path)}${e.title ? ` — ${md(e.title)}` : ''} (SHA-256 ${md(shortHash(e.sha256))})`;
    case 'url':
      return `**Link:** ${e.title ? `${md(e.title)} — ${md(e.url)}` : md(e.url)}`;
    case 'note':
      return `**Note:** ${md(e.text)}`;
  }
}

/** Assessor and date, kept in one phrase: "A. Tester, 2026-11-20". */
function assessedText(assessor: string | null, date: string | null): string {
  const parts = [assessor, date].filter((x): x is string => Boolean(x));
  return parts.length ? md(parts.join(', ')) : '—';
}

function requirementRow(r: ReportRequirement): string[] {
  const st = STATUS_STYLE[r.status];
  return [
    md(r.id) + (r.number === null ? ' (no number)' : ''),
    r.section ? md(sectionText(r)) : 'Unknown',
    `${st.emoji} ${st.label}`,
    md(applicabilityText(r)),
    dash(r.justification),
    r.evidence.length ? r.evidence.map(evidenceText).join('<br>') : '—',
    assessedText(r.assessor, r.date),
  ];
}

export const renderMarkdown: Renderer = (report) => {
  const out: string[] = [];
  const p = report.product;
  const s = report.summary;
  const byGuideline = new Map(report.guidelines.map((g) => [g.id, g]));
  const byRequirement = new Map(report.requirements.map((r) => [r.id, r]));

  out.push(`# Compliance report: ${md(p.name)}`, '');
  const facts: string[] = [];
  if (p.model) facts.push(`**Model:** ${md(p.model)}`);
  if (p.version) facts.push(`**Version:** ${md(p.version)}`);
  if (p.manufacturer) facts.push(`**Manufacturer:** ${md(p.manufacturer)}`);
  if (p.roles.length) facts.push(`**Roles:** ${p.roles.map((r) => STAKEHOLDER_LABEL[r]).join(', ')}`);
  if (facts.length) out.push(facts.join(' · '), '');
  if (p.description) out.push(escapeLineStart(md(p.description)), '');
  out.push(
    `Assessed with **${md(report.catalog.source.shortTitle)}** (version ${md(report.catalog.source.version)}) ` +
      `against **${md(report.catalog.target.shortTitle)}** (version ${md(report.catalog.target.version)}), ` +
      `generated ${md(formatTimestamp(report.generatedAt))} by ${md(report.tool.name)} ${md(report.tool.version)}.`,
    '',
  );

  out.push('## Summary', '');
  out.push(`- **${s.guidelinesMet} of ${s.guidelinesTotal}** guidelines met`);
  out.push(
    s.compliantShare === null
      ? '- No requirement is known to apply yet'
      : `- **${formatShare(s.compliantShare)}** of applicable requirements compliant (${s.compliantRequirements} of ${s.applicableRequirements})`,
  );
  const top = topPriorityText(report);
  out.push(`- ${md(top.charAt(0).toUpperCase() + top.slice(1))}`);
  const outcomes = OUTCOME_ORDER.filter((o) => s.outcomeCounts[o] > 0).map(
    (o) => `${s.outcomeCounts[o]} ${OUTCOME_STYLE[o].label.toLowerCase()}`,
  );
  out.push(`- Guidelines: ${outcomes.join(', ')}`);
  const statuses = STATUS_ORDER.filter((k) => s.statusCounts[k] > 0).map(
    (k) => `${s.statusCounts[k]} ${STATUS_STYLE[k].label.toLowerCase()}`,
  );
  out.push(`- Requirements (${s.requirementsTotal}): ${statuses.join(', ')}`, '');

  out.push('## Guidelines', '');
  out.push(
    ...table(
      ['#', 'Guideline', 'Outcome', 'Reason'],
      ['r', 'l', 'l', 'l'],
      report.guidelines.map((g) => {
        const st = OUTCOME_STYLE[g.outcome];
        return [
          md(guidelineNumber(g)),
          md(guidelineTitle(g)) + (g.topPriority ? ' **(top priority)**' : ''),
          `${st.emoji} ${st.label}`,
          md(g.reason),
        ];
      }),
    ),
    '',
  );

  out.push('## Gaps', '');
  if (report.gaps.length === 0) {
    out.push('No gaps: every applicable requirement is compliant.', '');
  } else {
    out.push(
      `${report.gaps.length} requirements keep guidelines from being met, most blocking first.`,
      '',
      ...table(
        ['Rank', 'Requirement', 'Status', 'Blocks guidelines', 'Text'],
        ['r', 'l', 'l', 'l', 'l'],
        report.gaps.map((gap, i) => {
          const st = STATUS_STYLE[gap.status];
          const blocks = gap.blocks.map((id) => md(byGuideline.get(id)?.number ?? id)).join(', ') || '—';
          return [
            String(i + 1),
            md(gap.id),
            `${st.emoji} ${st.label}`,
            blocks + (gap.blocksTopPriority ? ' **(top priority)**' : ''),
            gap.text === null ? '*(the source gives no text)*' : md(gap.text),
          ];
        }),
      ),
      '',
    );
  }

  out.push('## Requirements by guideline', '');
  for (const g of report.guidelines) {
    const st = OUTCOME_STYLE[g.outcome];
    out.push(`### ${md(guidelineNumber(g))}. ${md(guidelineTitle(g))} — ${st.emoji} ${st.label}`, '');
    out.push(md(g.reason), '');
    if (g.unmappedNote)
      out.push(`No requirement is mapped here. The mapping says: ${md(g.unmappedNote)}`, '');
    if (g.attestation) {
      const a = g.attestation;
      const by = [a.assessor ? `by ${md(a.assessor)}` : '', a.date ? `on ${md(a.date)}` : ''].filter(Boolean);
      out.push(
        `Guideline attestation: **${STATUS_STYLE[a.status].label}**${by.length ? ` ${by.join(' ')}` : ''}` +
          `${a.justification ? `: ${md(a.justification)}` : ''}` +
          (a.evidence.length ? `. Evidence (${a.evidence.length}):` : '. No evidence cited.'),
        '',
      );
      if (a.evidence.length) out.push(...a.evidence.map((e) => `- ${evidenceText(e)}`), '');
    }
    const rows = g.requirements.flatMap((id) => {
      const r = byRequirement.get(id);
      return r ? [requirementRow(r)] : [];
    });
    if (rows.length) {
      out.push(
        ...table(
          ['Requirement', 'Section', 'Status', 'Applicability', 'Justification', 'Evidence', 'Assessed'],
          ['l', 'l', 'l', 'l', 'l', 'l', 'l'],
          rows,
        ),
        '',
      );
    }
  }

  out.push('## Product profile', '');
  out.push(
    ...table(
      ['Question', 'Fact', 'Answer', 'Origin'],
      ['l', 'l', 'l', 'l'],
      report.profile.map((a) => [md(a.question), md(a.id), md(profileAnswerText(a)), ORIGIN_LABEL[a.origin]]),
    ),
    '',
  );

  out.push('## Sources and known source defects', '');
  const defects = sourceDefects(report);
  out.push(
    `The catalog keeps the faults of its source documents visible rather than hiding them (${defects.length} known).`,
    '',
  );
  for (const d of defects) out.push(`- **${md(d.where)}:** ${md(d.text)}`);
  if (defects.length) out.push('');
  out.push(...frameworkLines(report.catalog.source, 'Requirements'));
  out.push(...frameworkLines(report.catalog.target, 'Guidelines'));
  out.push(`### Mapping: ${md(report.catalog.mappingSet.title)}`, '');
  for (const n of report.catalog.mappingSet.notes) out.push(`- ${NOTE_KIND_LABEL[n.kind]}: ${md(n.text)}`);
  out.push('');

  const cited = citedEvidence(report);
  if (cited.length) {
    out.push('## Evidence', '');
    out.push(
      'Every file and link cited as evidence, with the full SHA-256 of each file so that a recipient can verify the copy they hold.',
      '',
      ...table(
        ['#', 'Evidence', 'SHA-256', 'Cited by'],
        ['r', 'l', 'l', 'l'],
        cited.map((c) => {
          const e = c.evidence;
          const what =
            e.kind === 'file'
              ? `**File:** ${md(e.path)}${e.title ? ` — ${md(e.title)}` : ''}`
              : `**Link:** ${e.title ? `${md(e.title)} — ${md(e.url)}` : md(e.url)}`;
          const by = c.citedBy
            .map((at) =>
              at.requirement === null
                ? `guideline ${md(byGuideline.get(at.guideline ?? '')?.number ?? at.guideline ?? '')} attestation`
                : md(at.requirement),
            )
            .join(', ');
          return [String(c.index), what, e.kind === 'file' ? md(e.sha256) : '—', by];
        }),
      ),
      '',
    );
  }

  if (report.warnings.length) {
    out.push('## Warnings', '');
    // Each warning is one list item; a continuation line of it (such as its hint) is an item under it.
    for (const w of report.warnings) {
      const [first = '', ...rest] = w
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      out.push(`- ${escapeLineStart(md(first))}`, ...rest.map((l) => `  - ${escapeLineStart(md(l))}`));
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
};
