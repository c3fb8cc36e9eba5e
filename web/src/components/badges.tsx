/**
 * Outcome and status badges: a glyph, a word and a colour, so colour is never the only signal.
 */
import type { EffectiveStatus, Outcome } from '../api/api-types.js';
import { OUTCOME_STYLE, STATUS_STYLE } from '../lib/labels.js';

export function OutcomeBadge({ outcome, className = '' }: { outcome: Outcome; className?: string }) {
  const style = OUTCOME_STYLE[outcome];
  return (
    <span className={`badge outcome--${outcome} ${className}`.trim()}>
      <span className="badge__glyph" aria-hidden="true">
        {style.glyph}
      </span>
      {style.label}
    </span>
  );
}

export function StatusBadge({ status }: { status: EffectiveStatus }) {
  const style = STATUS_STYLE[status];
  return (
    <span className={`badge status--${status}`}>
      <span className="badge__glyph" aria-hidden="true">
        {style.glyph}
      </span>
      {style.label}
    </span>
  );
}
