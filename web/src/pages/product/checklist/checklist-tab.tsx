/**
 * The requirement checklist: every CF requirement of the product with its status, filterable by
 * guideline, CF section, status, applicability and stakeholder, and searchable. Guidelines that
 * no requirement maps to (guideline 10) are assessed by an attestation, listed first.
 */
import { useState } from 'react';
import type { ReportGuideline, ReportRequirement } from '../../../api/api-types.js';
import { useCan } from '../../../app/app-context.js';
import { FilterBar, FilterSearch, FilterSelect } from '../../../components/filter-bar.js';
import { useCatalogRequirements } from '../../../lib/catalog.js';
import { plural } from '../../../lib/format.js';
import {
  APPLICABILITY_LABEL,
  guidelineNumber,
  guidelineTitle,
  STAKEHOLDER_LABEL,
  STATUS_ORDER,
  STATUS_STYLE,
} from '../../../lib/labels.js';
import { Link, useSearchParams } from '../../../lib/router.js';
import { useDebouncedCallback } from '../../../lib/use-debounced.js';
import type { TabProps } from '../product-page.js';
import { productPath } from '../product-paths.js';
import {
  anyFilter,
  checklistFiltersFromParams,
  filterRequirements,
  stakeholdersById,
} from './checklist-filters.js';
import { RecordRow } from './record-row.js';

const APPLICABILITY_KINDS = Object.keys(APPLICABILITY_LABEL) as ReportRequirement['applicability']['kind'][];
const STAKEHOLDERS = Object.keys(STAKEHOLDER_LABEL) as (keyof typeof STAKEHOLDER_LABEL)[];

export function ChecklistTab({ detail, resource }: TabProps) {
  const { product, report } = detail;
  const canEdit = useCan('assessor');
  const [params, setParams] = useSearchParams();
  const filters = checklistFiltersFromParams(params);
  const open = params.get('open');
  const catalog = useCatalogRequirements();
  const [q, setQ] = useState(filters.q);
  const applyQ = useDebouncedCallback((value: string) => setParams({ q: value }), 200);

  const shown = filterRequirements(report.requirements, filters, stakeholdersById(catalog.data));
  const attestations = report.guidelines.filter(
    (g) =>
      g.requirements.length === 0 &&
      (!filters.guideline || filters.guideline === g.id) &&
      !filters.section &&
      !filters.applicability &&
      !filters.stakeholder &&
      !filters.q &&
      (!filters.status || filters.status === attestationStatus(g)),
  );
  const evidenceFor = (kind: 'requirement' | 'guideline', id: string) =>
    detail.evidence.filter((e) => e.target.kind === kind && e.target.id === id);

  return (
    <div className="checklist">
      <FilterBar
        label="Filter requirements"
        onClear={
          anyFilter(filters)
            ? () => {
                setQ('');
                setParams({
                  guideline: null,
                  section: null,
                  status: null,
                  applicability: null,
                  stakeholder: null,
                  q: null,
                  open: null,
                });
              }
            : null
        }
      >
        <FilterSearch
          placeholder="Number, words of the text, justification"
          value={q}
          onChange={(value) => {
            setQ(value);
            applyQ(value);
          }}
        />
        <FilterSelect
          label="Guideline"
          value={filters.guideline}
          any="All guidelines"
          options={report.guidelines.map((g) => ({
            value: g.id,
            label: `${guidelineNumber(g)}. ${guidelineTitle(g)}`,
          }))}
          onChange={(guideline) => setParams({ guideline, open: null })}
        />
        <FilterSelect
          label="CF section"
          value={filters.section}
          any="All sections"
          options={report.sections.flatMap(({ section }) =>
            section ? [{ value: section.id, label: `${section.id} ${section.title}` }] : [],
          )}
          onChange={(section) => setParams({ section, open: null })}
        />
        <FilterSelect
          label="Status"
          value={filters.status}
          any="Any status"
          options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_STYLE[s].label }))}
          onChange={(status) => setParams({ status, open: null })}
        />
        <FilterSelect
          label="Applicability"
          value={filters.applicability}
          any="Any"
          options={APPLICABILITY_KINDS.map((k) => ({ value: k, label: APPLICABILITY_LABEL[k] }))}
          onChange={(applicability) => setParams({ applicability, open: null })}
        />
        <FilterSelect
          label="Stakeholder"
          value={filters.stakeholder}
          any="Any"
          options={STAKEHOLDERS.map((s) => ({ value: s, label: STAKEHOLDER_LABEL[s] }))}
          onChange={(stakeholder) => setParams({ stakeholder, open: null })}
        />
      </FilterBar>
      <p className="result-count" role="status" aria-live="polite">
        Showing {plural(shown.length, 'requirement')} of {report.requirements.length}
        {attestations.length > 0 ? ` and ${plural(attestations.length, 'attestation')}` : ''}
      </p>
      {filters.stakeholder && catalog.error ? (
        <p className="muted">The stakeholder filter needs the catalog, which could not be loaded.</p>
      ) : null}
      {attestations.length > 0 ? (
        <section aria-labelledby="attestations-title" className="section">
          <h2 id="attestations-title" className="section-title">
            Guideline attestations{' '}
            <span className="section-title__note">
              guidelines no CF requirement maps to: assessed as a whole
            </span>
          </h2>
          <ul className="records">
            {attestations.map((g) => (
              <RecordRow
                key={`g:${g.id}:${product.id}`}
                productId={product.id}
                target={{ kind: 'guideline', id: g.id }}
                label={`Guideline ${guidelineNumber(g)}`}
                text={<strong>{guidelineTitle(g)}</strong>}
                meta={g.unmappedNote ?? undefined}
                details={g.statement ? <p className="record__statement">{g.statement}</p> : null}
                record={detail.attestations[g.id] ?? null}
                effective={attestationStatus(g)}
                evidence={evidenceFor('guideline', g.id)}
                canEdit={canEdit}
                initiallyOpen={open === `guideline:${g.id}`}
                reload={resource.reload}
              />
            ))}
          </ul>
        </section>
      ) : null}
      <ul className="records" aria-label="Requirements">
        {shown.map((r) => (
          <RecordRow
            key={`r:${r.id}:${product.id}`}
            productId={product.id}
            target={{ kind: 'requirement', id: r.id }}
            label={r.number ?? r.id}
            text={r.text ?? <span className="muted">The source prints no text for this requirement.</span>}
            meta={<RequirementMeta requirement={r} />}
            details={
              <RequirementDetails productId={product.id} requirement={r} guidelines={report.guidelines} />
            }
            record={detail.records[r.id] ?? null}
            effective={r.status}
            evidence={evidenceFor('requirement', r.id)}
            canEdit={canEdit}
            initiallyOpen={open === r.id}
            reload={resource.reload}
          />
        ))}
      </ul>
      {shown.length === 0 && attestations.length === 0 ? (
        <p className="empty">No requirement matches these filters.</p>
      ) : null}
    </div>
  );
}

