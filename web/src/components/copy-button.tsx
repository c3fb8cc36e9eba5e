/** Copies a secret to the clipboard; says so in a live region, and falls back to selecting it. */
import { useState } from 'react';

export function CopyButton({
  text,
  targetId,
  label = 'Copy',
}: {
  text: string;
  targetId: string;
  label?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard permission (e.g. plain http on another host): select the text for Ctrl+C.
      const target = document.getElementById(targetId);
      const selection = window.getSelection();
      if (target && selection) {
        const range = document.createRange();
        range.selectNodeContents(target);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setState('select');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span className="copy__status" role="status" aria-live="polite">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'select'
            ? 'Selected: press Ctrl+C to copy'
            : ''}
      </span>
    </span>
  );
}
