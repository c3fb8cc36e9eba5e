/** `iotassure catalog …`: browsing the bundled catalog (126 CF 1.1 requirements, 13 guidelines, 165 links). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** The summary line of `catalog requirements`: "N requirement(s)". */
const countLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);
/** The requirement lines of `catalog requirements`: "ID → GUIDELINES TEXT". */
const requirementLines = (stdout: string) => stdout.split('\n').filter((l) => /^\S+\s+→ /.test(l));

describe('catalog overview', () => {
  it.each([[['catalog']], [['catalog', 'guidelines']]])('%j lists the 13 guidelines', (args) => {
    const r = runCli(args);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('Code of Practice for Consumer IoT Security (2018-10) — 13 guidelines');
    const numbered = out.split('\n').filter((l) => /^ {0,2}\d{1,2} {2}\S/.test(l));
    expect(numbered.map((l) => l.trim().split(/\s+/)[0])).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 1)),
    );
    expect(out).toMatch(/^ {2}1 {2}No default passwords \[top priority\]$/m);
    expect(out).toMatch(/^ {5}11 CF requirements · applies primarily to device-manufacturers$/m);
    expect(out).toMatch(/^ 10 {2}Monitor system telemetry data$/m);
    expect(out).toContain('no CF requirement: This is covered in the IoTSF');
    expect(out).toContain('126 requirements in IoTSF Compliance Framework 1.1');
  });
});

describe('catalog requirements', () => {
  it('lists all 126 without options', () => {
    const r = runCli(['catalog', 'requirements']);
    expect(r.status).toBe(0);
    expect(requirementLines(r.stdout)).toHaveLength(126);
    expect(countLine(r.stdout)).toBe('126 requirements');
  });

  it('-g 1 lists the 11 mapped to guideline 1', () => {
    const r = runCli(['catalog', 'requirements', '-g', '1']);
    expect(r.status).toBe(0);
    const lines = requirementLines(r.stdout);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      '2.4.7.7',
      '2.4.7.9',
      '2.4.7.11',
      '2.4.8.3',
      '2.4.8.4',
      '2.4.8.5',
      '2.4.8.6',
      '2.4.8.12',
      '2.4.8.13',
      '2.4.10.4',
      '2.4.11.1',
    ]);
    for (const l of lines) expect(l).toMatch(/→ (1|1,\d+)\s/);
    expect(countLine(r.stdout)).toBe('11 requirements');
  });

  it('-g 10 lists none and says so', () => {
    const r = runCli(['catalog', 'requirements', '-g', '10']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('0 requirements\n');
  });

  it('-s 2.4.7 lists the section, MQTT and WPS among them', () => {
    const r = runCli(['catalog', 'requirements', '-s', '2.4.7']);
    expect(r.status).toBe(0);
    const lines = requirementLines(r.stdout);
    expect(lines).toHaveLength(19);
    for (const l of lines) expect(l).toMatch(/^2\.4\.7\.\d+ /);
    expect(r.stdout).toMatch(/^2\.4\.7\.13 +→ 5 +Where the MQTT protocol is used, .*\[conditional\]$/m);
    expect(r.stdout).toMatch(/^2\.4\.7\.11 +→ 1,5 +Where WPA2 WPS is used/m);
    expect(countLine(r.stdout)).toBe('19 requirements');
  });

  it('-g 5 -s 2.4.7 combines both filters', () => {
    const r = runCli(['catalog', 'requirements', '-g', '5', '-s', '2.4.7']);
    expect(r.status).toBe(0);
    const lines = requirementLines(r.stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(19);
    for (const l of lines) expect(l).toMatch(/^2\.4\.7\.\d+ +→ [\d,]*\b5\b/);
  });

  it('-g 14 and -s 9.9: exit 2, saying what is valid', () => {
    const g = runCli(['catalog', 'requirements', '-g', '14']);
    expect(g.status).toBe(2);
    expect(g.stderr).toContain('no guideline "14"; use 1 to 13');
    const s = runCli(['catalog', 'requirements', '-s', '9.9']);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain('no section "9.9"; sections: 2.4.3, 2.4.4');
  });
});

