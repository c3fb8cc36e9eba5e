/**
 * What a form sends: `busy` while it runs (the submit button is disabled, so one click is one
 * request) and the error it failed with, shown until the next try. `setError` is for a problem
 * found before anything is sent (no file chosen, two different new passwords).
 */
import { useState } from 'react';

export interface FormAction {
  readonly busy: boolean;
  readonly error: unknown;
  readonly setError: (error: unknown) => void;
  /** Clears the error, runs `action`, and keeps what it threw as `error`. */
  readonly run: (action: () => Promise<void>) => Promise<void>;
}

export function useFormAction(): FormAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
