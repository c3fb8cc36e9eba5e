import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/error-codes.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]] as const);

  it('documents every diagnostic code with the same meaning as the code catalogue', () => {
    expect(Object.fromEntries(rows)).toEqual(DIAGNOSTIC_CODES);
  });
});
