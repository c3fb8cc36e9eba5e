/** `iotassure report`: the four formats to stdout and to a file, colour, invalid input, hostile strings. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

const G1 = `${FIXTURES}/guideline-1.yaml`;
const ANSI = /\u001b\[/;

interface JsonReport {
  format: string;
  formatVersion: number;
  product: { name: string };
  summary: { guidelinesTotal: number; guidelinesMet: number; requirementsTotal: number };
  guidelines: { id: string; outcome: string; title: string; deciding: string[] }[];
  requirements: { id: string; status: string }[];
  warnings: string[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotassure-cli-report-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Checks the content every format must carry for guideline-1.yaml. */
const EXPECT: Record<string, (out: string) => void> = {
  text: (out) => {
    expect(out).toMatch(/^iotassure compliance report\n/);
    expect(out).toMatch(/^Product\s+Guideline One Cam$/m);
    expect(out).toMatch(/^\s+1\s+Met\s+No default passwords \[top priority\]$/m);
    expect(out).toMatch(/^\s+2\s+Incomplete\s+Implement a vulnerability disclosure policy/m);
  },
  md: (out) => {
    expect(out).toMatch(/^# Compliance report: Guideline One Cam\n/);
    expect(out).toContain('- **1 of 13** guidelines met');
    expect(out).toMatch(/^\| 1 \| No default passwords \*\*\(top priority\)\*\* \| ✅ Met \|/m);
  },
  html: (out) => {
    expect(out).toMatch(/^<!DOCTYPE html>/);
    expect(out).toContain('<title>Guideline One Cam — compliance report</title>');
    expect(out).toContain('<svg');
    expect(out.trimEnd()).toMatch(/<\/html>$/);
    // docs/cli.md: "one standalone page (no scripts, no external resources)".
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<(link|img|iframe)\b/i);
    expect(out).not.toMatch(/\bsrc\s*=/i);
  },
  json: (out) => {
    const report = JSON.parse(out) as JsonReport;
    expect(report.format).toBe('iotassure-report');
    expect(report.formatVersion).toBe(1);
    expect(report.product.name).toBe('Guideline One Cam');
    expect(report.guidelines).toHaveLength(13);
    expect(report.guidelines.map((g) => g.id)).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
    for (const g of report.guidelines) {
      expect(g.outcome).toMatch(/^(met|partially-met|not-met|incomplete|not-applicable|needs-attestation)$/);
    }
    const outcome = Object.fromEntries(report.guidelines.map((g) => [g.id, g.outcome]));
    expect(outcome).toMatchObject({ 1: 'met', 2: 'incomplete', 9: 'incomplete', 10: 'needs-attestation' });
    expect(report.summary).toMatchObject({ guidelinesTotal: 13, guidelinesMet: 1, requirementsTotal: 126 });
    expect(report.requirements).toHaveLength(126);
    expect(report.warnings).toEqual([]);
  },
};

