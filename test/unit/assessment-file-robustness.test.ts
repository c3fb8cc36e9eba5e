/**
 * Hostile or broken input never throws: each yields at least one error diagnostic and no
 * assessment.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssessmentReadResult,
  MAX_ASSESSMENT_BYTES,
  readAssessmentFile,
  readAssessmentText,
} from '../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../src/catalog-files/context-loader.js';

let loader: ReturnType<typeof contextLoader>;
let dir: string;

beforeAll(() => {
  loader = contextLoader();
  dir = mkdtempSync(join(tmpdir(), 'iotassure-robust-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectError(r: AssessmentReadResult, code?: string) {
  expect(r.assessment).toBeNull();
  expect(r.evaluation).toBeNull();
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
  if (code) expect(errors.map((d) => d.code)).toContain(code);
}

function readFile(name: string, content: string | Buffer): AssessmentReadResult {
  const path = join(dir, name);
  writeFileSync(path, content);
  return readAssessmentFile(path, loader.contextFor);
}

const readText = (text: string, name = 'a.yaml') =>
  readAssessmentText(text, join(dir, name), loader.contextFor);

/** The classic "billion laughs": 9 levels of 9 aliases each (9^9 strings if expanded). */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

/** A smaller bomb hidden inside an otherwise valid assessment. */
const BOMB_IN_ASSESSMENT = [
  'iotassure: 1',
  'product:',
  '  name: &n Example',
  '  description: &d [*n, *n, *n, *n, *n, *n, *n, *n, *n, *n]',
  'x1: &x1 [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'x2: &x2 [*x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1]',
  'x3: [*x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2]',
  '',
].join('\n');

describe('files that are not assessments', () => {
  it('an empty file', () => {
    expectError(readFile('empty.yaml', ''), 'schema');
  });

  it('a file of only whitespace and comments', () => {
    expectError(readFile('comments.yaml', '# nothing here\n\n   \n'), 'schema');
  });

  it('a file of only []', () => {
    const r = readFile('list.yaml', '[]\n');
    expectError(r, 'schema');
    expect(r.diagnostics[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('a scalar', () => {
    expectError(readText('42\n'), 'schema');
    expectError(readText('"just a string"', 'a.json'), 'schema');
  });

  it('a binary file', () => {
    const bytes = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe,
    ]);
    expectError(readFile('image.yaml', bytes), 'file-unreadable');
  });

  it('a 6 MB file is too large', () => {
    const big = `iotassure: 1\nproduct:\n  name: x\n  description: "${'x'.repeat(6 * 1024 * 1024)}"\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_ASSESSMENT_BYTES);
    const r = readFile('big.yaml', big);
    expectError(r, 'file-too-large');
    expect(r.diagnostics).toHaveLength(1);
  });

  it('a file that does not exist, and a directory', () => {
    expectError(readAssessmentFile(join(dir, 'no-such-file.yaml'), loader.contextFor), 'file-unreadable');
    const sub = join(dir, 'a-folder.yaml');
    mkdirSync(sub, { recursive: true });
    expectError(readAssessmentFile(sub, loader.contextFor), 'file-unreadable');
  });

  it('several YAML documents in one file', () => {
    expectError(readText('iotassure: 1\nproduct: {name: x}\n---\niotassure: 1\n'), 'syntax');
  });

  it('deeply nested flow collections', () => {
    expectError(readText('['.repeat(50_000)));
    expectError(readText(`a: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}`));
  });

  it('a YAML tag that yields a non-string value', () => {
    expectError(readText('iotassure: 1\nproduct: {name: !!binary aGVsbG8=}\n'), 'schema');
  });

  it('a UTF-8 BOM is accepted', () => {
    const r = readFile('bom.yaml', `\ufeffiotassure: 1\nproduct:\n  name: x\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment?.product.name).toBe('x');
  });
});

describe('alias bombs', () => {
  // BUG: parseSource (src/diagnostics/source-positions.ts) calls doc.toJS({ maxAliasCount: 100 })
  // outside any try/catch. yaml throws ReferenceError "Excessive alias count indicates a resource
  // exhaustion attack", and readAssessmentText / readAssessmentFile throw instead of returning a
  // diagnostic.
  it('billion laughs as text gives an error diagnostic instead of throwing', () => {
    expectError(readText(BILLION_LAUGHS));
  });

  it('billion laughs as a file gives an error diagnostic instead of throwing', () => {
    expectError(readFile('laughs.yaml', BILLION_LAUGHS));
  });

  it('an alias bomb inside an otherwise valid assessment gives an error diagnostic', () => {
    expectError(readText(BOMB_IN_ASSESSMENT));
  });

  it('a few aliases are fine (they are not expanded exponentially)', () => {
    const r = readText('iotassure: 1\nproduct:\n  name: &n Example\n  model: *n\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment?.product.model).toBe('Example');
  });
});

describe('keys that JavaScript objects treat specially', () => {
  it('a __proto__ requirement key is reported, not silently dropped', () => {
    const text = [
      'iotassure: 1',
      'product:',
      '  name: X',
      'requirements:',
      '  __proto__:',
      '    status: compliant',
      '',
    ].join('\n');
    const r = readAssessmentText(text, 'proto.yaml', contextLoader().contextFor, { checkEvidence: false });
    const d = r.diagnostics.find((x) => x.path === 'requirements.__proto__');
    expect(d?.severity).toBe('error');
    expect(d?.line).toBe(5);
  });
});
