/**
 * The one report model every renderer (text, Markdown, HTML, JSON, and later PDF/XLSX/OSCAL) is
 * built from. Outcomes are computed by the engine only; this module arranges them and adds
 * catalog context. The JSON renderer emits this object as is, so its shape is a public contract:
 * docs/report-json.md describes it, and changes to it bump REPORT_FORMAT_VERSION.
 */
import type { Applicability } from '../applicability/applicability.js';
import type { AssessmentContext } from '../assessment/assessment-context.js';
import type { Assessment, Evidence, Product, RequirementRecord } from '../assessment/assessment-types.js';
import type { Framework, Note, Stakeholder } from '../catalog/catalog-types.js';
import type { EffectiveStatus, Evaluation, Outcome, Summary } from '../outcome/outcome-types.js';

export const REPORT_FORMAT_VERSION = 1;

/** A framework's identity and provenance, without its groups and items (those are in the report's own lists). */
export interface ReportFramework
  extends Pick<
    Framework,
    'id' | 'title' | 'shortTitle' | 'version' | 'publisher' | 'publicationDate' | 'licence' | 'notes'
  > {
  readonly source: { readonly title: string; readonly url: string | null };
}

export interface ReportGuideline {
  readonly id: string;
  readonly number: string | null;
  readonly title: string | null;
  readonly altTitles: readonly { readonly title: string; readonly source: string }[];
  readonly statement: string | null;
  readonly stakeholders: readonly Stakeholder[];
  readonly topPriority: boolean;
  readonly outcome: Outcome;
  readonly reason: string;
  readonly deciding: readonly string[];
  readonly requirements: readonly string[];
  readonly counts: Readonly<Record<EffectiveStatus, number>>;
  readonly unmappedNote: string | null;
  readonly attestation: RequirementRecord | null;
  readonly notes: readonly Note[];
}

export interface ReportRequirement {
  readonly id: string;
  /** The printed number, or null when the source prints none. */
  readonly number: string | null;
  readonly section: { readonly id: string; readonly title: string } | null;
  readonly text: string | null;
  readonly variants: readonly { readonly text: string; readonly source: string }[];
  readonly guidelines: readonly string[];
  readonly applicability: {
    readonly kind: Applicability['kind'];
    readonly reason: string | null;
    readonly basis: 'explicit' | 'scope' | null;
    readonly quote: string | null;
  };
  readonly status: EffectiveStatus;
  readonly recordedStatus: RequirementRecord['status'] | null;
  readonly notApplicableBy: 'profile' | 'assessor' | null;
  readonly contradictsProfile: boolean;
  readonly justification: string | null;
  readonly evidence: readonly Evidence[];
  readonly assessor: string | null;
  readonly date: string | null;
  readonly notes: readonly Note[];
}

export interface ReportProfileAnswer {
  readonly id: string;
  readonly question: string;
  readonly answer: boolean | null;
  readonly value: boolean | 'unknown';
  readonly origin: 'answered' | 'gated' | 'unanswered';
}

export interface ReportGap {
  /** `attestation`: a guideline with no mapped requirement needs a (better) attestation; id is the guideline. */
  readonly kind: 'requirement' | 'attestation';
  readonly id: string;
  readonly number: string | null;
  readonly text: string | null;
  readonly status: EffectiveStatus;
  readonly blocks: readonly string[];
  readonly blocksTopPriority: boolean;
}

/** A CF section (catalog group) and its requirements, for the requirement table in catalog order. */
export interface ReportSection {
  /** Null for the requirements whose section the source does not give (they come last). */
  readonly section: { readonly id: string; readonly title: string } | null;
  /** Requirement ids, in catalog order. */
  readonly requirements: readonly string[];
}

/** Someone named as assessor on requirement records or guideline attestations. */
export interface ReportAssessor {
  readonly name: string;
  /** How many records (requirements and attestations) name them. */
  readonly records: number;
}

export interface Report {
  readonly format: 'iotassure-report';
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly product: Product;
  readonly catalog: {
    readonly source: ReportFramework;
    readonly target: ReportFramework;
    readonly mappingSet: { readonly id: string; readonly title: string; readonly notes: readonly Note[] };
  };
  readonly summary: Summary;
  readonly guidelines: readonly ReportGuideline[];
  readonly requirements: readonly ReportRequirement[];
  /** The requirements grouped by CF section, sections in catalog order. */
  readonly sections: readonly ReportSection[];
  /** Everyone who signed a record, most records first; for a report's cover. */
  readonly assessors: readonly ReportAssessor[];
  /** Earliest and latest date on the records; null when no record has a date. */
  readonly assessmentDates: { readonly first: string; readonly last: string } | null;
  readonly profile: readonly ReportProfileAnswer[];
  readonly gaps: readonly ReportGap[];
  /** Warnings found while reading the assessment, already formatted for people. */
  readonly warnings: readonly string[];
}

export interface ReportInput {
  readonly ctx: AssessmentContext;
  readonly assessment: Assessment;
  readonly evaluation: Evaluation;
  readonly generatedAt: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly warnings?: readonly string[];
}

