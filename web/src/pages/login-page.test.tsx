// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionFixture } from '../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../test-support/fake-server.js';
import { renderApp } from '../test-support/render-app.js';
import { safeNext } from './login-page.js';

afterEach(cleanup);

function logIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('User name'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('log in', () => {
  it('sends an anonymous visitor to the login page and back to where they were going', async () => {
    const s = new FakeServer()
      .on('GET /api/v1/setup', { required: false })
      .on('POST /api/v1/session', () => json(sessionFixture('assessor')))
      .on('GET /api/v1/products/p-9/history', { items: [], page: 1, pageSize: 50, total: 0 });
    renderApp(s, '/account', null);
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/account');
    logIn('priya', 'a long enough passphrase');
    await waitFor(() => expect(window.location.pathname).toBe('/account'));
    expect(s.writes()[0]?.json).toEqual({ username: 'priya', password: 'a long enough passphrase' });
  });

  it('says how long to wait when the server throttles log-ins', async () => {
    const s = new FakeServer().on('GET /api/v1/setup', { required: false }).on(
      'POST /api/v1/session',
      apiError(429, 'too-many-attempts', 'Too many failed log-ins for this account.', undefined, {
        'retry-after': '90',
      }),
    );
    renderApp(s, '/login', null);
    await screen.findByLabelText('User name');
    logIn('priya', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Too many failed log-ins for this account. Try again in 2 minutes.',
    );
  });

  it('clears the password after wrong credentials and shows the server’s words', async () => {
    const s = new FakeServer()
      .on('GET /api/v1/setup', { required: false })
      .on('POST /api/v1/session', apiError(401, 'bad-credentials', 'Wrong user name or password.'));
    renderApp(s, '/login', null);
    await screen.findByLabelText('User name');
    logIn('priya', 'wrong password');
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong user name or password.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(window.location.pathname).toBe('/login');
  });

  it('follows `next` only within the app', () => {
    expect(safeNext('/products/42/checklist?guideline=5')).toBe('/products/42/checklist?guideline=5');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
