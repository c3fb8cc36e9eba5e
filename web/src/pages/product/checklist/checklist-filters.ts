/**
 * The checklist's filters (guideline, CF section, status, applicability, stakeholder, words), read
 * from and written to the address, and applied to the report's requirements. Pure, so the rules
 * are tested without a browser.
 */
import type {
  CatalogRequirements,
  EffectiveStatus,
  ReportRequirement,
  Stakeholder,
} from '../../../api/api-types.js';

export interface ChecklistFilters {
  readonly guideline: string;
  readonly section: string;
  readonly status: EffectiveStatus | '';
  readonly applicability: ReportRequirement['applicability']['kind'] | '';
  readonly stakeholder: Stakeholder | '';
  readonly q: string;
}

export const FILTER_KEYS = ['guideline', 'section', 'status', 'applicability', 'stakeholder', 'q'] as const;

export function checklistFiltersFromParams(params: URLSearchParams): ChecklistFilters {
  return {
    guideline: params.get('guideline') ?? '',
    section: params.get('section') ?? '',
    status: (params.get('status') ?? '') as ChecklistFilters['status'],
    applicability: (params.get('applicability') ?? '') as ChecklistFilters['applicability'],
    stakeholder: (params.get('stakeholder') ?? '') as ChecklistFilters['stakeholder'],
    q: params.get('q') ?? '',
  };
}

export function anyFilter(filters: ChecklistFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== '');
}

/** Lower-case words of a search; every one must occur somewhere in the requirement. */
export function searchWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

export function requirementHaystack(r: ReportRequirement): string {
  return [
    r.id,
    r.number,
    r.text,
    r.section?.title,
    r.justification,
    r.assessor,
    ...r.variants.map((v) => v.text),
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

export type StakeholdersById = ReadonlyMap<string, readonly Stakeholder[]>;

export function stakeholdersById(catalog: CatalogRequirements | undefined): StakeholdersById {
  return new Map((catalog?.items ?? []).map((item) => [item.id, item.stakeholders]));
}

export function filterRequirements(
  requirements: readonly ReportRequirement[],
  filters: ChecklistFilters,
  stakeholders: StakeholdersById,
): ReportRequirement[] {
  const words = searchWords(filters.q);
  return requirements.filter((r) => {
    if (filters.guideline && !r.guidelines.includes(filters.guideline)) return false;
    if (filters.section && r.section?.id !== filters.section) return false;
    if (filters.status && r.status !== filters.status) return false;
    if (filters.applicability && r.applicability.kind !== filters.applicability) return false;
    if (filters.stakeholder && !(stakeholders.get(r.id) ?? []).includes(filters.stakeholder)) return false;
    if (words.length > 0) {
      const haystack = requirementHaystack(r);
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
}
