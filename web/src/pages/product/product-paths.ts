/** Addresses inside a product: one place builds them, so links and routes cannot drift apart. */
export type ProductTab = 'overview' | 'checklist' | 'profile' | 'history' | 'files' | 'details';

export const PRODUCT_TABS: readonly { readonly tab: ProductTab; readonly label: string }[] = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'checklist', label: 'Checklist' },
  { tab: 'profile', label: 'Profile' },
  { tab: 'history', label: 'History' },
  { tab: 'files', label: 'Reports & files' },
  { tab: 'details', label: 'Details' },
];

export function productPath(
  productId: string,
  tab: ProductTab = 'overview',
  query: Record<string, string | undefined> = {},
): string {
  const base = `/products/${encodeURIComponent(productId)}${tab === 'overview' ? '' : `/${tab}`}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

/** The checklist narrowed to a guideline, with one requirement opened (a tile's deciding link). */
export function requirementPath(productId: string, requirementId: string, guidelineId?: string): string {
  return productPath(productId, 'checklist', { guideline: guidelineId, open: requirementId });
}

export function tabFromRest(rest: string): ProductTab | null {
  if (rest === '') return 'overview';
  const found = PRODUCT_TABS.find((t) => t.tab === rest);
  return found ? found.tab : null;
}
