/** OSCAL helpers: Markdown escaping that round-trips, plain strings, URI references, UUIDs, ids, export time. */
import { describe, expect, it } from 'vitest';
import { exportTimestamp } from '../../src/exporters/oscal/export-time.js';
import {
  controlId,
  IdRegistry,
  OscalIdCollision,
  statementId,
  toToken,
} from '../../src/exporters/oscal/oscal-ids.js';
import {
  markupLine,
  markupMultiline,
  pathReference,
  plainString,
  urlReference,
} from '../../src/exporters/oscal/oscal-text.js';
import { uuidOfContent, uuidV5, uuidWithin } from '../../src/exporters/oscal/oscal-uuid.js';

/**
 * What a CommonMark reader shows for escaped text: backslash escapes of ASCII punctuation and the
 * three entities undone (CommonMark spec §2.4 and §2.5), written here independently of the escaper.
 */
function unescapeMarkdown(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
const OSCAL_STRING = /^\S(.*\S)?$/u;

describe('OSCAL markup', () => {
  it('escapes HTML, Markdown and OSCAL parameter syntax, and reads back as the same text', () => {
    const hostile =
      '<script>alert(1)</script> *bold* [link](javascript:x) `code` {{ insert: param, p1 }} a & b';
    const line = markupLine(hostile);
    expect(line).not.toMatch(/<|\{\{|(^|[^\\])\*/);
    expect(line).toContain('&lt;script&gt;');
    expect(line).toContain('\\{\\{ insert: param, p1 \\}\\}');
    expect(unescapeMarkdown(line)).toBe(hostile);
  });

  it('keeps a line-start marker from making a list, rule or heading', () => {
    expect(markupLine('- item')).toBe('\\- item');
    expect(markupLine('=HYPERLINK("x")')).toBe('\\=HYPERLINK("x")');
    expect(markupLine('1. first')).toBe('1\\. first');
    expect(markupLine('# title')).toBe('\\# title');
  });

  it('puts a markup-line on one line and a multiline value in paragraphs without indentation', () => {
    expect(markupLine('a\nb\u2028c\td')).toBe('a b c d');
    const text = 'first line\n    indented (not code)\n\n- not a list\r\n\r\n\r\n===';
    const md = markupMultiline(text);
    expect(md).toBe('first line\nindented (not code)\n\n\\- not a list\n\n\\===');
    expect(markupMultiline('one', '', 'two')).toBe('one\n\ntwo');
  });

  it('round-trips and stays inert for 2,000 generated strings of awkward characters', () => {
    const alphabet = [
      'a',
      'Z',
      '1',
      '9',
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00a0',
      '\u2028',
      '-',
      '+',
      '=',
      '.',
      ')',
      '#',
      '*',
      '_',
      '`',
      '[',
      ']',
      '<',
      '>',
      '&',
      '{',
      '}',
      '\\',
      '|',
      '~',
      '$',
      'é',
      '日',
      '\u0007',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('');
      const plain = plainString(s);
      const line = markupLine(s);
      expect(unescapeMarkdown(line), JSON.stringify(s)).toBe(plain ?? '');
      expect(line).not.toMatch(/<|\{\{|\n/);
      expect(line).not.toMatch(/^([-+=#]|\d+[.)](\s|$))/);
      for (const l of markupMultiline(s).split('\n')) {
        expect(l).not.toMatch(/^([-+=#]|\d+[.)](\s|$)|\s)/);
        expect(l).not.toMatch(/</);
      }
    }
  });

  it('replaces control characters, which could reach a terminal', () => {
    expect(markupLine('a\u001b[31mb')).toBe('a \\[31mb');
    expect(plainString('a\u001b[2Jb')).toBe('a [2Jb');
  });
});

describe('OSCAL plain strings', () => {
  it('makes one trimmed line matching OSCAL’s string pattern, or null when nothing is left', () => {
    for (const s of ['  x  ', 'a\nb', 'a\u2028b', '\u00a0x\u00a0', 'x\ufeff']) {
      const out = plainString(s);
      expect(out).not.toBeNull();
      expect(out).toMatch(OSCAL_STRING);
    }
    expect(plainString('a\u2028b')).toBe('a b');
    expect(plainString(' \n\t ')).toBeNull();
    expect(plainString('<script>')).toBe('<script>');
  });
});

describe('URI references', () => {
  it('percent-encodes each path segment so # ? % and spaces stay part of the name', () => {
    expect(pathReference('evidence/a b#1%?.txt')).toBe('evidence/a%20b%231%25%3F.txt');
    expect(pathReference('evidence\\win\\x.txt')).toBe('evidence/win/x.txt');
    expect(pathReference('/abs/path.txt')).toBe('/abs/path.txt');
  });

  it('normalises an http URL: punycode host, encoded path', () => {
    expect(urlReference('https://例え.example/ü?q=1')).toBe('https://xn--r8jz45g.example/%C3%BC?q=1');
  });
});

describe('UUIDs', () => {
  it('computes RFC 4122 version-5 UUIDs (known answers from Python’s uuid.uuid5)', () => {
    expect(uuidWithin('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(uuidWithin('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://iotassure.invalid/x')).toBe(
      '74893734-7338-56e3-9255-418f40b78b9c',
    );
  });

  it('is stable for a name and content, and differs when they differ', () => {
    expect(uuidV5('a')).toBe(uuidV5('a'));
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
    expect(uuidV5('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidOfContent('k', { x: 1 })).toBe(uuidOfContent('k', { x: 1 }));
    expect(uuidOfContent('k', { x: 1 })).not.toBe(uuidOfContent('k', { x: 2 }));
  });
});

describe('OSCAL ids', () => {
  it('turns every item id into a token, keeping frameworks apart', () => {
    expect(controlId('iotsf-cf-1.1', '2.4.3.5')).toBe('iotsf-cf-1.1_2.4.3.5');
    expect(controlId('iotsf-cf-1.1', '2.4.3.13/1')).toBe('iotsf-cf-1.1_2.4.3.13_1');
    expect(statementId('dcms-cop-2018', '1')).toBe('dcms-cop-2018_1_smt');
    expect(toToken('9lives')).toBe('_9lives');
    for (const id of ['2.4.3.5', '2.4.3.13/1', 'unnumbered-1', 'a b', 'ü/1']) {
      expect(controlId('x', id)).toMatch(OSCAL_TOKEN);
    }
  });

  it('refuses to give one id to two owners', () => {
    const ids = new IdRegistry();
    ids.claim(controlId('f', 'a/b'), 'requirement a/b');
    expect(() => ids.claim(controlId('f', 'a_b'), 'requirement a_b')).toThrow(OscalIdCollision);
    expect(() => ids.claim(controlId('f', 'a/b'), 'requirement a/b')).not.toThrow();
  });
});

describe('export time', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  it('is now, or SOURCE_DATE_EPOCH when set', () => {
    expect(exportTimestamp(undefined, now)).toBe('2026-12-01T10:00:00.000Z');
    expect(exportTimestamp('', now)).toBe('2026-12-01T10:00:00.000Z');
    expect(exportTimestamp('1700000000', now)).toBe('2023-11-14T22:13:20.000Z');
  });

  it('refuses what is not whole seconds, or beyond what OSCAL can record', () => {
    for (const bad of ['abc', '-1', '1.5', '1e9', '99999999999'])
      expect(exportTimestamp(bad, now)).toBeNull();
  });
});
