// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionFixture } from '../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../test-support/fake-server.js';
import { renderApp } from '../test-support/render-app.js';
import { tokenFromFragment } from './setup-page.js';

afterEach(cleanup);

const TOKEN = 'wLWmgxvJs4DB4MWYSjnsWCVve288jsgDk0imHiV7SjA';
const RULES = ['At least 12 characters and at most 256.', 'Must not contain your user name.'];

function server() {
  return new FakeServer()
    .on('GET /api/v1/setup', { required: true })
    .on('GET /api/v1/password-policy', { minLength: 12, maxLength: 256, rules: RULES })
    .on('POST /api/v1/setup', () => json(sessionFixture('administrator'), 201))
    .on('GET /api/v1/products', { items: [], page: 1, pageSize: 50, total: 0, counts: {} })
    .on('GET /api/v1/catalog/guidelines', { framework: {}, items: [] });
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('first-run setup', () => {
  it('reads the token from the fragment, removes it from the address, and sends it only in the body', async () => {
    const s = server();
    renderApp(s, `/setup#token=${TOKEN}`, null);
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/setup');
    await screen.findByText('Setup token received from the link.', { exact: false });
    for (const rule of RULES) expect(await screen.findByText(rule)).toBeTruthy();

    fill('Your name', 'Ada Admin');
    fill('User name', 'ada');
    fill('Password', 'correct horse battery staple');
    fill('Password again', 'correct horse battery staple');
    fireEvent.click(screen.getByRole('button', { name: 'Create the administrator account' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));

    const setup = s.writes();
    expect(setup).toHaveLength(1);
    expect(setup[0]?.json).toEqual({
      token: TOKEN,
      username: 'ada',
      displayName: 'Ada Admin',
      password: 'correct horse battery staple',
    });
    expect(s.requests.every((r) => r.query.toString() === '' || !r.query.toString().includes(TOKEN))).toBe(
      true,
    );
  });

  it('shows the server’s password rule and does not submit mismatched passwords', async () => {
    const s = server().on(
      'POST /api/v1/setup',
      apiError(400, 'weak-password', 'The password must not contain your user name.'),
    );
    renderApp(s, `/setup#token=${TOKEN}`, null);
    await screen.findByLabelText('Your name');
    fill('Your name', 'Ada');
    fill('User name', 'ada');
    fill('Password', 'ada-has-a-long-password');
    fill('Password again', 'something else entirely');
    fireEvent.click(screen.getByRole('button', { name: 'Create the administrator account' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('not the same'),
    );
    expect(s.writes()).toHaveLength(0);

    fill('Password again', 'ada-has-a-long-password');
    fireEvent.click(screen.getByRole('button', { name: 'Create the administrator account' }));
    await waitFor(() =>
      expect(screen.getAllByText('The password must not contain your user name.').length).toBeGreaterThan(0),
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it('reads a token only from #token=', () => {
    expect(tokenFromFragment(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromFragment('#other=1')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
  });
});
