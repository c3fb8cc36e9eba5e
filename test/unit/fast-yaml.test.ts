/** The fast YAML reader may only ever agree with the position-keeping one (src/diagnostics/fast-yaml.ts). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fastParse } from '../../src/diagnostics/fast-yaml.js';

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'dist' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const files = ['examples', 'data', 'test'].flatMap((d) => yamlFiles(join(root, d)));

describe('fast YAML reader', () => {
  it('finds the repository YAML files', () => {
    expect(files.length).toBeGreaterThan(8);
  });

  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s reads the same both ways', (_, file) => {
    const text = readFileSync(file, 'utf8');
    const fast = fastParse(text);
    if (fast !== undefined) expect(fast).toEqual(parse(text));
  });

  it.each([
    ['block and folded scalars', 'a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\n\n  para\n'],
    ['quotes and escapes', 'a: "tab\\there \\u00e9 \\\\ \\"q\\""\nb: \'it\'\'s\'\nc: "\\e[2J"\n'],
    [
      'numbers, booleans and null',
      'a: 1\nb: 1.5\nc: 0x1F\nd: 0o17\ne: true\nf: null\ng: ~\nh: yes\ni: 1_000\nj: .inf\n',
    ],
    ['keys that become the same string', 'a: {10: x, 11: y}\n'],
    ['flow collections and unicode', 'a: [1, "two", {b: c}]\nname: "Caf\u00e9 \u202e"\n'],
    ['comments and empty values', '# c\na: # c\nb:\n  - # c\n    x: 1\n'],
  ])('%s read the same both ways', (_, text) => {
    const fast = fastParse(text);
    expect(fast).not.toBeUndefined();
    expect(fast).toEqual(parse(text));
  });

  it.each([
    ['anchors and aliases', 'a: &x [1]\nb: *x\n'],
    ['anchors and aliases right after a flow colon', '{"a":&x [1], "b":*x}\n'],
    ['explicit tags', 'a: !!str 1\n'],
    ['directives', '%YAML 1.2\n---\na: 1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['keys that collide after conversion', 'a: {10: x, 0xA: y}\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['syntax errors', 'a: "unterminated\n'],
  ])('leaves %s to the position-keeping parser', (_, text) => {
    expect(fastParse(text)).toBeUndefined();
  });
});
