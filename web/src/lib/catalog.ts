/**
 * The catalog (guidelines, requirements, profile questions) is the same for every product and
 * does not change while the server runs: each part is fetched once per signed-in app and shared
 * by every page that needs it.
 */
import type { CatalogGuidelines, CatalogRequirements, ProfileQuestions } from '../api/api-types.js';
import type { Api } from '../api/endpoints.js';
import { useApi } from '../app/app-context.js';
import { type Resource, useResource } from './use-resource.js';

interface CatalogCache {
  guidelines?: Promise<CatalogGuidelines>;
  requirements?: Promise<CatalogRequirements>;
  profileQuestions?: Promise<ProfileQuestions>;
}

const caches = new WeakMap<Api, CatalogCache>();

function cached<K extends keyof CatalogCache>(api: Api, key: K, load: () => NonNullable<CatalogCache[K]>) {
  let cache = caches.get(api);
  if (!cache) {
    cache = {};
    caches.set(api, cache);
  }
  let promise = cache[key];
  if (!promise) {
    promise = load();
    cache[key] = promise;
    // A failed load is not kept: the next page that asks tries again.
    promise.catch(() => {
      if (cache[key] === promise) delete cache[key];
    });
  }
  return promise as NonNullable<CatalogCache[K]>;
}

export function useCatalogGuidelines(): Resource<CatalogGuidelines> {
  const api = useApi();
  return useResource(() => cached(api, 'guidelines', () => api.catalog.guidelines()), [api]);
}

export function useCatalogRequirements(): Resource<CatalogRequirements> {
  const api = useApi();
  return useResource(() => cached(api, 'requirements', () => api.catalog.requirements()), [api]);
}

export function useProfileQuestions(): Resource<ProfileQuestions> {
  const api = useApi();
  return useResource(() => cached(api, 'profileQuestions', () => api.catalog.profileQuestions()), [api]);
}
