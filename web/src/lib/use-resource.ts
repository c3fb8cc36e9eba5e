/**
 * Loads something from the API for a page: the data, the error, whether a load is running, and
 * `reload`. The previous data stays on screen while a reload runs (no flicker after each save),
 * and an answer that arrives after a newer request started is dropped, so a slow response to an
 * old filter never replaces the answer to the current one.
 */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again; resolves with the fresh data (or undefined if the load failed or was superseded). */
  readonly reload: () => Promise<T | undefined>;
  /** Replaces the data without a request (after a write that answered with the new state). */
  readonly set: (data: T) => void;
}

export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async (): Promise<T | undefined> => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine !== generation.current) return undefined;
      setData(value);
      setError(undefined);
      return value;
    } catch (caught) {
      if (mine === generation.current) setError(caught);
      return undefined;
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(
    () => {
      void run();
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again.
    deps,
  );

  useEffect(
    () => () => {
      // Unmounted: any answer still on its way belongs to nobody.
      generation.current += 1;
    },
    [],
  );

  return { data, error, loading, reload: run, set: setData };
}
