// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../api/api-types.js';
import { productDetailFixture } from '../../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../../test-support/fake-server.js';
import { renderApp } from '../../test-support/render-app.js';

afterEach(cleanup);

describe('product details', () => {
  it('sends only the changed fields, blank as null, with the product’s revision', async () => {
    const detail = productDetailFixture(undefined, 7);
    const s = new FakeServer()
      .on('GET /api/v1/products/p-1', () => json(detail))
      .on('PATCH /api/v1/products/p-1', (r) =>
        json({ ...detail.product, ...(r.json as object), revision: 8 }),
      );
    renderApp(s, '/products/p-1/details', 'assessor');
    const model = (await screen.findByLabelText('Model')) as HTMLInputElement;
    expect(model.value).toBe(detail.product.model);
    fireEvent.change(model, { target: { value: '   ' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: `${detail.product.name} (rev C)` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
    await screen.findByText('Details saved.');
    expect(s.writes()[0]?.json).toEqual({
      expectedRevision: 7,
      name: `${detail.product.name} (rev C)`,
      model: null,
    });
  });

  it('shows the current details when someone else saved first, and writes nothing more', async () => {
    const detail = productDetailFixture(undefined, 7);
    const theirs: Product = {
      ...detail.product,
      revision: 8,
      name: 'Renamed by Tomasz',
      updatedBy: 'tomasz',
    };
    const s = new FakeServer()
      .on('GET /api/v1/products/p-1', () => json(detail))
      .on(
        'PATCH /api/v1/products/p-1',
        apiError(409, 'stale-revision', 'the product changed since you read it', { current: theirs }),
      );
    renderApp(s, '/products/p-1/details', 'assessor');
    fireEvent.change(await screen.findByLabelText('Version'), { target: { value: '2.0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else changed the product details — reload and reapply');
    expect(alert.textContent).toContain('Renamed by Tomasz');
    expect(s.writes()).toHaveLength(1);
  });

  it('archives with the product’s revision', async () => {
    const detail = productDetailFixture(undefined, 7);
    const s = new FakeServer()
      .on('GET /api/v1/products/p-1', () => json(detail))
      .on('POST /api/v1/products/p-1/archive', () =>
        json({ ...detail.product, archivedAt: '2026-12-02T09:00:00.000Z' }),
      );
    renderApp(s, '/products/p-1/details', 'assessor');
    fireEvent.click(await screen.findByRole('button', { name: 'Archive the product' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    expect(s.writes()[0]?.json).toEqual({ expectedRevision: 7 });
  });

  it('shows a viewer the details without a form', async () => {
    const s = new FakeServer().on('GET /api/v1/products/p-1', () => json(productDetailFixture()));
    renderApp(s, '/products/p-1/details', 'viewer');
    await screen.findByRole('heading', { name: 'Product details' });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Archive|Save/ })).toBeNull();
  });
});
