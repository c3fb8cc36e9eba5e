// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTCOME_LABEL } from '../../../../test/fixtures/report-fixture.js';
import type { Outcome } from '../../api/api-types.js';
import { guidelinesFixture, portfolioFixture } from '../../test-support/catalog-fixture.js';
import { FakeServer, json } from '../../test-support/fake-server.js';
import { renderApp } from '../../test-support/render-app.js';

afterEach(cleanup);

const portfolio = portfolioFixture();
const guidelines = guidelinesFixture();

function server() {
  return new FakeServer()
    .on('GET /api/v1/products', () => json(portfolio))
    .on('GET /api/v1/catalog/guidelines', guidelines);
}

describe('the portfolio heat map', () => {
  it('shows every product’s outcome per guideline in words, with the top-priority guidelines first and grouped', async () => {
    renderApp(server(), '/', 'viewer');
    const table = await screen.findByRole('table');
    const top = guidelines.items.filter((g) => g.topPriority).map((g) => g.id);
    expect(top).toEqual(['1', '2', '3']);
    const group = within(table).getByRole('columnheader', { name: 'Top priority' });
    expect(group.getAttribute('colspan')).toBe('3');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.getAttribute('title'))
      .filter((t): t is string => t?.startsWith('Guideline') ?? false);
    expect(headers.slice(0, 3)).toEqual(
      top.map((id) => expect.stringMatching(new RegExp(`^Guideline ${id}: `))),
    );

    for (const row of portfolio.items) {
      const tr = within(table)
        .getByRole('rowheader', { name: new RegExp(row.name) })
        .closest('tr') as HTMLElement;
      const cells = within(tr).getAllByRole('cell');
      const order = [...top, ...guidelines.items.filter((g) => !g.topPriority).map((g) => g.id)];
      order.forEach((id, i) => {
        expect(cells[i]?.textContent).toContain(OUTCOME_LABEL[row.outcomes[id] as Outcome]);
      });
      expect(within(tr).getByText(`${row.guidelinesMet}/13`)).toBeTruthy();
    }
  });

  it('filters on a guideline’s outcome from the counts, and asks the server for it', async () => {
    const s = server();
    renderApp(s, '/', 'viewer');
    await screen.findByRole('table');
    const [guideline, byOutcome] = Object.entries(portfolio.counts)[0] ?? [];
    const [outcome, count] = Object.entries(byOutcome ?? {})[0] ?? [];
    const button = screen.getByRole('button', {
      name: `${count} ${count === 1 ? 'product' : 'products'} with guideline ${guideline} ${OUTCOME_LABEL[outcome as Outcome].toLowerCase()}: show only these`,
    });
    fireEvent.click(button);
    await waitFor(() => {
      const last = s.requests.filter((r) => r.path === '/api/v1/products').at(-1);
      expect(last?.query.get('guideline')).toBe(guideline);
      expect(last?.query.get('outcome')).toBe(outcome);
    });
    expect(new URLSearchParams(window.location.search).get('outcome')).toBe(outcome);
  });

  it('offers creating and importing products to assessors only', async () => {
    renderApp(server(), '/', 'viewer');
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: 'New product' })).toBeNull();
    cleanup();
    renderApp(server(), '/', 'assessor');
    await screen.findByRole('table');
    expect(screen.getByRole('link', { name: 'New product' }).getAttribute('href')).toBe('/products/new');
  });
});
