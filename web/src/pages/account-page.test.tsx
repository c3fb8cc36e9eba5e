// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, FakeServer } from '../test-support/fake-server.js';
import { renderApp } from '../test-support/render-app.js';

afterEach(cleanup);

const RULES = ['At least 12 characters and at most 256.', 'Not one of the most common passwords.'];

function change(current: string, next: string, again = next) {
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('New password again'), { target: { value: again } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('changing one’s password', () => {
  it('shows the rules before typing and the server’s reason after', async () => {
    const s = new FakeServer()
      .on('GET /api/v1/password-policy', { minLength: 12, maxLength: 256, rules: RULES })
      .on(
        'PUT /api/v1/session/password',
        apiError(400, 'weak-password', 'This password is one of the most common passwords.'),
      );
    renderApp(s, '/account', 'assessor');
    for (const rule of RULES) expect(await screen.findByText(rule)).toBeTruthy();
    change('old passphrase here', 'password1234');
    await waitFor(() =>
      expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true'),
    );
    expect(screen.getAllByText('This password is one of the most common passwords.').length).toBeGreaterThan(
      0,
    );
    expect(s.writes()[0]?.json).toEqual({
      currentPassword: 'old passphrase here',
      newPassword: 'password1234',
    });
  });

  it('says the change worked and reads the session again', async () => {
    const s = new FakeServer()
      .on('GET /api/v1/password-policy', { minLength: 12, maxLength: 256, rules: RULES })
      .on('PUT /api/v1/session/password', () => new Response(null, { status: 204 }));
    renderApp(s, '/account', 'assessor');
    await screen.findByLabelText('Current password');
    const sessionReads = () => s.requests.filter((r) => r.path === '/api/v1/session').length;
    const before = sessionReads();
    change('old passphrase here', 'a much longer passphrase 2026');
    await screen.findByText('Password changed');
    expect(sessionReads()).toBe(before + 1);
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });

  it('does not send two different new passwords', async () => {
    const s = new FakeServer().on('GET /api/v1/password-policy', {
      minLength: 12,
      maxLength: 256,
      rules: RULES,
    });
    renderApp(s, '/account', 'viewer');
    await screen.findByLabelText('Current password');
    change('old passphrase here', 'first new passphrase', 'second new passphrase');
    expect((await screen.findByRole('alert')).textContent).toContain('not the same');
    expect(s.writes()).toHaveLength(0);
  });
});
