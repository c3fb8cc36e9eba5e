/**
 * The report model as OSCAL 1.2 `assessment-results`: one result with one finding per requirement
 * and one per guideline, and one observation per piece of evidence. Everything comes from the report
 * model (buildReport); no status or outcome is worked out here — each is only translated to OSCAL's
 * vocabulary by the exhaustive tables below, and the exact iotassure value travels beside it as a
 * property. docs/oscal.md explains each choice.
 */
import type { Evidence } from '../../core/assessment/assessment-types.js';
import type { EffectiveStatus, Outcome } from '../../core/outcome/outcome-types.js';
import type { Report, ReportGuideline, ReportRequirement } from '../../core/report/report-model.js';
import {
  applicabilityText,
  citedEvidence,
  evidenceKey,
  formatShare,
  guidelineNumber,
  guidelineTitle,
  OUTCOME_STYLE,
  STATUS_STYLE,
  topPriorityText,
} from '../../renderers/labels.js';
import {
  dateAsTimestamp,
  IOTASSURE_NS,
  nonEmpty,
  noteParagraphs,
  OSCAL_VERSION,
  prop,
  sourceDocumentResource,
} from './oscal-common.js';
import { controlId, statementId } from './oscal-ids.js';
import { markupLine, markupMultiline, pathReference, urlReference } from './oscal-text.js';
import type {
  ImplementationState,
  ObjectiveReason,
  ObjectiveState,
  OscalAssessmentResultsDocument,
  OscalFinding,
  OscalObservation,
  OscalProperty,
  OscalResource,
} from './oscal-types.js';
import { randomDocumentUuid, uuidBytes, uuidV5, uuidWithin } from './oscal-uuid.js';

interface ObjectiveStatus {
  readonly state: ObjectiveState;
  readonly reason: ObjectiveReason;
  /** Only where iotassure's status says it outright; never guessed (OSCAL has no "not implemented"). */
  readonly implementation?: ImplementationState;
}

/**
 * A requirement's effective status as an OSCAL objective status. Not applicable counts as
 * satisfied (nothing is required of the product) with reason `other`, so that it is neither a pass
 * nor a gap; not assessed and applicability unknown are not satisfied, for reason `other`, not `fail`.
 */
export const REQUIREMENT_OBJECTIVE: Record<EffectiveStatus, ObjectiveStatus> = {
  compliant: { state: 'satisfied', reason: 'pass', implementation: 'implemented' },
  'partially-compliant': { state: 'not-satisfied', reason: 'fail', implementation: 'partial' },
  'non-compliant': { state: 'not-satisfied', reason: 'fail' },
  'not-applicable': { state: 'satisfied', reason: 'other', implementation: 'not-applicable' },
  'not-assessed': { state: 'not-satisfied', reason: 'other' },
  'applicability-unknown': { state: 'not-satisfied', reason: 'other' },
};

/** A guideline's outcome as an OSCAL objective status, on the same principles. */
export const GUIDELINE_OBJECTIVE: Record<Outcome, ObjectiveStatus> = {
  met: { state: 'satisfied', reason: 'pass' },
  'partially-met': { state: 'not-satisfied', reason: 'fail' },
  'not-met': { state: 'not-satisfied', reason: 'fail' },
  incomplete: { state: 'not-satisfied', reason: 'other' },
  'not-applicable': { state: 'satisfied', reason: 'other' },
  'needs-attestation': { state: 'not-satisfied', reason: 'other' },
};

export interface AssessmentResultsOptions {
  /** The document's UUID; a fresh random one when not given. Every UUID inside is derived from it. */
  readonly uuid?: string;
}

function targetStatus(status: ObjectiveStatus) {
  return {
    status: { state: status.state, reason: status.reason },
    'implementation-status': status.implementation ? { state: status.implementation } : undefined,
  };
}

function requirementTitle(r: ReportRequirement): string {
  const number = r.number ?? '(no number)';
  return `Requirement ${number}${r.number === r.id ? '' : ` (id ${r.id})`}`;
}

