// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '../../api/api-types.js';
import { FakeServer, json } from '../../test-support/fake-server.js';
import { renderApp } from '../../test-support/render-app.js';

afterEach(cleanup);

const SECRET = 'iot_3kD9fJ2mQpX7wLz0aB4cE6gH8iK1nR5t';

describe('API tokens', () => {
  it('shows a new token’s secret once, with a copy button, and never in the list', async () => {
    const tokens: ApiToken[] = [];
    const s = new FakeServer()
      .on('GET /api/v1/tokens', () => json({ items: tokens }))
      .on('POST /api/v1/tokens', (r) => {
        const body = r.json as { name: string; role: ApiToken['role'] };
        const token: ApiToken = {
          id: 't-1',
          name: body.name,
          role: body.role,
          createdBy: { id: 'u-administrator', username: 'administrator' },
          createdAt: '2026-12-01T10:00:00.000Z',
          lastUsedAt: null,
          revokedAt: null,
        };
        tokens.push(token);
        return json({ token, secret: SECRET }, 201);
      });
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp(s, '/admin/tokens', 'administrator');
    await screen.findByText('No API tokens yet.');

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'release pipeline' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByText(SECRET);
    expect(s.writes()[0]?.json).toEqual({ name: 'release pipeline', role: 'viewer' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await screen.findByText('Copied to the clipboard');
    expect(writeText).toHaveBeenCalledWith(SECRET);

    const table = await screen.findByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'release pipeline' })).toBeTruthy();
    expect(table.textContent).not.toContain(SECRET);

    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => expect(shown.isConnected).toBe(false));
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('is not offered to assessors', async () => {
    renderApp(new FakeServer(), '/admin/tokens', 'assessor');
    expect(await screen.findByRole('heading', { name: 'Administrators only' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
  });
});
