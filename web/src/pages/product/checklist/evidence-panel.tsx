/**
 * The evidence of one requirement or attestation: files (stored by SHA-256, type sniffed by the
 * server, downloadable), links and notes; and, for assessors, forms to add each kind.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { MAX_BLOB_BYTES } from '../../../../../src/storage/blob-limits.js';
import { ApiError } from '../../../api/api-error.js';
import type { EvidenceItem, EvidenceTarget } from '../../../api/api-types.js';
import { useApi } from '../../../app/app-context.js';
import { Field } from '../../../components/field.js';
import { ErrorNotice } from '../../../components/notices.js';
import { formatBytes, formatDateTime } from '../../../lib/format.js';

export interface EvidencePanelProps {
  readonly productId: string;
  readonly target: EvidenceTarget;
  readonly items: readonly EvidenceItem[];
  readonly canEdit: boolean;
  readonly onChanged: () => Promise<unknown>;
}

export function EvidencePanel({ productId, target, items, canEdit, onChanged }: EvidencePanelProps) {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const headingId = useId();

  const remove = async (item: EvidenceItem) => {
    const what = item.file?.filename ?? item.title ?? item.url ?? 'this note';
    if (
      !window.confirm(
        `Remove ${what} from the evidence of ${target.kind === 'requirement' ? target.id : `guideline ${target.id}`}? The audit trail keeps a record of it.`,
      )
    )
      return;
    setBusyId(item.id);
    setError(null);
    try {
      await api.products.deleteEvidence(productId, item.id);
      await onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section className="evidence" aria-labelledby={headingId}>
      <h4 id={headingId} className="evidence__title">
        Evidence {items.length > 0 ? <span className="count">{items.length}</span> : null}
      </h4>
      {items.length === 0 ? (
        <p className="muted evidence__empty">No evidence yet.</p>
      ) : (
        <ul className="evidence__list">
          {items.map((item) => (
            <li key={item.id} className={`evidence-item evidence-item--${item.kind}`}>
              <EvidenceView productId={productId} item={item} />
              {canEdit ? (
                <button
                  type="button"
                  className="button button--small button--danger-ghost"
                  onClick={() => remove(item)}
                  disabled={busyId === item.id}
                >
                  Remove
                  <span className="visually-hidden"> {item.file?.filename ?? item.title ?? item.kind}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={error} />
      {canEdit ? <AddEvidence productId={productId} target={target} onAdded={onChanged} /> : null}
    </section>
  );
}

function EvidenceView({ productId, item }: { productId: string; item: EvidenceItem }) {
  const api = useApi();
  const by = `${formatDateTime(item.createdAt)}${item.createdBy ? ` · ${item.createdBy}` : ''}`;
  if (item.kind === 'file' && item.file) {
    const { file } = item;
    return (
      <div className="evidence-item__body">
        <span className="evidence-item__icon" aria-hidden="true">
          ▤
        </span>
        <div>
          <a
            className="evidence-item__name"
            href={api.links.evidenceContent(productId, item.id)}
            download={file.filename}
          >
            {item.title ?? file.filename}
          </a>
          <span className="evidence-item__meta">
            {item.title ? `${file.filename} · ` : ''}
            {file.mediaType} · {formatBytes(file.size)} · {by}
          </span>
          <span className="evidence-item__hash">
            <span className="evidence-item__hash-label">SHA-256</span>{' '}
            <code data-sha256={file.sha256}>{file.sha256}</code>
          </span>
        </div>
      </div>
    );
  }
  if (item.kind === 'url' && item.url) {
    return (
      <div className="evidence-item__body">
        <span className="evidence-item__icon" aria-hidden="true">
          ↗
        </span>
        <div>
          <a className="evidence-item__name" href={item.url} target="_blank" rel="noopener noreferrer">
            {item.title ?? item.url}
          </a>
          <span className="evidence-item__meta">
            {item.title ? `${item.url} · ` : ''}
            {by}
          </span>
        </div>
      </div>
    );
  }
  return (
    <div className="evidence-item__body">
      <span className="evidence-item__icon" aria-hidden="true">
        ✎
      </span>
      <div>
        <p className="evidence-item__note">{item.text}</p>
        <span className="evidence-item__meta">Note · {by}</span>
      </div>
    </div>
  );
}

type AddKind = 'file' | 'url' | 'note';

function AddEvidence({
  productId,
  target,
  onAdded,
}: {
  productId: string;
  target: EvidenceTarget;
  onAdded: () => Promise<unknown>;
}) {
  const api = useApi();
  const [kind, setKind] = useState<AddKind>('file');
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const groupName = useId();
  const limit = formatBytes(MAX_BLOB_BYTES);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone('');
    if (kind === 'file') {
      if (!file) return setError(new Error('Choose a file to upload.'));
      if (file.size > MAX_BLOB_BYTES) {
        const bytes = (n: number) => `${formatBytes(n)} (${n.toLocaleString('en-GB')} bytes)`;
        return setError(
          new Error(
            `${file.name} is ${bytes(file.size)}; evidence files can be at most ${bytes(MAX_BLOB_BYTES)}.`,
          ),
        );
      }
      if (file.size === 0)
        return setError(new Error(`${file.name} is empty; choose the file that holds the evidence.`));
    }
    setBusy(true);
    try {
      if (kind === 'file' && file) {
        await api.products.uploadEvidence(productId, target, file, title.trim() || null);
        setDone(`Uploaded ${file.name}.`);
        setFile(null);
        if (fileInput.current) fileInput.current.value = '';
      } else if (kind === 'url') {
        await api.products.addEvidence(productId, {
          kind: 'url',
          target,
          url: url.trim(),
          title: title.trim() || null,
        });
        setDone('Link added.');
        setUrl('');
      } else {
        await api.products.addEvidence(productId, { kind: 'note', target, text: note });
        setDone('Note added.');
        setNote('');
      }
      setTitle('');
      await onAdded();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 413
          ? new Error(`${caught.message} Evidence files can be at most ${limit}.`)
          : caught,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-evidence" onSubmit={submit} noValidate>
      <fieldset className="segmented">
        <legend className="add-evidence__legend">Add evidence</legend>
        {(
          [
            ['file', 'File'],
            ['url', 'Link'],
            ['note', 'Note'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="segmented__option">
            <input
              type="radio"
              name={groupName}
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      {kind === 'file' ? (
        <Field
          label="File to upload"
          hint={`Up to ${limit}. Its SHA-256 is recorded; its type is read from its content.`}
        >
          {(p) => (
            <input
              {...p}
              ref={fileInput}
              type="file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
      ) : null}
      {kind === 'url' ? (
        <Field label="Address" hint="An http or https link, e.g. to a published policy or a ticket.">
          {(p) => (
            <input
              {...p}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      {kind === 'note' ? (
        <Field label="Note">
          {(p) => <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      ) : (
        <Field label="Title (optional)">
          {(p) => <input {...p} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
      )}
      <ErrorNotice error={error} />
      <div className="add-evidence__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding…' : kind === 'file' ? 'Upload' : kind === 'url' ? 'Add link' : 'Add note'}
        </button>
        <span role="status" aria-live="polite" className="save-status save-status--saved">
          {done}
        </span>
      </div>
    </form>
  );
}
