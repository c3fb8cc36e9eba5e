/**
 * Who is using the app, and the API client bound to their session. The session (with its CSRF
 * token) comes from GET /api/v1/session; a 401 from any call means it ended, and the app shows
 * the login page with a note saying why. Pages read the role from here to hide controls the
 * server would refuse anyway (it enforces every route itself).
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type Role, roleAtLeast } from '../../../src/server/access/roles.js';
import { createApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import type { Session } from '../api/api-types.js';
import { type Api, endpoints } from '../api/endpoints.js';

export type SessionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'anonymous'; readonly setupRequired: boolean; readonly ended: boolean }
  | { readonly kind: 'signed-in'; readonly session: Session }
  | { readonly kind: 'unreachable'; readonly error: unknown };

export interface AppValue {
  readonly api: Api;
  readonly state: SessionState;
  /** After log-in or setup: the session the server answered with. */
  readonly signedIn: (session: Session) => void;
  readonly signOut: () => Promise<void>;
  /** Reads the session again (after a password change, which rotates the CSRF token). */
  readonly refresh: () => Promise<void>;
}

const AppContext = createContext<AppValue | null>(null);

export interface AppProviderProps {
  readonly children: ReactNode;
  /** Tests pass a fake fetch; the app uses the browser's. */
  readonly fetch?: typeof fetch;
}

export function AppProvider({ children, fetch }: AppProviderProps) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const csrf = useRef<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  const api = useMemo(() => {
    let bound: Api;
    const client = createApiClient({
      fetch,
      csrfToken: () => csrf.current,
      refreshCsrfToken: async () => {
        try {
          const session = await bound.session();
          csrf.current = session.csrfToken;
          return session.csrfToken;
        } catch {
          return null;
        }
      },
      onUnauthenticated: () => {
        csrf.current = null;
        const wasSignedIn = stateRef.current.kind === 'signed-in';
        setState({ kind: 'anonymous', setupRequired: false, ended: wasSignedIn });
      },
    });
    bound = endpoints(client);
    return bound;
  }, [fetch]);

  const load = useCallback(async () => {
    try {
      const session = await api.session();
      csrf.current = session.csrfToken;
      setState({ kind: 'signed-in', session });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        let setupRequired = false;
        try {
          setupRequired = (await api.setupStatus()).required;
        } catch {
          // The login page is still the right place; it will show the server's error on submit.
        }
        setState({ kind: 'anonymous', setupRequired, ended: false });
      } else {
        setState({ kind: 'unreachable', error });
      }
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const value = useMemo<AppValue>(
    () => ({
      api,
      state,
      signedIn: (session) => {
        csrf.current = session.csrfToken;
        setState({ kind: 'signed-in', session });
      },
      signOut: async () => {
        try {
          await api.logout();
        } finally {
          csrf.current = null;
          setState({ kind: 'anonymous', setupRequired: false, ended: false });
        }
      },
      refresh: load,
    }),
    [api, state, load],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}

export function useApi(): Api {
  return useApp().api;
}

/** The signed-in session; only pages behind the login gate call this. */
export function useSession(): Session {
  const { state } = useApp();
  if (state.kind !== 'signed-in') throw new Error('useSession without a signed-in user');
  return state.session;
}

/** The role requests of this session act with: an API token's scope never exceeds its creator's. */
export function effectiveRole(session: Session): Role {
  const { role } = session.user;
  const scoped = session.tokenRole;
  if (scoped === null) return role;
  return roleAtLeast(role, scoped) ? scoped : role;
}

/** Whether this session may do what `needed` allows; controls it may not use are not shown. */
export function useCan(needed: Role): boolean {
  return roleAtLeast(effectiveRole(useSession()), needed);
}