describe('catalog show', () => {
  it('2.4.7.13: text, section, the mqtt condition and its mapping', () => {
    const r = runCli(['catalog', 'show', '2.4.7.13']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^IoTSF Compliance Framework 1\.1, requirement 2\.4\.7\.13$/m);
    expect(out).toContain('Section: 2.4.7 Wired and Wireless Interfaces');
    expect(out.replace(/\s+/g, ' ')).toContain(
      'Where the MQTT protocol is used, it is protected by a TLS connection with no known cipher vulnerabilities.',
    );
    expect(out).toContain('Applies when: mqtt (explicit: "Where the MQTT protocol is used")');
    expect(out).toContain('  mqtt: Does the product use the MQTT protocol?');
    expect(out).toMatch(
      /^ {3}5 Communicate securely — mapped \(relationship not stated by the source\) \(IoTSF application note \(March 2018\), Table 1 row \d+/m,
    );
  });

  it('2.4.3.13, a printed number two requirements share, shows both', () => {
    const r = runCli(['catalog', 'show', '2.4.3.13']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('requirement 2.4.3.13 (id 2.4.3.13/1)');
    expect(out).toContain('requirement 2.4.3.13 (id 2.4.3.13/2)');
    const flat = out.replace(/\s+/g, ' ');
    expect(flat).toContain('develop a conflict resolution process for Vulnerability Disclosures.');
    expect(flat).toContain(
      "publish the organisation's conflict resolution process for Vulnerability Disclosures.",
    );
    expect(out).toContain('SOURCE DEFECT');
  });

  it('an internal id shows just that requirement', () => {
    const r = runCli(['catalog', 'show', '2.4.3.13/2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(id 2.4.3.13/2)');
    expect(r.stdout).not.toContain('(id 2.4.3.13/1)');
  });

  it('a guideline: title, statement, and its mapped requirements', () => {
    const r = runCli(['catalog', 'show', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/guideline 1: No default passwords {2}\[top priority\]/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'All IoT device passwords shall be unique and not resettable to any universal factory default value.',
    );
    expect(r.stdout).toContain('Mapped requirements (11,');
    expect(r.stdout).toMatch(/^ {2}2\.4\.8\.12 /m);
  });

  it('guideline 10 says why no requirement is mapped', () => {
    const r = runCli(['catalog', 'show', '10']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Mapped requirements (0,');
    expect(r.stdout).toContain('none — the source says: "This is covered in the IoTSF');
  });

  it.each([
    ['99', /did you mean 9\b/],
    ['2.4.7.133', /did you mean 2\.4\.7\.13\b/],
  ])('%s: exit 3 with a suggestion', (id, suggestion) => {
    const r = runCli(['catalog', 'show', id]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`iotassure: no guideline or requirement "${id}"`);
    expect(r.stderr).toMatch(suggestion);
  });
});

describe('catalog search', () => {
  it('mqtt: finds 2.4.7.13, exit 0', () => {
    const r = runCli(['catalog', 'search', 'mqtt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^2\.4\.7\.13 +Where the MQTT protocol is used/m);
    expect(r.stdout).toContain('1 match for "mqtt"');
  });

  it('every word must occur, case-insensitively', () => {
    const r = runCli(['catalog', 'search', 'Default', 'PASSWORDS']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^guideline 1 +No default passwords$/m);
    expect(r.stdout).toMatch(/\d+ match(es)? for "default passwords"/);
  });

  it('zzzqqq: nothing found, exit 1', () => {
    const r = runCli(['catalog', 'search', 'zzzqqq']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('0 matches for "zzzqqq"\n');
  });
});

describe('catalog facts', () => {
  it('lists the 24 profile questions with help, gates and how many requirements each decides', () => {
    const r = runCli(['catalog', 'facts']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^iotassure product profile, version 1 — 24 questions$/m);
    expect(out).toMatch(/^mqtt\n {2}Does the product use the MQTT protocol\?$/m);
    expect(out).toMatch(/^wps\n {2}Does the device support Wi-Fi Protected Setup \(WPS\)\?$/m);
    expect(out).toContain('    asked only when: wifi');
    expect(out.match(/^ {4}decides the applicability of \d+ requirements?$/gm)).toHaveLength(24);
  });
});

describe('catalog export', () => {
  interface Exported {
    format: string;
    formatVersion: number;
    frameworks: { id: string; items: { id: string }[] }[];
    mappingSets: { id: string; links: unknown[] }[];
    factSets: { facts: unknown[] }[];
    applicabilitySets: unknown[];
  }
  const check = (e: Exported) => {
    expect(e.format).toBe('iotassure-catalog');
    expect(e.formatVersion).toBe(1);
    expect(e.frameworks.map((f) => f.id).sort()).toEqual(['dcms-cop-2018', 'iotsf-cf-1.1']);
    const cf = e.frameworks.find((f) => f.id === 'iotsf-cf-1.1')!;
    expect(cf.items).toHaveLength(126);
    expect(new Set(cf.items.map((i) => i.id)).size).toBe(126);
    expect(e.frameworks.find((f) => f.id === 'dcms-cop-2018')!.items).toHaveLength(13);
    expect(e.mappingSets).toHaveLength(1);
    expect(e.mappingSets[0]!.links).toHaveLength(165);
    expect(e.factSets[0]!.facts).toHaveLength(24);
    expect(e.applicabilitySets).toHaveLength(1);
  };

  it('--format json: parseable JSON with 2 frameworks, 126 requirements and 165 mapping links', () => {
    const r = runCli(['catalog', 'export', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    check(JSON.parse(r.stdout) as Exported);
  });

  const dir = mkdtempSync(join(tmpdir(), 'iotassure-cli-export-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('-o writes the same to a file', () => {
    const out = join(dir, 'catalog.json');
    const r = runCli(['catalog', 'export', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${out}\n`);
    check(JSON.parse(readFileSync(out, 'utf8')) as Exported);
  });

  it('--format yaml: exit 2', () => {
    const r = runCli(['catalog', 'export', '--format', 'yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Allowed choices are json, oscal.');
  });
});
