import { describe, expect, it } from 'vitest';
import type { RecordState } from '../../../api/api-types.js';
import { draftOf, putBody, recordFromConflict, sameDraft } from './record-draft.js';

const record: RecordState = {
  revision: 5,
  status: 'partially-compliant',
  justification: 'UART prints the boot banner',
  profileOverride: false,
  assessor: 'Tomasz',
  date: '2026-03-10',
  updatedAt: '2026-12-01T10:00:00.000Z',
  updatedBy: 'tomasz',
};

describe('record drafts', () => {
  it('sends the revision it was read at, and blank text as null', () => {
    const draft = {
      ...draftOf(record),
      status: 'compliant' as const,
      justification: '  ',
      assessor: ' Ada ',
    };
    expect(putBody(draft, record)).toEqual({
      expectedRevision: 5,
      status: 'compliant',
      justification: null,
      assessor: 'Ada',
      date: '2026-03-10',
      profileOverride: false,
    });
  });

  it('writes a requirement without a record at revision 0', () => {
    expect(putBody(draftOf(null), null)).toMatchObject({
      expectedRevision: 0,
      status: 'not-assessed',
      date: null,
    });
  });

  it('ignores whitespace-only edits when deciding whether a row changed', () => {
    expect(sameDraft(draftOf(record), { ...draftOf(record), assessor: 'Tomasz ' })).toBe(true);
    expect(sameDraft(draftOf(record), { ...draftOf(record), status: 'compliant' })).toBe(false);
  });

  it('reads a record from a 409 only when it has a record shape', () => {
    expect(recordFromConflict(record)).toBe(record);
    expect(recordFromConflict({ revision: 'x' })).toBeNull();
    expect(recordFromConflict(null)).toBeNull();
  });
});
