/** The command line itself: version, help, and exit code 2 for every kind of usage error (docs/cli.md). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, repoRoot, runCli } from './run-cli.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const COMMANDS = ['validate', 'report', 'check', 'init', 'catalog'];

describe('version and help', () => {
  it('--version and -V print the package version and exit 0', () => {
    for (const flag of ['--version', '-V']) {
      const r = runCli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
      expect(r.stderr).toBe('');
    }
  });

  it('--help lists every command and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: iotassure \[options\] \[command\]/);
    expect(r.stdout).toContain('13 UK Code of Practice guidelines');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(r.stderr).toBe('');
  });

  it('a command with --help shows its own options and exits 0', () => {
    const r = runCli(['report', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: iotassure report [options] <file>');
    // commander wraps the help to the terminal width: compare with the line breaks folded away.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      '(choices: "text", "md", "html", "json", "csv", "xlsx", "oscal", "pdf")',
    );
    expect(r.stdout).toContain('--no-evidence');
  });

  it('no command at all shows the usage on stderr and exits 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: iotassure');
  });
});

describe('usage errors exit 2 with a message on stderr and nothing on stdout', () => {
  it.each([
    { args: ['frobnicate'], message: "error: unknown command 'frobnicate'" },
    { args: ['validate', '--bogus', 'x.yaml'], message: "error: unknown option '--bogus'" },
    { args: ['validate'], message: "error: missing required argument 'file'" },
    { args: ['catalog', 'show'], message: "error: missing required argument 'id'" },
    {
      args: ['report', 'examples/whatever.yaml', '--format', 'docx'],
      message: "argument 'docx' is invalid. Allowed choices are text, md, html, json, csv, xlsx, oscal, pdf.",
    },
    {
      args: ['validate', '--format', 'xml', 'x.yaml'],
      message: "argument 'xml' is invalid. Allowed choices are text, json.",
    },
  ])('iotassure $args', ({ args, message }) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('(run with --help for usage)');
  });
});

describe('output to a closed pipe', () => {
  // `iotassure catalog export | head -c 1`: the reader goes away early. That is its choice, not an
  // error: no EPIPE stack trace, and exit 0.
  it('`catalog export | head -c 1` ends quietly with exit 0', () => {
    const r = spawnSync(
      '/bin/sh',
      ['-c', `{ "${process.execPath}" "${BIN}" catalog export; echo "exit=$?" >&2; } | head -c 1 >/dev/null`],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr.trim()).toBe('exit=0');
  });
});