describe.each(['text', 'md', 'html', 'json'])('report --format %s', (format) => {
  it('writes the report to stdout (exit 0, nothing on stderr)', () => {
    const r = runCli(['report', '--format', format, G1]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    EXPECT[format]!(r.stdout);
  });

  it('with -o writes the same report to the file, not to stdout', () => {
    const out = join(dir, `report.${format}`);
    const r = runCli(['report', '-f', format, '-o', out, G1]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${out}\n`);
    EXPECT[format]!(readFileSync(out, 'utf8'));
  });
});

describe('report -o: the format from the file name', () => {
  it('takes the format from the extension when -f is not given', () => {
    for (const [name, check] of [
      ['by-name.pdf', (b: Buffer) => expect(b.subarray(0, 5).toString('latin1')).toBe('%PDF-')],
      ['by-name.xlsx', (b: Buffer) => expect(b.subarray(0, 2).toString('latin1')).toBe('PK')],
      ['by-name.html', (b: Buffer) => expect(b.toString('utf8')).toMatch(/^<!doctype html>/i)],
      ['by-name.md', (b: Buffer) => expect(b.toString('utf8')).toMatch(/^# Compliance report/)],
      [
        'by-name.json',
        (b: Buffer) => expect(JSON.parse(b.toString('utf8')).product.name).toBe('Guideline One Cam'),
      ],
      ['by-name.out', (b: Buffer) => expect(b.toString('utf8')).toMatch(/^iotassure compliance report\n/)],
    ] as const) {
      const out = join(dir, name);
      const r = runCli(['report', G1, '-o', out]);
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      check(readFileSync(out));
    }
  });

  it('refuses text into a file named .pdf or .xlsx, and writes nothing', () => {
    const out = join(dir, 'mismatch.pdf');
    const r = runCli(['report', G1, '-f', 'text', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is named like a pdf file, but --format is text');
    expect(existsSync(out)).toBe(false);
  });
});

describe('report', () => {
  it('an invalid assessment: exit 3, diagnostics and a pointer to validate; -o file not created', () => {
    const file = `${FIXTURES}/errors.yaml`;
    const out = join(dir, 'invalid.txt');
    const r = runCli(['report', '-o', out, file]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:7:3: error unknown-requirement`);
    expect(r.stderr).toContain(`iotassure: ${file}: 4 errors; fix them and run again`);
    expect(r.stderr).toContain(`iotassure validate ${file}`);
    expect(existsSync(out)).toBe(false);
  });

  it('an invalid assessment leaves an existing -o file untouched', () => {
    const out = join(dir, 'existing.html');
    writeFileSync(out, 'previous report\n');
    const r = runCli(['report', '-f', 'html', '-o', out, `${FIXTURES}/empty.yaml`]);
    expect(r.status).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('previous report\n');
  });

  it('a missing file: exit 3', () => {
    const r = runCli(['report', join(dir, 'missing.yaml')]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error file-unreadable: no such file');
  });

  it('an -o path that cannot be written: exit 3', () => {
    const r = runCli(['report', '-o', dir, G1]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`iotassure: cannot write ${dir}`);
  });

  it('warnings are shown on stderr and carried into the report', () => {
    const r = runCli(['report', '-f', 'json', `${FIXTURES}/warning.yaml`]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning status-contradicts-profile');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.warnings).toEqual([expect.stringContaining('status-contradicts-profile')]);
    // Not marked profileOverride, so the profile's not-applicable counts; the report says it disagrees.
    expect(report.requirements.find((q) => q.id === '2.4.7.13')).toMatchObject({
      status: 'not-applicable',
      recordedStatus: 'compliant',
      contradictsProfile: true,
    });
  });

  it('evidence is checked unless --no-evidence', () => {
    const file = `${FIXTURES}/missing-evidence.yaml`;
    expect(runCli(['report', file]).status).toBe(3);
    expect(runCli(['report', '--no-evidence', file]).status).toBe(0);
  });
});

describe('report colour', () => {
  it('defaults to text; with NO_COLOR it has no ANSI escapes', () => {
    const r = runCli(['report', G1]);
    expect(r.status).toBe(0);
    EXPECT.text!(r.stdout);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('--color forces them, even with NO_COLOR', () => {
    const r = runCli(['report', '--color', G1]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(ANSI);
  });

  it('FORCE_COLOR=1 turns them on without a terminal; --no-color turns them off again', () => {
    const env = { NO_COLOR: undefined, FORCE_COLOR: '1' };
    expect(runCli(['report', G1], { env }).stdout).toMatch(ANSI);
    expect(runCli(['report', '--no-color', G1], { env }).stdout).not.toMatch(ANSI);
  });

  it('no colour in the other formats, even with --color', () => {
    const r = runCli(['report', '--color', '-f', 'md', G1]);
    expect(r.stdout).not.toMatch(ANSI);
  });
});

describe('hostile strings in the assessment', () => {
  const HOSTILE = `${FIXTURES}/hostile.yaml`;

  it('html: every string is escaped; no raw <script, <img, <iframe or javascript: link', () => {
    const r = runCli(['report', '-f', 'html', HOSTILE]);
    expect(r.status).toBe(0);
    const html = r.stdout;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; — compliance report</title>');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;)');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;alert(4)&lt;/script&gt;');
    // The evidence URL is an https address, so it may be a link, but its quote cannot end the attribute.
    expect(html).toContain('href="https://evil.example/&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;"');
  });

  it('md: HTML is escaped and Markdown syntax cannot break out of the text or the tables', () => {
    const r = runCli(['report', '-f', 'md', HOSTILE]);
    expect(r.status).toBe(0);
    const md = r.stdout;
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<img/i);
    expect(md.split('\n')[0]).toBe('# Compliance report: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('=HYPERLINK("http://evil.example")');
    // No live link and no heading injected by a value.
    expect(md).not.toContain('[link](javascript:');
    expect(md).not.toMatch(/^## injected heading/m);
    // The 2.4.7.13 row of the requirements table stays one row, with as many cells as its neighbour.
    const lines = md.split('\n');
    const row = lines.find((l) => l.startsWith('| 2.4.7.13 | 2.4.7 '));
    const neighbour = lines.find((l) => l.startsWith('| 2.4.7.12 | 2.4.7 '));
    expect(row).toBeDefined();
    expect(neighbour).toBeDefined();
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    expect(cells(row!)).toBe(cells(neighbour!));
    expect(row).toContain('a \\| b');
  });

  it('json: the strings come through unchanged', () => {
    const r = runCli(['report', '-f', 'json', HOSTILE]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.product.name).toBe('<script>alert(1)</script>');
  });

  it('validate rejects a javascript: evidence URL', () => {
    const file = join(dir, 'js-url.yaml');
    writeFileSync(
      file,
      'iotassure: 1\nproduct:\n  name: X\nrequirements:\n  2.4.7.13:\n    status: compliant\n    evidence:\n      - url: "javascript:alert(1)"\n',
    );
    const r = runCli(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:8:14: error schema: url must be an http or https address`);
  });
});
