/** Cases found by adversarial testing: each was a crash, a hang, data loss or an injection once. */
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-hardening-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HEAD = 'iotassure: 1\nproduct:\n  name: Hardening test\n';
function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('outputs never destroy inputs', () => {
  it('report -o onto the assessment itself is refused and the file is unchanged', () => {
    const a = file('self.yaml', HEAD);
    const r = runCli(['report', a, '-o', a]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('will not write over');
    expect(readFileSync(a, 'utf8')).toBe(HEAD);
  });

  it('report -o onto one of its evidence files is refused', () => {
    mkdirSync(join(tmp, 'ev'), { recursive: true });
    writeFileSync(join(tmp, 'ev', 'proof.txt'), 'proof\n');
    const a = file(
      'ev/a.yaml',
      `${HEAD}requirements:\n  2.4.3.5:\n    status: compliant\n    evidence:\n      - file: proof.txt\n        sha256: "${'5f'.padEnd(64, '0')}"\n`,
    );
    const r = runCli(['report', a, '--no-evidence', '-o', join(tmp, 'ev', 'proof.txt')]);
    expect(r.status).toBe(2);
    expect(readFileSync(join(tmp, 'ev', 'proof.txt'), 'utf8')).toBe('proof\n');
  });

  it('an existing report is replaced whole', () => {
    const a = file('r.yaml', HEAD);
    const out = file('r.txt', 'x'.repeat(100_000));
    expect(runCli(['report', a, '-o', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Hardening test');
    expect(readFileSync(out, 'utf8')).not.toContain('xxxx');
  });

  it('a link planted at the -o path is replaced, and the file it points to is untouched', () => {
    const a = file('l.yaml', HEAD);
    const victim = file('victim.conf', 'DATA\n');
    const link = join(tmp, 'planted-report.txt');
    symlinkSync(victim, link);
    expect(runCli(['report', a, '-o', link]).status).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('DATA\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toContain('Hardening test');
  });
});

describe('hostile file contents', () => {
  it('terminal escapes and newlines in keys are shown as escapes on stderr', () => {
    const a = file(
      'esc.yaml',
      `${HEAD}requirements:\n  "\\e[2J\\e]0;PWNED\\a\\nfake: valid":\n    status: compliant\n`,
    );
    const r = runCli(['validate', a]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/[\u0007\u001b]/);
    expect(r.stderr).toContain('\\u001b[2J');
    expect(r.stderr.split('\n').filter((l) => l.includes('fake: valid'))).toHaveLength(1);
  });

  it('10 and "10" are the same key', () => {
    const a = file(
      'dup10.yaml',
      `${HEAD}attestations:\n  10: {status: compliant}\n  "10": {status: non-compliant, justification: bad}\n`,
    );
    const r = runCli(['validate', a]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the key "10" appears twice');
  });

  it('unknown YAML tags are errors, not silently text', () => {
    const a = file('tag.yaml', `${HEAD}  description: !!js/function "function () {}"\n`);
    const r = runCli(['validate', a]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error syntax');
  });

  it('UTF-16 and Latin-1 files are named as such', () => {
    const utf16 = file('u16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD, 'utf16le')]));
    expect(runCli(['validate', utf16]).stderr).toContain('UTF-16');
    const latin1 = file('l1.yaml', Buffer.from(`${HEAD}  manufacturer: Caf\u00e9\n`, 'latin1'));
    const r = runCli(['validate', latin1]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('not valid UTF-8');
  });

  it('a URL with a space, an invisible justification and a repeated role are rejected', () => {
    const a = file(
      'values.yaml',
      'iotassure: 1\nproduct:\n  name: X\n  roles: [retailers, retailers]\nrequirements:\n' +
        '  2.4.3.5:\n    status: not-applicable\n    justification: "\\u200B"\n' +
        '  2.4.3.6:\n    status: compliant\n    evidence:\n      - url: "https://example.com/a b"\n',
    );
    const r = runCli(['validate', a]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('each role at most once');
    expect(r.stderr).toContain('must contain at least one letter or digit');
    expect(r.stderr).toContain('url must not contain spaces');
  });
});

describe('catalog data problems', () => {
  it('a data folder without mappings is reported as incomplete catalog data (exit 3), not blamed on the file', () => {
    const data = join(tmp, 'data-no-mappings');
    cpSync(join(repoRoot, 'data'), data, { recursive: true });
    rmSync(join(data, 'mappings'), { recursive: true });
    const env = { IOTASSURE_DATA_DIR: data };
    const cat = runCli(['catalog'], { env });
    expect(cat.status).toBe(3);
    expect(cat.stderr).toContain('catalog data is incomplete');
    const v = runCli(['validate', file('ok.yaml', HEAD)], { env });
    expect(v.status).toBe(3);
    expect(v.stderr).not.toContain('mappingSet');
  });

  it('a data folder that does not exist says so', () => {
    const r = runCli(['catalog'], { env: { IOTASSURE_DATA_DIR: join(tmp, 'nowhere') } });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('the data folder does not exist');
  });
});

describe('init checks what it is given', () => {
  it('a name longer than the file format allows is a usage error, and nothing is written', () => {
    const out = join(tmp, 'long.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'N'.repeat(300), '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--name');
  });

  it('two different answers to one question are a usage error', () => {
    const r = runCli([
      'init',
      '--no-interactive',
      '--name',
      'X',
      '--answer',
      'wifi=yes,wifi=no',
      '-o',
      join(tmp, 'w.yaml'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('given twice');
  });
});
