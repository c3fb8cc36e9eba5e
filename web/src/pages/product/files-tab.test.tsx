// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_FORMATS } from '../../../../src/renderers/renderer.js';
import { productDetailFixture } from '../../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../../test-support/fake-server.js';
import { renderApp } from '../../test-support/render-app.js';

afterEach(cleanup);

/** The reader's answer to the "replace this product's state?" question (happy-dom has no dialogs). */
function answerConfirm(answer: boolean) {
  Object.defineProperty(window, 'confirm', {
    value: vi.fn(() => answer),
    configurable: true,
    writable: true,
  });
}

function server() {
  return new FakeServer().on('GET /api/v1/products/p-1', () => json(productDetailFixture(undefined, 7)));
}

describe('reports and files', () => {
  it('offers every report format the server renders, and the YAML export', async () => {
    renderApp(server(), '/products/p-1/files', 'viewer');
    await screen.findByRole('heading', { name: 'Reports' });
    const hrefs = screen.getAllByRole('link').map((a) => a.getAttribute('href') ?? '');
    for (const format of REPORT_FORMATS)
      expect(hrefs).toContain(`/api/v1/products/p-1/report?format=${format}`);
    expect(screen.getByRole('link', { name: 'Export YAML' }).getAttribute('href')).toBe(
      '/api/v1/products/p-1/export',
    );
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  it('imports with the product’s revision and shows each problem of a refused file by line and column', async () => {
    const diagnostics = [
      {
        severity: 'error',
        code: 'unknown-status',
        message: 'status "done" is not a status',
        hint: 'use compliant, …',
        path: 'requirements.2.4.7.13.status',
        line: 42,
        column: 13,
      },
    ];
    const s = server().on(
      'POST /api/v1/products/p-1/import',
      apiError(400, 'invalid-assessment', 'the assessment file has 1 error', { diagnostics }),
    );
    answerConfirm(true);
    renderApp(s, '/products/p-1/files', 'assessor');
    const input = (await screen.findByLabelText('Assessment file')) as HTMLInputElement;
    const file = new File(['iotassure: 1\n'], 'camera.yaml', { type: 'application/yaml' });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('camera.yaml:42:13');
    expect(screen.getByText('status "done" is not a status', { exact: false })).toBeTruthy();
    const form = s.writes()[0]?.form;
    expect(form?.get('expectedRevision')).toBe('7');
    expect(form?.get('assessment')).toMatchObject({ name: 'camera.yaml' });
  });

  it('imports nothing when the replacement is not confirmed', async () => {
    const s = server();
    answerConfirm(false);
    renderApp(s, '/products/p-1/files', 'assessor');
    const input = (await screen.findByLabelText('Assessment file')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'a.yaml')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(window.confirm).toHaveBeenCalled());
    expect(s.writes()).toHaveLength(0);
  });
});
