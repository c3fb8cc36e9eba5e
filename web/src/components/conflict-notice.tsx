/**
 * What a 409 `stale-revision` shows: someone else changed this since it was read. The change is
 * not retried on its own (that would overwrite their work): the reader sees the current value,
 * reloads, and applies their change again on top of it.
 */
import type { ReactNode } from 'react';

export interface ConflictNoticeProps {
  /** What changed, in words: "this requirement", "the product details", "the profile". */
  readonly what: string;
  /** The current state from the 409's details, already worded by the caller. */
  readonly current: ReactNode;
  readonly onReload: () => void;
  readonly reloading?: boolean;
}

export function ConflictNotice({ what, current, onReload, reloading = false }: ConflictNoticeProps) {
  return (
    <div className="notice notice--warning conflict" role="alert">
      <p className="notice__title">Someone else changed {what} — reload and reapply</p>
      <p>Your change was not saved, so nothing of theirs was overwritten. Their version, saved now:</p>
      <div className="conflict__current">{current}</div>
      <p>Reload to see it in the form, then make your change again and save.</p>
      <button type="button" className="button button--primary" onClick={onReload} disabled={reloading}>
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
    </div>
  );
}
