import { describe, expect, it } from 'vitest';
import { describeValue, formatBytes, formatPercent } from './format.js';

describe('formatBytes', () => {
  it('uses binary multiples with one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MB');
  });
});

describe('formatPercent', () => {
  it('rounds, and shows a dash when nothing applies', () => {
    expect(formatPercent(110 / 119)).toBe('92%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('describeValue', () => {
  it('words audit-trail values', () => {
    expect(describeValue(null)).toBe('—');
    expect(describeValue(true)).toBe('yes');
    expect(describeValue(['a', 'b'])).toBe('a, b');
    expect(
      describeValue({ filename: 'scan.txt', size: 2048, sha256: 'ab'.repeat(32), mediaType: 'text/plain' }),
    ).toBe(`scan.txt · 2 KB · SHA-256 ${'ab'.repeat(32)}`);
    expect(describeValue({ kind: 'note', title: null })).toBe('kind: note');
  });
});