/** "the record's date, at midnight UTC", or the report's time when there is none OSCAL accepts. */
function collectedAt(date: string | null, generatedAt: string): string {
  return (date === null ? null : dateAsTimestamp(date)) ?? generatedAt;
}

/** Builds the document; one instance per export, holding the UUID namespace and the evidence files. */
class AssessmentResultsBuilder {
  readonly observations: OscalObservation[] = [];
  private readonly fileResources = new Map<string, OscalResource>();
  private readonly namespace: Buffer;

  constructor(
    readonly report: Report,
    readonly uuid: string,
  ) {
    this.namespace = uuidBytes(uuid);
    for (const cited of citedEvidence(report)) {
      const e = cited.evidence;
      const key = evidenceKey(e);
      if (e.kind !== 'file' || key === null) continue;
      this.fileResources.set(key, {
        uuid: this.within(`evidence-file:${e.path}:${e.sha256}`),
        title: markupLine(e.title ?? e.path),
        props: nonEmpty([prop('file', e.path), prop('sha256', e.sha256)]),
        rlinks: [{ href: pathReference(e.path), hashes: [{ algorithm: 'SHA-256', value: e.sha256 }] }],
      });
    }
  }

  within(name: string): string {
    return uuidWithin(this.namespace, name);
  }

  get evidenceResources(): readonly OscalResource[] {
    return [...this.fileResources.values()];
  }

  /** One observation per piece of evidence of a record; returns their UUIDs for the finding. */
  observe(
    subject: string,
    evidence: readonly Evidence[],
    record: { readonly assessor: string | null; readonly date: string | null },
  ): string[] {
    return evidence.map((e, i) => {
      const uuid = this.within(`observation:${subject}:${i}`);
      // OSCAL requires a method; iotassure does not record how evidence was obtained.
      const common = {
        methods: ['UNKNOWN'] as const,
        collected: collectedAt(record.date, this.report.generatedAt),
      };
      const props = (...more: (OscalProperty | null)[]) =>
        nonEmpty([prop('evidence-kind', e.kind), prop('assessor', record.assessor), ...more]);
      if (e.kind === 'file') {
        const resource = this.fileResources.get(evidenceKey(e) ?? '');
        this.observations.push({
          uuid,
          title: markupLine(e.title ?? `Evidence file ${e.path}`),
          description: markupMultiline(
            `File ${e.path} (SHA-256 ${e.sha256}), cited as evidence for ${subject}.`,
          ),
          props: props(),
          ...common,
          'relevant-evidence': [
            {
              href: resource ? `#${resource.uuid}` : pathReference(e.path),
              description: markupMultiline(`File ${e.path}`),
              props: nonEmpty([prop('file', e.path), prop('sha256', e.sha256)]),
            },
          ],
        });
      } else if (e.kind === 'url') {
        this.observations.push({
          uuid,
          title: markupLine(e.title ?? `Web page ${e.url}`),
          description: markupMultiline(`Web page ${e.url}, cited as evidence for ${subject}.`),
          props: props(prop('url', e.url)),
          ...common,
          'relevant-evidence': [
            { href: urlReference(e.url), description: markupMultiline(e.title ?? e.url) },
          ],
        });
      } else {
        this.observations.push({
          uuid,
          title: markupLine(`Assessor's note on ${subject}`),
          description: markupMultiline(e.text),
          props: props(),
          ...common,
        });
      }
      return uuid;
    });
  }

