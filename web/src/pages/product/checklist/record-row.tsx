/**
 * One row of the checklist: a requirement (or a guideline's attestation) with its status select,
 * and, opened, its justification, assessor, date, evidence and history. Changes are saved per
 * row with the record's revision; a stale revision shows who changed it and to what, and nothing
 * is overwritten.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/api-error.js';
import type {
  EffectiveStatus,
  EvidenceItem,
  EvidenceTarget,
  RecordState,
  Warning,
} from '../../../api/api-types.js';
import { useApi } from '../../../app/app-context.js';
import { StatusBadge } from '../../../components/badges.js';
import { ConflictNotice } from '../../../components/conflict-notice.js';
import { Field, issueFor } from '../../../components/field.js';
import { ErrorNotice, Notice, type SaveState, SaveStatus } from '../../../components/notices.js';
import { formatDateTime } from '../../../lib/format.js';
import { RECORDABLE_STATUSES, STATUS_STYLE } from '../../../lib/labels.js';
import { Link } from '../../../lib/router.js';
import { productPath } from '../product-paths.js';
import { EvidencePanel } from './evidence-panel.js';
import { draftOf, putBody, type RecordDraft, recordFromConflict, sameDraft } from './record-draft.js';

export interface RecordRowProps {
  readonly productId: string;
  readonly target: EvidenceTarget;
  /** "2.4.7.13", or "Guideline 10" for an attestation. */
  readonly label: string;
  readonly text: ReactNode;
  /** A short line under the text: section, applicability. */
  readonly meta?: ReactNode;
  /** Shown when the row is open: the full applicability, guidelines, source notes. */
  readonly details?: ReactNode;
  readonly record: RecordState | null;
  /** The status that counts (after the profile), when it differs from the recorded one. */
  readonly effective: EffectiveStatus;
  readonly evidence: readonly EvidenceItem[];
  readonly canEdit: boolean;
  readonly initiallyOpen: boolean;
  readonly reload: () => Promise<unknown>;
}

