/** Messages to the reader: errors (announced at once), notes, and the save status of a form. */
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/api-error.js';

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (error === undefined || error === null) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="notice notice--error" role="alert">
      {title ? <p className="notice__title">{title}</p> : null}
      <p>{errorMessage(error)}</p>
      {issues.length > 1 ? (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'success' | 'warning';
  title?: string;
  children: ReactNode;
}) {
  return (
    <div className={`notice notice--${tone}`}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: Date }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * A polite live region: screen readers announce "Saving…", "Saved" or the failure without
 * moving focus away from the field being edited. It is always rendered, so the region exists
 * before its text changes (assistive technology ignores regions that appear with their text).
 */
export function SaveStatus({ state, id }: { state: SaveState; id?: string }) {
  let text = '';
  if (state.kind === 'dirty') text = 'Unsaved changes';
  else if (state.kind === 'saving') text = 'Saving…';
  else if (state.kind === 'saved')
    text = `Saved at ${state.at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
  else if (state.kind === 'failed') text = `Not saved: ${errorMessage(state.error)}`;
  return (
    <span id={id} className={`save-status save-status--${state.kind}`} aria-live="polite" role="status">
      {text}
    </span>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