  requirementFinding(r: ReportRequirement): OscalFinding {
    const source = this.report.catalog.source;
    const observed = this.observe(`requirement ${r.id}`, r.evidence, r);
    return {
      uuid: this.within(`finding:requirement:${r.id}`),
      title: markupLine(requirementTitle(r)),
      description: markupMultiline(
        `${STATUS_STYLE[r.status].label}.`,
        r.justification === null ? 'No justification recorded.' : `Justification: ${r.justification}`,
        `Applicability: ${applicabilityText(r)}.`,
      ),
      props: nonEmpty([
        prop('label', r.number, 'oscal'),
        prop('status', r.status),
        prop('recorded-status', r.recordedStatus),
        prop('applicability', r.applicability.kind),
        prop('applicability-basis', r.applicability.basis),
        prop('not-applicable-by', r.notApplicableBy),
        r.contradictsProfile ? prop('contradicts-profile', 'true') : null,
        prop('section', r.section?.id ?? null),
        ...r.guidelines.map((g) => prop('guideline', g)),
        prop('assessor', r.assessor),
        prop('assessment-date', r.date),
      ]),
      target: {
        type: 'statement-id',
        'target-id': statementId(source.id, r.id),
        ...targetStatus(REQUIREMENT_OBJECTIVE[r.status]),
      },
      'related-observations': nonEmpty(observed.map((uuid) => ({ 'observation-uuid': uuid }))),
      remarks: markupMultiline(
        r.text === null
          ? 'The source gives no text for this requirement.'
          : `Requirement text (${source.shortTitle}): ${r.text}`,
        ...noteParagraphs(r.notes),
      ),
    };
  }

  guidelineFinding(g: ReportGuideline): OscalFinding {
    const a = g.attestation;
    const observed = a ? this.observe(`guideline ${g.id}`, a.evidence, a) : [];
    return {
      uuid: this.within(`finding:guideline:${g.id}`),
      title: markupLine(`Guideline ${guidelineNumber(g)}: ${guidelineTitle(g)}`),
      description: markupMultiline(`${OUTCOME_STYLE[g.outcome].label}. ${g.reason}`),
      props: nonEmpty([
        prop('label', g.number, 'oscal'),
        prop('outcome', g.outcome),
        g.topPriority ? prop('priority', 'top') : null,
        prop('mapped-requirements', g.requirements.length),
        ...g.deciding.map((id) => prop('deciding-requirement', id)),
        a ? prop('attestation-status', a.status) : null,
        prop('assessor', a?.assessor ?? null),
        prop('assessment-date', a?.date ?? null),
      ]),
      target: {
        type: 'statement-id',
        'target-id': statementId(this.report.catalog.target.id, g.id),
        ...targetStatus(GUIDELINE_OBJECTIVE[g.outcome]),
      },
      'related-observations': nonEmpty(observed.map((uuid) => ({ 'observation-uuid': uuid }))),
      remarks:
        g.unmappedNote === null && a === null && g.notes.length === 0
          ? undefined
          : markupMultiline(
              g.unmappedNote === null
                ? ''
                : `No requirement maps to this guideline; the mapping source says: "${g.unmappedNote}"`,
              a === null
                ? ''
                : `Guideline-level attestation: ${STATUS_STYLE[a.status].label}.${a.justification === null ? '' : ` ${a.justification}`}`,
              ...noteParagraphs(g.notes),
            ),
    };
  }
}

/** The earliest record date (midnight UTC) when it is not after the report, else the report's time. */
function resultStart(report: Report): string {
  const first = report.assessmentDates ? dateAsTimestamp(report.assessmentDates.first) : null;
  return first !== null && Date.parse(first) <= Date.parse(report.generatedAt) ? first : report.generatedAt;
}

function answerValue(value: boolean | 'unknown'): string {
  if (value === 'unknown') return 'unknown';
  return value ? 'yes' : 'no';
}

