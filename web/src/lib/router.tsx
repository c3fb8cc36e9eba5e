/**
 * A small client-side router over the History API: the app has a dozen routes and needs only
 * path matching, query strings and links that degrade to ordinary anchors (open in a new tab,
 * copy the address). The server answers every non-API path with index.html, so each address
 * here also works after a reload.
 */
import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

export interface AppLocation {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

export interface NavigateOptions {
  /** Replace the current history entry (filters, redirects) instead of adding one. */
  readonly replace?: boolean;
}

interface RouterValue {
  readonly location: AppLocation;
  readonly navigate: (to: string, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function currentLocation(): AppLocation {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<AppLocation>(currentLocation);
  useEffect(() => {
    const onPop = () => setLocation(currentLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    const target = new URL(to, window.location.href);
    if (target.origin !== window.location.origin) throw new Error(`refusing to navigate off-site: ${to}`);
    const path = `${target.pathname}${target.search}${target.hash}`;
    if (options.replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
    setLocation(currentLocation());
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

export const useLocation = () => useRouter().location;
export const useNavigate = () => useRouter().navigate;

/** The query string as URLSearchParams, and a setter that merges changes (null/'' removes a key). */
export function useSearchParams(): [
  URLSearchParams,
  (changes: Record<string, string | number | null | undefined>, options?: NavigateOptions) => void,
] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const update = useCallback(
    (
      changes: Record<string, string | number | null | undefined>,
      options: NavigateOptions = { replace: true },
    ) => {
      const next = new URLSearchParams(location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      const text = next.toString();
      navigate(`${location.pathname}${text ? `?${text}` : ''}`, options);
    },
    [location.pathname, location.search, navigate],
  );
  return [params, update];
}

/**
 * Matches `/products/:productId/history` against a path; returns the decoded parameters, or null.
 * A pattern ending in `/*` also matches anything below it (the rest is in `*`).
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const wildcard = pattern.endsWith('/*');
  const patternParts = (wildcard ? pattern.slice(0, -2) : pattern).split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (wildcard ? pathParts.length < patternParts.length : pathParts.length !== patternParts.length)
    return null;
  const params: Record<string, string> = {};
  for (const [i, part] of patternParts.entries()) {
    const actual = pathParts[i] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) return null;
  }
  if (wildcard) params['*'] = pathParts.slice(patternParts.length).join('/');
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { readonly to: string };

/** An anchor that navigates in the app on a plain click and behaves as a normal link otherwise. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/** Sends the browser elsewhere once rendered (for redirects such as "log in first"). */
export function Redirect({ to }: { readonly to: string }) {
  const navigate = useNavigate();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}
