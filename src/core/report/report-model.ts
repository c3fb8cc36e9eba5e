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