/** The report model as an OSCAL assessment-results document. */
export function reportToOscal(
  report: Report,
  options: AssessmentResultsOptions = {},
): OscalAssessmentResultsDocument {
  const uuid = options.uuid ?? randomDocumentUuid();
  const b = new AssessmentResultsBuilder(report, uuid);
  const { source, target, mappingSet } = report.catalog;
  const { product, summary, tool } = report;

  const requirementFindings = report.requirements.map((r) => b.requirementFinding(r));
  const guidelineFindings = report.guidelines.map((g) => b.guidelineFinding(g));

  const method: OscalResource = {
    uuid: uuidV5('resource:iotassure-assessment-method'),
    title: markupLine(`${tool.name} assessment method (no OSCAL assessment plan)`),
    description: markupMultiline(
      `${tool.name} keeps no OSCAL assessment plan. The plan is the assessment file: its product profile answers decide which ${source.shortTitle} requirements apply, and an assessor records a status, a justification and evidence for each.`,
      `${tool.name} derives each ${target.shortTitle} guideline's outcome from the requirements mapped to it by mapping set ${mappingSet.id}, under the rules of its documentation (docs/outcome-rules.md).`,
    ),
  };
  const frameworkResource = (fw: Report['catalog']['source']) =>
    sourceDocumentResource(`framework:${fw.id}`, {
      title: fw.source.title,
      url: fw.source.url,
      publisher: fw.publisher,
      date: fw.publicationDate,
      licence: fw.licence,
    });

  return {
    'assessment-results': {
      uuid,
      metadata: {
        title: markupLine(`Assessment results: ${product.name}`),
        'last-modified': report.generatedAt,
        version: report.generatedAt,
        'oscal-version': OSCAL_VERSION,
        props: nonEmpty([
          prop('product-name', product.name),
          prop('product-model', product.model),
          prop('product-version', product.version),
          prop('manufacturer', product.manufacturer),
          ...product.roles.map((r) => prop('stakeholder-role', r)),
          prop('source-framework', `${source.id} ${source.version}`),
          prop('target-framework', `${target.id} ${target.version}`),
          prop('mapping-set-id', mappingSet.id),
          prop('generator', `${tool.name} ${tool.version}`),
        ]),
      },
      'import-ap': {
        href: `#${method.uuid}`,
        remarks: markupMultiline(
          `OSCAL requires an assessment plan; ${tool.name} has none. This reference is to a back-matter resource that describes how the assessment was planned and evaluated.`,
        ),
      },
      results: [
        {
          uuid: b.within('result'),
          title: markupLine(`${tool.name} assessment of ${product.name}`),
          description: markupMultiline(
            `${summary.guidelinesMet} of ${summary.guidelinesTotal} ${target.shortTitle} guidelines met; ${topPriorityText(report)}.`,
            `${summary.compliantRequirements} of ${summary.applicableRequirements} ${source.shortTitle} requirements known to apply are compliant (${formatShare(summary.compliantShare)}).`,
            product.description === null ? '' : `Product: ${product.description}`,
          ),
          start: resultStart(report),
          end: report.generatedAt,
          props: nonEmpty([
            prop('guidelines-met', summary.guidelinesMet),
            prop('guidelines-total', summary.guidelinesTotal),
            prop('requirements-total', summary.requirementsTotal),
            prop('applicable-requirements', summary.applicableRequirements),
            prop('compliant-requirements', summary.compliantRequirements),
            prop('top-priority-all-met', summary.topPriority.allMet),
            ...report.profile.map(
              (p): OscalProperty => ({
                name: 'profile-answer',
                value: `${p.id}=${answerValue(p.value)}`,
                ns: IOTASSURE_NS,
                class: p.origin,
              }),
            ),
          ]),
          'reviewed-controls': {
            'control-selections': [
              {
                description: markupMultiline(
                  `Every ${source.shortTitle} requirement in the catalog; the product profile decides which apply.`,
                ),
                'include-controls': report.requirements.map((r) => ({
                  'control-id': controlId(source.id, r.id),
                })),
              },
              {
                description: markupMultiline(
                  `The ${target.shortTitle} guidelines, whose outcomes ${tool.name} derives from the requirements mapped to them.`,
                ),
                'include-controls': report.guidelines.map((g) => ({
                  'control-id': controlId(target.id, g.id),
                })),
              },
            ],
          },
          observations: nonEmpty(b.observations),
          findings: nonEmpty([...requirementFindings, ...guidelineFindings]),
          remarks:
            report.warnings.length === 0
              ? undefined
              : markupMultiline('Warnings while reading the assessment:', ...report.warnings),
        },
      ],
      'back-matter': {
        resources: [method, frameworkResource(source), frameworkResource(target), ...b.evidenceResources],
      },
    },
  };
}
