import type { Finding } from '../../core/assessment/check-assessment.js';
import { formatPath } from '../../diagnostics/source-positions.js';

/** The warnings a write leaves (errors refuse the write instead), as the API shows them. */
export function warningsOf(findings: readonly Finding[]) {
  return findings
    .filter((f) => f.severity === 'warning')
    .map((f) => ({ code: f.code, message: f.message, hint: f.hint, path: formatPath(f.path) }));
}
