// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../api/api-types.js';
import { sessionFixture } from '../../test-support/catalog-fixture.js';
import { FakeServer, json } from '../../test-support/fake-server.js';
import { renderApp } from '../../test-support/render-app.js';

afterEach(cleanup);

const me = sessionFixture('administrator').user;
const priya: User = {
  ...sessionFixture('assessor').user,
  id: 'u-priya',
  username: 'priya',
  displayName: 'Priya Natarajan',
};

function server(users: User[]) {
  return new FakeServer()
    .on('GET /api/v1/users', () => json({ items: users }))
    .on('GET /api/v1/password-policy', { minLength: 12, maxLength: 256, rules: ['At least 12 characters.'] })
    .on('PATCH /api/v1/users/u-priya', (r) => {
      Object.assign(users[1] ?? {}, r.json);
      return json(users[1]);
    });
}

describe('user administration', () => {
  it('changes another user’s role and disables them, but not one’s own', async () => {
    const users = [me, { ...priya }];
    const s = server(users);
    Object.defineProperty(window, 'confirm', {
      value: vi.fn(() => true),
      configurable: true,
      writable: true,
    });
    renderApp(s, '/admin/users', 'administrator');
    const own = (await screen.findByLabelText(`Role of ${me.username}`)) as HTMLSelectElement;
    expect(own.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: `Disable ${me.username}` })).toBeNull();

    fireEvent.change(screen.getByLabelText('Role of priya'), { target: { value: 'viewer' } });
    await screen.findByText('priya is now viewer.');
    fireEvent.click(screen.getByRole('button', { name: 'Disable priya' }));
    await waitFor(() => expect(s.writes()).toHaveLength(2));
    expect(s.writes().map((w) => w.json)).toEqual([{ role: 'viewer' }, { disabled: true }]);
    const row = screen.getByRole('rowheader', { name: /Priya Natarajan/ }).closest('tr') as HTMLElement;
    await within(row).findByText('Disabled');
  });

  it('creates a user with the chosen role and first password', async () => {
    const s = server([me]).on('POST /api/v1/users', (r) =>
      json({ ...priya, ...(r.json as object), id: 'u-new', password: undefined }, 201),
    );
    renderApp(s, '/admin/users', 'administrator');
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Vera Auditor' } });
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'vera' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.change(screen.getByLabelText('First password'), {
      target: { value: 'independent review 2026' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await screen.findByText('User created');
    expect(s.writes()[0]?.json).toEqual({
      username: 'vera',
      displayName: 'Vera Auditor',
      role: 'viewer',
      password: 'independent review 2026',
    });
  });
});