function attestationStatus(g: ReportGuideline) {
  return g.attestation?.status ?? 'not-assessed';
}

function RequirementMeta({ requirement: r }: { requirement: ReportRequirement }) {
  return (
    <>
      {r.section ? (
        <span className="record__section">
          {r.section.id} {r.section.title}
        </span>
      ) : null}
      <span className={`applicability applicability--${r.applicability.kind}`}>
        {APPLICABILITY_LABEL[r.applicability.kind]}
        {r.applicability.reason && r.applicability.kind !== 'always' ? ` — ${r.applicability.reason}` : ''}
      </span>
      {r.notApplicableBy === 'assessor' ? <span className="tag">N/A by the assessor</span> : null}
      {r.contradictsProfile ? <span className="tag tag--warning">Contradicts the profile</span> : null}
    </>
  );
}

function RequirementDetails({
  productId,
  requirement: r,
  guidelines,
}: {
  productId: string;
  requirement: ReportRequirement;
  guidelines: readonly ReportGuideline[];
}) {
  const byId = new Map(guidelines.map((g) => [g.id, g]));
  return (
    <div className="record__about">
      {r.applicability.quote ? (
        <p>
          <span className="muted">
            Condition (
            {r.applicability.basis === 'explicit' ? 'stated in the requirement' : 'implied by its subject'}):
          </span>{' '}
          “{r.applicability.quote}”
        </p>
      ) : null}
      {r.variants.length > 1 ? (
        <details>
          <summary>The source prints {r.variants.length} versions of this text</summary>
          <ul className="plain-list">
            {r.variants.map((v) => (
              <li key={`${v.source}:${v.text}`}>
                “{v.text}” <span className="muted">({v.source})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p>
        <span className="muted">Maps to guideline{r.guidelines.length === 1 ? '' : 's'}:</span>{' '}
        {r.guidelines.map((id, i) => {
          const g = byId.get(id);
          return (
            <span key={id}>
              {i > 0 ? ', ' : ''}
              <Link to={productPath(productId, 'checklist', { guideline: id })}>
                {g ? `${guidelineNumber(g)}. ${guidelineTitle(g)}` : id}
              </Link>
            </span>
          );
        })}
      </p>
      {r.notes.length > 0 ? (
        <ul className="plain-list source-notes">
          {r.notes.map((n) => (
            <li key={n.text}>
              <span className={n.kind === 'defect' ? 'tag tag--warning' : 'tag'}>
                {n.kind === 'defect' ? 'Source defect' : 'Note'}
              </span>{' '}
              {n.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
