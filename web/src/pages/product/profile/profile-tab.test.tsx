// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Profile, PutProfileBody } from '../../../api/api-types.js';
import { productDetailFixture, profileQuestionsFixture } from '../../../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../../../test-support/fake-server.js';
import { renderApp } from '../../../test-support/render-app.js';

afterEach(cleanup);

const questions = profileQuestionsFixture();
const wifiQuestion = questions.items.find((q) => q.id === 'wifi')?.question ?? '';
const wpsQuestion = questions.items.find((q) => q.id === 'wps')?.question ?? '';

function profile(answers: Record<string, boolean>, revision: number): Profile {
  return { revision, answers, facts: [], applicability: [] };
}

function server(saved: Profile) {
  return new FakeServer()
    .on('GET /api/v1/products/p-1', () => json(productDetailFixture()))
    .on('GET /api/v1/catalog/profile-questions', questions)
    .on('GET /api/v1/products/p-1/profile', () => json(saved));
}

describe('the profile questionnaire', () => {
  it('stops asking about WPS once Wi-Fi is answered no, and saves the answers at the profile’s revision', async () => {
    const s = server(profile({ wifi: true, wps: false }, 7)).on('PUT /api/v1/products/p-1/profile', () =>
      json({ profile: profile({ wifi: false }, 8), warnings: [] }),
    );
    renderApp(s, '/products/p-1/profile', 'assessor');
    const wifi = await screen.findByRole('group', { name: wifiQuestion });
    const wps = screen.getByRole('group', { name: wpsQuestion }) as HTMLFieldSetElement;
    expect(wps.disabled).toBe(false);

    fireEvent.click(within(wifi).getByLabelText('No'));
    expect(wps.disabled).toBe(true);
    expect(wps.textContent).toContain('Not asked: the device does not use Wi-Fi');

    fireEvent.click(screen.getByRole('button', { name: 'Save the profile' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    const body = s.writes()[0]?.json as PutProfileBody;
    expect(body.expectedRevision).toBe(7);
    expect(body.answers.wifi).toBe(false);
    expect(Object.keys(body.answers).sort()).toEqual(questions.items.map((q) => q.id).sort());
  });

  it('refuses to overwrite a profile someone else saved, and shows their answers', async () => {
    const theirs = profile({ wifi: true, wps: true }, 8);
    const s = server(profile({ wifi: true }, 7)).on(
      'PUT /api/v1/products/p-1/profile',
      apiError(409, 'stale-revision', 'the product was changed since you read it', { current: theirs }),
    );
    renderApp(s, '/products/p-1/profile', 'assessor');
    fireEvent.click(within(await screen.findByRole('group', { name: wifiQuestion })).getByLabelText('No'));
    fireEvent.click(screen.getByRole('button', { name: 'Save the profile' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else changed this product or its profile');
    expect(alert.textContent).toContain(`${wpsQuestion} Yes`);
    expect(s.writes()).toHaveLength(1);
  });

  it('shows a viewer the answers with every control disabled and no save button', async () => {
    renderApp(server(profile({ wifi: true }, 7)), '/products/p-1/profile', 'viewer');
    const wifi = (await screen.findByRole('group', { name: wifiQuestion })) as HTMLFieldSetElement;
    expect(wifi.disabled).toBe(true);
    expect((within(wifi).getByLabelText('Yes') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save the profile' })).toBeNull();
  });
});