export function RecordRow(props: RecordRowProps) {
  const { productId, target, label, record, canEdit, reload } = props;
  const api = useApi();
  const base = draftOf(record);
  const [draft, setDraft] = useState<RecordDraft | null>(null);
  const [open, setOpen] = useState(props.initiallyOpen);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [warnings, setWarnings] = useState<readonly Warning[]>([]);
  const [conflict, setConflict] = useState<{ current: RecordState | null; mine: RecordDraft } | null>(null);
  const [parked, setParked] = useState<RecordDraft | null>(null);
  const [reloading, setReloading] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  const ids = { status: useId(), details: useId(), save: useId() };

  useEffect(() => {
    if (props.initiallyOpen) rowRef.current?.scrollIntoView({ block: 'center' });
  }, [props.initiallyOpen]);

  const shown = draft ?? base;
  const dirty = draft !== null && !sameDraft(draft, base);
  const change = (patch: Partial<RecordDraft>) => {
    setDraft({ ...shown, ...patch });
    setSave({ kind: 'dirty' });
  };
  const cancel = () => {
    setDraft(null);
    setSave({ kind: 'idle' });
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft) return;
    setSave({ kind: 'saving' });
    setConflict(null);
    try {
      const body = putBody(draft, record);
      const answer =
        target.kind === 'requirement'
          ? await api.products.putRecord(productId, target.id, body)
          : await api.products.putAttestation(productId, target.id, body);
      setWarnings(answer.warnings);
      await reload();
      setDraft(null);
      setParked(null);
      setSave({ kind: 'saved', at: new Date() });
    } catch (caught) {
      if (caught instanceof ApiError && caught.isStale) {
        setConflict({ current: recordFromConflict(caught.current), mine: draft });
        setSave({ kind: 'failed', error: caught });
      } else {
        setSave({ kind: 'failed', error: caught });
      }
    }
  };

  const reloadAfterConflict = async () => {
    if (!conflict) return;
    setReloading(true);
    try {
      await reload();
      setParked(conflict.mine);
      setDraft(null);
      setConflict(null);
      setSave({ kind: 'idle' });
    } finally {
      setReloading(false);
    }
  };

  const failure = save.kind === 'failed' ? save.error : null;
  const recordedStatus = record?.status ?? 'not-assessed';
  const countsDifferently = props.effective !== recordedStatus;
  const rowClass = ['record', open ? 'record--open' : '', dirty ? 'record--dirty' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <li
      ref={rowRef}
      className={rowClass}
      id={`record-${target.kind}-${target.id}`}
      data-record={`${target.kind}:${target.id}`}
    >
      <div className="record__row">
        <div className="record__id">{label}</div>
        <div className="record__main">
          <div className="record__text">{props.text}</div>
          {props.meta ? <div className="record__meta">{props.meta}</div> : null}
        </div>
        <div className="record__status">
          {canEdit ? (
            <label htmlFor={ids.status} className="visually-hidden">
              Status of {label}
            </label>
          ) : (
            <span className="visually-hidden">Status: </span>
          )}
          {canEdit ? (
            <select
              id={ids.status}
              className={`status-select status--${shown.status}`}
              value={shown.status}
              onChange={(e) => change({ status: e.target.value as RecordDraft['status'] })}
              aria-describedby={ids.save}
            >
              {RECORDABLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_STYLE[s].glyph} {STATUS_STYLE[s].label}
                </option>
              ))}
            </select>
          ) : (
            <StatusBadge status={recordedStatus} />
          )}
          {countsDifferently && !dirty ? (
            <span className="record__counts">
              counts as <StatusBadge status={props.effective} />
            </span>
          ) : null}
        </div>
        <div className="record__actions">
          {dirty ? (
            <>
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => submit()}
                disabled={save.kind === 'saving'}
              >
                Save<span className="visually-hidden"> {label}</span>
              </button>
              <button type="button" className="button button--ghost button--small" onClick={cancel}>
                Cancel
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="button button--ghost button--small record__toggle"
            aria-expanded={open}
            aria-controls={ids.details}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> Details
            {props.evidence.length > 0 ? (
              <span className="count" title={`${props.evidence.length} evidence items`}>
                {props.evidence.length}
                <span className="visually-hidden"> evidence</span>
              </span>
            ) : null}
            <span className="visually-hidden"> of {label}</span>
          </button>
          <SaveStatus state={save} id={ids.save} />
        </div>
      </div>
      {conflict ? (
        <ConflictNotice
          what={
            target.kind === 'requirement'
              ? `requirement ${target.id}`
              : `the attestation of guideline ${target.id}`
          }
          current={<RecordSummary record={conflict.current} />}
          onReload={reloadAfterConflict}
          reloading={reloading}
        />
      ) : null}
      {parked ? (
        <Notice tone="info" title="Your change that was not saved">
          <RecordSummary draft={parked} />
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(parked);
                setParked(null);
                setSave({ kind: 'dirty' });
              }}
            >
              Put my change back in the form
            </button>
            <button type="button" className="button button--ghost" onClick={() => setParked(null)}>
              Discard it
            </button>
          </div>
        </Notice>
      ) : null}
      {warnings.length > 0 ? (
        <div className="notice notice--warning">
          <ul className="plain-list">
            {warnings.map((w) => (
              <li key={`${w.code}:${w.path}`}>
                {w.message}
                {w.hint ? <span className="muted"> — {w.hint}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div id={ids.details} className="record__details" hidden={!open}>
        {open ? (
          <>
            {props.details}
            <div className="record__panels">
              <form className="record__form" onSubmit={submit} noValidate>
                {canEdit ? (
                  <>
                    <Field
                      label="Justification"
                      hint="Why this status: what was checked, and how."
                      error={issueFor(failure, 'justification')}
                    >
                      {(p) => (
                        <textarea
                          {...p}
                          rows={3}
                          value={shown.justification}
                          onChange={(e) => change({ justification: e.target.value })}
                        />
                      )}
                    </Field>
                    <div className="field-row">
                      <Field label="Assessor" error={issueFor(failure, 'assessor')}>
                        {(p) => (
                          <input
                            {...p}
                            type="text"
                            value={shown.assessor}
                            onChange={(e) => change({ assessor: e.target.value })}
                          />
                        )}
                      </Field>
                      <Field label="Date assessed" error={issueFor(failure, 'date')}>
                        {(p) => (
                          <input
                            {...p}
                            type="date"
                            value={shown.date}
                            onChange={(e) => change({ date: e.target.value })}
                          />
                        )}
                      </Field>
                    </div>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={shown.profileOverride}
                        onChange={(e) => change({ profileOverride: e.target.checked })}
                      />
                      <span>
                        Override the profile: let this status count even where the profile says otherwise
                        (give the reason in the justification)
                      </span>
                    </label>
                    {dirty ? (
                      <div className="button-row">
                        <button
                          type="submit"
                          className="button button--primary"
                          disabled={save.kind === 'saving'}
                        >
                          Save
                        </button>
                        <button type="button" className="button button--ghost" onClick={cancel}>
                          Cancel
                        </button>
                      </div>
                    ) : null}
                    {save.kind === 'failed' && !conflict ? <ErrorNotice error={save.error} /> : null}
                  </>
                ) : (
                  <RecordSummary record={record} />
                )}
                {record ? (
                  <p className="muted record__updated">
                    Last changed {formatDateTime(record.updatedAt)}
                    {record.updatedBy ? ` by ${record.updatedBy}` : ''} ·{' '}
                    <Link
                      to={productPath(
                        productId,
                        'history',
                        target.kind === 'requirement' ? { requirement: target.id } : { guideline: target.id },
                      )}
                    >
                      History of {label}
                    </Link>
                  </p>
                ) : null}
              </form>
              <EvidencePanel
                productId={productId}
                target={target}
                items={props.evidence}
                canEdit={canEdit}
                onChanged={reload}
              />
            </div>
          </>
        ) : null}
      </div>
    </li>
  );
}

/** A record (or a draft) as a few lines of text, for the conflict panel and for viewers. */
function RecordSummary({ record, draft }: { record?: RecordState | null; draft?: RecordDraft }) {
  const value = draft ?? (record ? draftOf(record) : null);
  if (!value) return <p className="muted">Nothing recorded.</p>;
  return (
    <dl className="facts facts--compact">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={value.status} />
        {value.profileOverride ? ' (overrides the profile)' : ''}
      </dd>
      <dt>Justification</dt>
      <dd className="prewrap">{value.justification || '—'}</dd>
      <dt>Assessor</dt>
      <dd>{value.assessor || '—'}</dd>
      <dt>Date</dt>
      <dd>{value.date || '—'}</dd>
      {record && !draft ? (
        <>
          <dt>Changed</dt>
          <dd>
            {formatDateTime(record.updatedAt)}
            {record.updatedBy ? ` by ${record.updatedBy}` : ''}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
