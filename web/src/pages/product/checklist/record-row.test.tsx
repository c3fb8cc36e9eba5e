// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProductDetail, PutRecordBody } from '../../../api/api-types.js';
import {
  guidelinesFixture,
  productDetailFixture,
  requirementsFixture,
} from '../../../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../../../test-support/fake-server.js';
import { renderApp } from '../../../test-support/render-app.js';

afterEach(cleanup);

const PATH = '/products/p-1/checklist?guideline=5&open=2.4.7.13';

function serverWith(detail: () => ProductDetail) {
  return new FakeServer()
    .on('GET /api/v1/products/p-1', () => json(detail()))
    .on('GET /api/v1/catalog/requirements', requirementsFixture())
    .on('GET /api/v1/catalog/guidelines', guidelinesFixture());
}

const row = async (id: string) => {
  const element = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-record="requirement:${id}"]`);
    if (!found) throw new Error(`no row for ${id} yet`);
    return found;
  });
  return within(element);
};

describe('a checklist row', () => {
  it('saves a status with the revision it was read at', async () => {
    const detail = productDetailFixture();
    const recorded = detail.records['2.4.7.13'];
    expect(recorded?.status).toBe('non-compliant'); // the wifi-camera example, as the core reads it
    const server = serverWith(() => detail).on('PUT /api/v1/products/p-1/requirements/2.4.7.13', (r) =>
      json({
        target: { kind: 'requirement', id: '2.4.7.13' },
        record: { ...recorded, ...(r.json as object), revision: 4 },
        warnings: [],
        outcomes: {},
      }),
    );
    renderApp(server, PATH, 'assessor');
    const r = await row('2.4.7.13');
    const select = r.getByLabelText('Status of 2.4.7.13') as HTMLSelectElement;
    expect(select.value).toBe('non-compliant');
    expect(r.queryByRole('button', { name: 'Save 2.4.7.13' })).toBeNull();
    fireEvent.change(select, { target: { value: 'compliant' } });
    fireEvent.click(r.getByRole('button', { name: 'Save 2.4.7.13' }));
    await r.findByText(/^Saved at/);
    const puts = server.writes();
    expect(puts).toHaveLength(1);
    const body = puts[0]?.json as PutRecordBody;
    expect(body.expectedRevision).toBe(recorded?.revision);
    expect(body.status).toBe('compliant');
    expect(body.justification).toBe(recorded?.justification);
    expect(puts[0]?.headers.get('x-csrf-token')).toBe('csrf-assessor');
  });

  it('on a stale revision shows their value, overwrites nothing, and lets the change be reapplied after a reload', async () => {
    let detail = productDetailFixture();
    const mine = detail.records['2.4.7.13'];
    if (!mine) throw new Error('fixture has no record for 2.4.7.13');
    const theirs = {
      ...mine,
      revision: mine.revision + 1,
      status: 'partially-compliant' as const,
      justification: 'Broker fixed; firmware not yet',
      updatedBy: 'tomasz',
    };
    const server = serverWith(() => detail).on('PUT /api/v1/products/p-1/requirements/2.4.7.13', (r) =>
      (r.json as PutRecordBody).expectedRevision === theirs.revision
        ? json({
            target: { kind: 'requirement', id: '2.4.7.13' },
            record: { ...theirs, revision: theirs.revision + 1 },
            warnings: [],
            outcomes: {},
          })
        : apiError(409, 'stale-revision', 'requirement 2.4.7.13 was changed since you read it', {
            current: theirs,
          }),
    );
    renderApp(server, PATH, 'assessor');
    const r = await row('2.4.7.13');
    fireEvent.change(r.getByLabelText('Status of 2.4.7.13'), { target: { value: 'compliant' } });
    fireEvent.click(r.getByRole('button', { name: 'Save 2.4.7.13' }));

    const alert = await r.findByRole('alert');
    expect(alert.textContent).toContain('Someone else changed requirement 2.4.7.13 — reload and reapply');
    expect(alert.textContent).toContain('Broker fixed; firmware not yet');
    expect(alert.textContent).toContain('by tomasz');
    expect(server.writes()).toHaveLength(1);

    // Reload: the server now holds their version.
    detail = { ...detail, records: { ...detail.records, '2.4.7.13': theirs } };
    const loadsBefore = server.requests.filter(
      (q) => q.method === 'GET' && q.path === '/api/v1/products/p-1',
    ).length;
    fireEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    await r.findByText('Your change that was not saved');
    expect(
      server.requests.filter((q) => q.method === 'GET' && q.path === '/api/v1/products/p-1').length,
    ).toBe(loadsBefore + 1);
    expect((r.getByLabelText('Status of 2.4.7.13') as HTMLSelectElement).value).toBe('partially-compliant');

    fireEvent.click(r.getByRole('button', { name: 'Put my change back in the form' }));
    expect((r.getByLabelText('Status of 2.4.7.13') as HTMLSelectElement).value).toBe('compliant');
    fireEvent.click(r.getByRole('button', { name: 'Save 2.4.7.13' }));
    await waitFor(() => expect(server.writes()).toHaveLength(2));
    expect(server.writes()[1]?.json).toMatchObject({
      expectedRevision: theirs.revision,
      status: 'compliant',
    });
  });

  it('shows a viewer the statuses without any control to change them', async () => {
    const server = serverWith(() => productDetailFixture());
    renderApp(server, PATH, 'viewer');
    const r = await row('2.4.7.13');
    expect(r.getAllByText('Non-compliant').length).toBeGreaterThan(0);
    expect(
      document.querySelectorAll('[data-record] select, [data-record] textarea, [data-record] input'),
    ).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /^Save/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Upload' })).toBeNull();
    // The evidence is still listed for reading.
    expect(r.getByRole('heading', { name: /Evidence/ })).toBeTruthy();
  });
});