function frameworkOf(fw: Framework): ReportFramework {
  return {
    id: fw.id,
    title: fw.title,
    shortTitle: fw.shortTitle,
    version: fw.version,
    publisher: fw.publisher,
    publicationDate: fw.publicationDate,
    source: { title: fw.source.title, url: fw.source.url ?? null },
    licence: fw.licence,
    notes: fw.notes,
  };
}

function sectionsOf(ctx: AssessmentContext, requirements: readonly ReportRequirement[]): ReportSection[] {
  const bySection = new Map<string | null, string[]>();
  for (const r of requirements) {
    const key = r.section?.id ?? null;
    const ids = bySection.get(key) ?? [];
    ids.push(r.id);
    bySection.set(key, ids);
  }
  const sections: ReportSection[] = ctx.source.groups.flatMap((g) => {
    const ids = bySection.get(g.id);
    return ids ? [{ section: { id: g.id, title: g.title }, requirements: ids }] : [];
  });
  const unknown = bySection.get(null);
  if (unknown) sections.push({ section: null, requirements: unknown });
  return sections;
}

/** Assessors by number of records (then name), and the span of the records' dates. */
function signatoriesOf(records: readonly RequirementRecord[]): Pick<Report, 'assessors' | 'assessmentDates'> {
  const counts = new Map<string, number>();
  const dates: string[] = [];
  for (const r of records) {
    if (r.assessor) counts.set(r.assessor, (counts.get(r.assessor) ?? 0) + 1);
    if (r.date) dates.push(r.date);
  }
  dates.sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  return {
    assessors: [...counts]
      .map(([name, n]) => ({ name, records: n }))
      .sort((a, b) => b.records - a.records || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    assessmentDates: first && last ? { first, last } : null,
  };
}

export function buildReport(input: ReportInput): Report {
  const { ctx, assessment, evaluation } = input;
  const groups = new Map(ctx.source.groups.map((g) => [g.id, g]));
  const requirements: ReportRequirement[] = evaluation.requirements.map((r) => {
    const a = r.applicability;
    const group = r.item.group ? groups.get(r.item.group) : undefined;
    return {
      id: r.id,
      number: r.item.number,
      section: group ? { id: group.id, title: group.title } : null,
      text: r.item.text,
      variants: r.item.variants,
      guidelines: r.targets,
      applicability: {
        kind: a.kind,
        reason: a.kind === 'always' ? null : a.reason,
        basis: a.kind === 'always' ? null : a.rule.basis,
        quote: a.kind === 'always' ? null : a.rule.quote,
      },
      status: r.effective,
      recordedStatus: r.record?.status ?? null,
      notApplicableBy: r.notApplicableBy,
      contradictsProfile: r.contradictsProfile,
      justification: r.record?.justification ?? null,
      evidence: r.record?.evidence ?? [],
      assessor: r.record?.assessor ?? null,
      date: r.record?.date ?? null,
      notes: r.item.notes,
    };
  });
  const byId = new Map(requirements.map((r) => [r.id, r]));
  return {
    format: 'iotassure-report',
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: input.generatedAt,
    tool: input.tool,
    product: assessment.product,
    catalog: {
      source: frameworkOf(ctx.source),
      target: frameworkOf(ctx.target),
      mappingSet: { id: ctx.mapping.id, title: ctx.mapping.title, notes: ctx.mapping.notes },
    },
    summary: evaluation.summary,
    guidelines: evaluation.guidelines.map((g) => ({
      id: g.id,
      number: g.item.number,
      title: g.item.title,
      altTitles: g.item.altTitles,
      statement: g.item.text,
      stakeholders: g.item.stakeholders,
      topPriority: g.item.priority === 'top',
      outcome: g.outcome,
      reason: g.reason,
      deciding: g.deciding,
      requirements: g.requirements,
      counts: g.counts,
      unmappedNote: g.unmappedNote,
      attestation: g.attestation,
      notes: g.item.notes,
    })),
    requirements,
    sections: sectionsOf(ctx, requirements),
    ...signatoriesOf([...assessment.requirements.values(), ...assessment.attestations.values()]),
    profile: [...evaluation.profile.facts.values()].map((f) => ({
      id: f.fact.id,
      question: f.fact.question,
      answer: assessment.profile.get(f.fact.id) ?? null,
      value: f.value,
      origin: f.origin,
    })),
    gaps: evaluation.gaps.map((g) => ({
      kind: g.kind,
      id: g.id,
      number: g.kind === 'requirement' ? (byId.get(g.id)?.number ?? null) : g.id,
      text:
        g.kind === 'requirement'
          ? (byId.get(g.id)?.text ?? null)
          : `Guideline-level attestation for guideline ${g.id} (${ctx.targetById.get(g.id)?.title ?? ''}), which no requirement maps to`,
      status: g.effective,
      blocks: g.blocks,
      blocksTopPriority: g.blocksTopPriority,
    })),
    warnings: input.warnings ?? [],
  };
}
