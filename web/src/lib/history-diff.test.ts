import { describe, expect, it } from 'vitest';
import { changesOf } from './history-diff.js';

describe('changesOf', () => {
  it('lists only the fields that differ, with both values', () => {
    const before = { status: 'not-assessed', justification: null, assessor: 'Priya', date: null };
    const after = { status: 'compliant', justification: 'TLS 1.3 only', assessor: 'Priya', date: null };
    expect(changesOf(before, after)).toEqual([
      { field: 'status', before: 'not-assessed', after: 'compliant' },
      { field: 'justification', before: null, after: 'TLS 1.3 only' },
    ]);
  });

  it('shows every field of a created value against nothing', () => {
    expect(changesOf(null, { status: 'compliant', url: null })).toEqual([
      { field: 'status', before: null, after: 'compliant' },
    ]);
  });

  it('compares single values as one change', () => {
    expect(changesOf(false, true)).toEqual([{ field: null, before: false, after: true }]);
    expect(changesOf('same', 'same')).toEqual([]);
  });
});
