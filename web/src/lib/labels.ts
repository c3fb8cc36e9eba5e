/**
 * Words and symbols for outcomes, statuses, stakeholders and roles. Outcomes and statuses use the
 * same labels and glyphs as every report (src/renderers/labels.ts), so the app, the HTML report
 * and the PDF say the same thing; the colours are the CSS classes `outcome--*` and `status--*`
 * (web/src/styles/outcomes.css, checked against those labels by a test).
 */
import { STATUSES } from '../../../src/core/assessment/assessment-types.js';
import type { Role } from '../../../src/server/access/roles.js';
import type { ApiToken } from '../api/api-types.js';

export {
  APPLICABILITY_LABEL,
  formatShare,
  guidelineNumber,
  guidelineTitle,
  OUTCOME_ORDER,
  OUTCOME_STYLE,
  STAKEHOLDER_LABEL,
  STATUS_ORDER,
  STATUS_STYLE,
} from '../../../src/renderers/labels.js';

/** The statuses an assessor can record, in the order the select offers them. */
export const RECORDABLE_STATUSES = STATUSES;

export const ROLE_LABEL: Record<Role, { readonly label: string; readonly can: string }> = {
  viewer: { label: 'Viewer', can: 'reads products, reports and history (a customer or an auditor)' },
  assessor: { label: 'Assessor', can: 'also edits products, profiles, statuses and evidence' },
  administrator: { label: 'Administrator', can: 'also manages users and API tokens' },
};

export function tokenState(token: ApiToken): 'active' | 'revoked' {
  return token.revokedAt ? 'revoked' : 'active';
}
