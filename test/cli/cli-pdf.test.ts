/**
 * `iotassure report --format pdf` with the real, built CLI: written with -o, refused to a terminal
 * (a pseudo-terminal from util-linux `script`), allowed to a pipe; hostile text comes out literally.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, repoRoot, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-cli-pdf-'));
const POPPLER = spawnSync('pdftotext', ['-v']).status === 0;
const SCRIPT = spawnSync('script', ['--version']).status === 0;
const CAMERA = 'examples/wifi-camera/assessment.yaml';

describe('report --format pdf', () => {
  it('writes a PDF with -o', () => {
    const out = join(tmp, 'camera.pdf');
    const r = runCli(['report', CAMERA, '--format', 'pdf', '-o', out], {});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote ${out}`);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
  }, 60_000);

  it('writes it to standard output when that is a pipe', () => {
    const r = spawnSync(process.execPath, [BIN, 'report', CAMERA, '-f', 'pdf'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it.skipIf(!SCRIPT)(
    'refuses to write it to a terminal (exit 2), and says how',
    () => {
      // `script` runs the command with a pseudo-terminal as its standard output.
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} report ${CAMERA} --format pdf`;
      const r = spawnSync('script', ['-qefc', command, '/dev/null'], {
        cwd: repoRoot,
        encoding: 'latin1',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain('--format pdf is binary; write it to a file with -o report.pdf');
      expect(r.stdout).not.toContain('%PDF');
    },
    60_000,
  );

  it.skipIf(!POPPLER)(
    'writes every hostile string of the assessment as literal text',
    () => {
      const out = join(tmp, 'hostile.pdf');
      const r = runCli(['report', `${FIXTURES}/hostile.yaml`, '--format', 'pdf', '--no-evidence', '-o', out]);
      expect(r.status, r.stderr).toBe(0);
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).stdout.replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('=HYPERLINK("http://evil.example")');
      expect(text).toContain('| pipe | [link](javascript:alert(2)) <img src=x onerror=alert(3)>');
      expect(text).toContain('</td><script>alert(4)</script> a | b ## injected heading');
      expect(text).toContain('<iframe src=//evil.example>');
      const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', out], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/^Title:\s+<script>alert\(1\)<\/script> — security compliance report$/m);
      expect(readFileSync(out).toString('latin1')).not.toMatch(/\/(JavaScript|JS|Launch)\b/);
    },
    60_000,
  );
});
