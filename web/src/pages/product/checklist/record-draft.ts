/**
 * What an assessor edits on one requirement (or attestation) before saving, and how it becomes
 * the PUT body. Blank text fields are sent as null (the server refuses blank strings), and the
 * revision the form was read at travels with the change, so a stale write is refused (409).
 */
import type { PutRecordBody, RecordState, Status } from '../../../api/api-types.js';

export interface RecordDraft {
  readonly status: Status;
  readonly justification: string;
  readonly assessor: string;
  readonly date: string;
  readonly profileOverride: boolean;
}

export function draftOf(record: RecordState | null): RecordDraft {
  return {
    status: record?.status ?? 'not-assessed',
    justification: record?.justification ?? '',
    assessor: record?.assessor ?? '',
    date: record?.date ?? '',
    profileOverride: record?.profileOverride ?? false,
  };
}

export function sameDraft(a: RecordDraft, b: RecordDraft): boolean {
  return (
    a.status === b.status &&
    a.justification.trim() === b.justification.trim() &&
    a.assessor.trim() === b.assessor.trim() &&
    a.date === b.date &&
    a.profileOverride === b.profileOverride
  );
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function putBody(draft: RecordDraft, record: RecordState | null): PutRecordBody {
  return {
    expectedRevision: record?.revision ?? 0,
    status: draft.status,
    justification: orNull(draft.justification),
    assessor: orNull(draft.assessor),
    date: draft.date === '' ? null : draft.date,
    profileOverride: draft.profileOverride,
  };
}

/** A record from a 409's `details.current`, when it has the record's shape. */
export function recordFromConflict(current: unknown): RecordState | null {
  if (typeof current !== 'object' || current === null) return null;
  const c = current as Partial<RecordState>;
  return typeof c.revision === 'number' && typeof c.status === 'string' ? (current as RecordState) : null;
}
