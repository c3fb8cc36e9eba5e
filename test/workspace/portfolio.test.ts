import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../src/core/outcome/outcome-types.js';
import { queryPortfolio } from '../../src/workspace/portfolio.js';
import { getProductDetail } from '../../src/workspace/product-detail.js';
import { archiveProduct, createProduct } from '../../src/workspace/products.js';
import { setProfileAnswers } from '../../src/workspace/profile.js';
import { setGuidelineAttestation, setRequirementRecord } from '../../src/workspace/records.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { InvalidInputError } from '../../src/workspace/workspace-errors.js';
import { ALICE, freshDatabase, TEST_DATABASES, type TestDatabase } from '../storage/test-databases.js';

const MAKERS = ['Acme Ltd', 'acme ltd', 'Bolt & Co', null] as const;

describe.each(TEST_DATABASES)('the portfolio on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  /** Outcomes per product id, from a fresh evaluation of each product (not from the cache). */
  const fresh = new Map<string, Record<string, Outcome>>();
  const archived = new Set<string>();
  const names = new Map<string, string>();

  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
    const requirementIds = ws.ctx.source.items.map((i) => i.id);
    for (let i = 0; i < 12; i++) {
      const name = `${i % 2 ? 'Smart Plug' : 'Indoor Cam'} ${i} ${i === 3 ? '100%_sure' : ''}`.trim();
      const p = await createProduct(ws, ALICE, {
        name,
        model: `M-${i}`,
        manufacturer: MAKERS[i % MAKERS.length],
      });
      names.set(p.id, name);
      await setProfileAnswers(ws, ALICE, p.id, 1, {
        mqtt: i % 3 === 0,
        wifi: i % 2 === 0,
        'safety-critical': false,
      });
      for (let r = 0; r < requirementIds.length; r += 1 + i) {
        const statuses = ['compliant', 'compliant', 'partially-compliant', 'non-compliant'] as const;
        const status = statuses[(r + i) % 4] ?? 'compliant';
        await setRequirementRecord(ws, ALICE, p.id, requirementIds[r] as string, 0, { status });
      }
      if (i % 4 === 1) await setGuidelineAttestation(ws, ALICE, p.id, '10', 0, { status: 'compliant' });
      if (i % 5 === 4) {
        await archiveProduct(ws, ALICE, p.id, 2);
        archived.add(p.id);
      }
      const detail = await getProductDetail(ws, p.id);
      fresh.set(p.id, Object.fromEntries(detail.report.guidelines.map((g) => [g.id, g.outcome])));
    }
  });
  afterAll(async () => test?.dispose());

  const expectedCounts = (ids: readonly string[]) => {
    const counts: Record<string, Record<Outcome, number>> = {};
    for (const g of ws.ctx.target.items) {
      counts[g.id] = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
      for (const id of ids) (counts[g.id] as Record<Outcome, number>)[fresh.get(id)?.[g.id] as Outcome] += 1;
    }
    return counts;
  };

  it('lists active products by name with their outcomes, and counts over the whole set', async () => {
    const page = await queryPortfolio(ws, { pageSize: 200 });
    const active = [...fresh.keys()].filter((id) => !archived.has(id));
    expect(page.total).toBe(active.length);
    expect(page.items.map((r) => r.id).sort()).toEqual([...active].sort());
    for (const row of page.items) expect(row.outcomes).toEqual(fresh.get(row.id));
    expect(page.counts).toEqual(expectedCounts(active));
    const sorted = page.items.map((r) => r.name.toLowerCase());
    expect(sorted).toEqual([...sorted].sort());
  });

  it('pages without losing or repeating a product, counting the whole filtered set on every page', async () => {
    const all = await queryPortfolio(ws, { archived: 'all', pageSize: 200 });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await queryPortfolio(ws, { archived: 'all', page, pageSize: 5 });
      expect(p.total).toBe(12);
      expect(p.counts).toEqual(all.counts);
      seen.push(...p.items.map((r) => r.id));
    }
    expect(seen).toEqual(all.items.map((r) => r.id));
  });

  it('filters by archived state, words in name or model, manufacturer in any case, and a guideline’s outcome', async () => {
    expect((await queryPortfolio(ws, { archived: 'true' })).items.map((r) => r.id).sort()).toEqual(
      [...archived].sort(),
    );
    const plugs = await queryPortfolio(ws, { q: 'PLUG smart', archived: 'all' });
    expect(plugs.items.map((r) => r.name).every((n) => n.startsWith('Smart Plug'))).toBe(true);
    expect(plugs.total).toBe(6);
    const byModel = await queryPortfolio(ws, { q: 'm-1', archived: 'all' });
    expect(byModel.items.map((r) => r.model).sort()).toEqual(['M-1', 'M-10', 'M-11']);
    // % and _ are literal characters, not wildcards.
    expect((await queryPortfolio(ws, { q: '100%_', archived: 'all' })).items.map((r) => r.name)).toEqual([
      'Smart Plug 3 100%_sure',
    ]);
    expect((await queryPortfolio(ws, { q: '0%', archived: 'all' })).total).toBe(1);
    const acme = await queryPortfolio(ws, { manufacturer: 'ACME LTD', archived: 'all' });
    expect(acme.items.map((r) => r.manufacturer?.toLowerCase())).toEqual(Array(acme.total).fill('acme ltd'));
    expect(acme.total).toBe(6);
    for (const outcome of ['met', 'needs-attestation', 'not-met'] as const) {
      const filtered = await queryPortfolio(ws, { guideline: '10', outcome, archived: 'all' });
      const expected = [...fresh].filter(([, o]) => o['10'] === outcome).map(([id]) => id);
      expect(filtered.items.map((r) => r.id).sort()).toEqual(expected.sort());
      expect(filtered.counts['10']?.[outcome]).toBe(expected.length);
      expect(filtered.counts).toEqual(expectedCounts(expected));
    }
  });

  it('shows summary numbers from the cache that match a fresh evaluation', async () => {
    const page = await queryPortfolio(ws, { archived: 'all', pageSize: 200 });
    for (const row of page.items) {
      const detail = await getProductDetail(ws, row.id);
      expect(row.guidelinesMet).toBe(detail.report.summary.guidelinesMet);
      expect(row.compliantShare).toBe(detail.report.summary.compliantShare);
      expect(row.topPriorityMet).toBe(detail.report.summary.topPriority.allMet);
      expect(row.name).toBe(names.get(row.id));
    }
  });

  it('refuses a half or wrong outcome filter and a bad page, saying how to fix it', async () => {
    for (const query of [
      { guideline: '3' },
      { outcome: 'met' as const },
      { guideline: '33', outcome: 'met' as const },
      { guideline: '3', outcome: 'great' as never },
      { page: 0 },
      { pageSize: 201 },
      { page: 1.5 },
    ]) {
      await expect(queryPortfolio(ws, query), JSON.stringify(query)).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    }
  });
});
