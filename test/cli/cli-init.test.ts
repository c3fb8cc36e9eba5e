/** `iotassure init` without a terminal: answers as options, the skeleton it writes, and its refusals. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './run-cli.js';

interface Skeleton {
  iotassure: number;
  product: { name: string; model?: string; roles: string[] };
  profile: Record<string, boolean | null>;
  requirements: Record<string, { status: string; justification?: string }>;
}

let dir: string;
let catalogIds: string[];
let factIds: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iotassure-cli-init-'));
  const r = runCli(['catalog', 'export', '--format', 'json']);
  expect(r.status).toBe(0);
  const exported = JSON.parse(r.stdout) as {
    frameworks: { id: string; items: { id: string }[] }[];
    factSets: { facts: { id: string }[] }[];
  };
  catalogIds = exported.frameworks.find((f) => f.id === 'iotsf-cf-1.1')!.items.map((i) => i.id);
  factIds = exported.factSets[0]!.facts.map((f) => f.id);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('init --no-interactive', () => {
  let file: string;
  let written: ReturnType<typeof runCli>;
  let skeleton: Skeleton;

  beforeAll(() => {
    file = join(dir, 'camera.yaml');
    written = runCli([
      'init',
      '--no-interactive',
      '--name',
      'X',
      '--answer',
      'wifi=yes,wps=no,mqtt=no',
      '-o',
      file,
    ]);
    skeleton = parse(readFileSync(file, 'utf8')) as Skeleton;
  });

  it('writes the file, says so on stderr, and prints nothing on stdout', () => {
    expect(written.status).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain(`wrote ${file}: 126 requirements — 2 not applicable from the profile`);
    expect(written.stderr).toContain(`iotassure report ${file}`);
  });

  it('writes a file that validate accepts', () => {
    const r = runCli(['validate', file]);
    expect(r.stderr).toContain(`${file}: valid — 0 errors, 0 warnings`);
    expect(r.status).toBe(0);
  });

  it('records the product and the answers, leaving unanswered questions null', () => {
    expect(skeleton.iotassure).toBe(1);
    expect(skeleton.product.name).toBe('X');
    expect(skeleton.profile).toMatchObject({ wifi: true, wps: false, mqtt: false, cloud: null });
    expect(Object.keys(skeleton.profile).sort()).toEqual([...factIds].sort());
  });

  it('lists every one of the catalog requirements, each once', () => {
    expect(catalogIds).toHaveLength(126);
    expect(Object.keys(skeleton.requirements).sort()).toEqual([...catalogIds].sort());
  });

  it('pre-fills 2.4.7.13 (MQTT) and 2.4.7.11 (WPS) as not applicable with the derived reason', () => {
    const mqtt = skeleton.requirements['2.4.7.13']!;
    expect(mqtt.status).toBe('not-applicable');
    expect(mqtt.justification).toMatch(/MQTT/);
    const wps = skeleton.requirements['2.4.7.11']!;
    expect(wps.status).toBe('not-applicable');
    expect(wps.justification).toMatch(/WPS/);
  });

  it('leaves every other requirement not-assessed', () => {
    const others = Object.entries(skeleton.requirements).filter(
      ([id]) => id !== '2.4.7.13' && id !== '2.4.7.11',
    );
    expect(others).toHaveLength(124);
    for (const [, r] of others) expect(r.status).toBe('not-assessed');
  });

  it('shows each requirement text as a comment and points editors at the JSON Schema', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+assessment\.schema\.json$/m);
    expect(text).toContain('# Where the MQTT protocol is used, it is protected by a TLS connection');
  });

  it('refuses to overwrite an existing file without --force (exit 3) and leaves it unchanged', () => {
    const before = readFileSync(file, 'utf8');
    const r = runCli(['init', '--no-interactive', '--name', 'Other', '-o', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${file} already exists`);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('overwrites it with --force', () => {
    const copy = join(dir, 'forced.yaml');
    writeFileSync(copy, 'old content\n');
    const r = runCli(['init', '--no-interactive', '--force', '--name', 'Forced', '-o', copy]);
    expect(r.status).toBe(0);
    const forced = parse(readFileSync(copy, 'utf8')) as Skeleton;
    expect(forced.product.name).toBe('Forced');
  });
});

describe('init options', () => {
  it('writes assessment.yaml in the working directory by default, with repeated --answer and --role', () => {
    const cwd = mkdtempSync(join(dir, 'default-'));
    const r = runCli(
      [
        'init',
        '--no-interactive',
        '--name',
        'Default',
        '--model',
        'D1',
        '--role',
        'device-manufacturers,retailers',
        '--answer',
        'wifi=no',
        '--answer',
        'mqtt=unknown',
      ],
      { cwd },
    );
    expect(r.status).toBe(0);
    const skeleton = parse(readFileSync(join(cwd, 'assessment.yaml'), 'utf8')) as Skeleton;
    expect(skeleton.product).toMatchObject({
      name: 'Default',
      model: 'D1',
      roles: ['device-manufacturers', 'retailers'],
    });
    expect(skeleton.profile).toMatchObject({ wifi: false, mqtt: null });
    // wifi=no rules out 2.4.7.10 (any Wi-Fi connection) and, through the WPS question's gate, 2.4.7.11.
    expect(skeleton.requirements['2.4.7.10']!.status).toBe('not-applicable');
    expect(skeleton.requirements['2.4.7.11']!.status).toBe('not-applicable');
  });

  it('without --name in non-interactive mode: exit 2, nothing written', () => {
    const out = join(dir, 'no-name.yaml');
    const r = runCli(['init', '--no-interactive', '--answer', 'wifi=yes', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--name is required');
    expect(existsSync(out)).toBe(false);
  });

  it('without a terminal it does not prompt, so --name is required even without --no-interactive', () => {
    const out = join(dir, 'no-tty.yaml');
    const r = runCli(['init', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--name is required');
    expect(existsSync(out)).toBe(false);
  });

  it('--answer with a near-miss question suggests the right one (exit 2)', () => {
    const out = join(dir, 'near-miss.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'X', '--answer', 'wfi=yes', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no profile question "wfi"');
    expect(r.stderr).toMatch(/did you mean wifi\b/);
    expect(r.stderr).toContain('iotassure catalog facts');
    expect(existsSync(out)).toBe(false);
  });

  it('--answer with an unknown question (exit 2)', () => {
    const out = join(dir, 'bogus.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'X', '--answer', 'bogus=yes', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--answer bogus=yes: no profile question "bogus"');
    expect(existsSync(out)).toBe(false);
  });

  it('--answer with a value other than yes/no/unknown (exit 2)', () => {
    const out = join(dir, 'maybe.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'X', '--answer', 'wifi=maybe', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--answer wifi=maybe: write FACT=yes, FACT=no or FACT=unknown');
    expect(existsSync(out)).toBe(false);
  });

  it('--role with an unknown role lists the valid ones (exit 2)', () => {
    const out = join(dir, 'role.yaml');
    const r = runCli(['init', '--no-interactive', '--name', 'X', '--role', 'hackers', '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--role hackers: use device-manufacturers, iot-service-providers');
    expect(existsSync(out)).toBe(false);
  });

  it('an output path in a folder that does not exist: exit 3', () => {
    const r = runCli(['init', '--no-interactive', '--name', 'X', '-o', join(dir, 'no-such-dir', 'a.yaml')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('cannot write');
  });
});
