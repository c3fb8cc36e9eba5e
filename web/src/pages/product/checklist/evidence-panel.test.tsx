// @vitest-environment happy-dom
import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES } from '../../../../../src/storage/blob-limits.js';
import type { EvidenceItem } from '../../../api/api-types.js';
import { productDetailFixture, requirementsFixture } from '../../../test-support/catalog-fixture.js';
import { apiError, FakeServer, json } from '../../../test-support/fake-server.js';
import { renderApp } from '../../../test-support/render-app.js';

afterEach(cleanup);

const PATH = '/products/p-1/checklist?q=2.4.7.13&open=2.4.7.13';
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function server(evidence: EvidenceItem[]) {
  return new FakeServer()
    .on('GET /api/v1/products/p-1', () => json({ ...productDetailFixture(), evidence }))
    .on('GET /api/v1/catalog/requirements', requirementsFixture());
}

async function panel() {
  const row = await waitFor(() => {
    const found = document.querySelector<HTMLElement>('[data-record="requirement:2.4.7.13"]');
    if (!found) throw new Error('row not shown yet');
    return found;
  });
  return within(row);
}

function choose(input: HTMLElement, file: File) {
  fireEvent.change(input, { target: { files: [file] } });
}

describe('evidence of a requirement', () => {
  it('uploads a file for the requirement and lists it with its SHA-256, type, size and a download link', async () => {
    const evidence: EvidenceItem[] = [];
    const s = server(evidence).on('POST /api/v1/products/p-1/evidence/files', (r) => {
      const file = r.form?.get('file') as File;
      const item: EvidenceItem = {
        id: 'e-1',
        target: { kind: 'requirement', id: '2.4.7.13' },
        kind: 'file',
        title: (r.form?.get('title') as string) ?? null,
        url: null,
        text: null,
        file: { sha256: SHA, filename: file.name, mediaType: 'text/plain', size: 2048 },
        createdAt: '2026-12-01T10:00:00.000Z',
        createdBy: 'priya',
      };
      evidence.push(item);
      return json(item, 201);
    });
    renderApp(s, PATH, 'assessor');
    const p = await panel();
    choose(
      p.getByLabelText('File to upload'),
      new File(['broker scan'], 'broker-scan.txt', { type: 'text/plain' }),
    );
    fireEvent.change(p.getByLabelText('Title (optional)'), { target: { value: 'Broker TLS scan' } });
    fireEvent.click(p.getByRole('button', { name: 'Upload' }));
    const link = await p.findByRole('link', { name: 'Broker TLS scan' });
    expect(link.getAttribute('href')).toBe('/api/v1/products/p-1/evidence/e-1/content');
    expect(p.getByText(SHA)).toBeTruthy();
    expect(p.getByText(/text\/plain · 2 KB/)).toBeTruthy();
    const form = s.writes()[0]?.form;
    expect(form?.get('target')).toBe('requirement:2.4.7.13');
    expect([...(form?.keys() ?? [])]).toEqual(['target', 'title', 'file']);
  });

  it('refuses a file over the limit before sending it, and explains a 413', async () => {
    const s = server([]).on(
      'POST /api/v1/products/p-1/evidence/files',
      apiError(413, 'payload-too-large', 'The file is over the limit.'),
    );
    renderApp(s, PATH, 'assessor');
    const p = await panel();
    expect(p.getByText('Up to 25 MB.', { exact: false })).toBeTruthy();
    const big = new File(['x'], 'capture.pcap');
    Object.defineProperty(big, 'size', { value: MAX_BLOB_BYTES + 1 });
    choose(p.getByLabelText('File to upload'), big);
    fireEvent.click(p.getByRole('button', { name: 'Upload' }));
    const over = (MAX_BLOB_BYTES + 1).toLocaleString('en-GB');
    const limit = MAX_BLOB_BYTES.toLocaleString('en-GB');
    expect((await p.findByRole('alert')).textContent).toContain(
      `capture.pcap is 25.0 MB (${over} bytes); evidence files can be at most 25 MB (${limit} bytes).`,
    );
    expect(s.writes()).toHaveLength(0);

    choose(p.getByLabelText('File to upload'), new File(['small'], 'ok.txt'));
    fireEvent.click(p.getByRole('button', { name: 'Upload' }));
    await waitFor(() =>
      expect(p.getByRole('alert').textContent).toContain(
        'The file is over the limit. Evidence files can be at most 25 MB.',
      ),
    );
  });

  it('adds a link and a note', async () => {
    const s = server([]).on('POST /api/v1/products/p-1/evidence', (r) =>
      json({ id: 'e-2', ...(r.json as object) }, 201),
    );
    renderApp(s, PATH, 'assessor');
    const p = await panel();
    fireEvent.click(p.getByLabelText('Link'));
    fireEvent.change(p.getByLabelText('Address'), { target: { value: 'https://tracker.example/FW-2291' } });
    fireEvent.click(p.getByRole('button', { name: 'Add link' }));
    await p.findByText('Link added.');
    fireEvent.click(p.getByLabelText('Note'));
    fireEvent.change(p.getByRole('textbox', { name: 'Note' }), {
      target: { value: 'Checked on the lab broker.' },
    });
    fireEvent.click(p.getByRole('button', { name: 'Add note' }));
    await p.findByText('Note added.');
    expect(s.writes().map((w) => w.json)).toEqual([
      {
        kind: 'url',
        target: { kind: 'requirement', id: '2.4.7.13' },
        url: 'https://tracker.example/FW-2291',
        title: null,
      },
      { kind: 'note', target: { kind: 'requirement', id: '2.4.7.13' }, text: 'Checked on the lab broker.' },
    ]);
  });
});
