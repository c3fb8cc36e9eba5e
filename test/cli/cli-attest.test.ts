/**
 * attest → verify → extract with the real binary on the wifi-camera example, checked with tools
 * that share no code with iotassure: GNU tar lists and extracts the bundle, sha256sum checks every
 * file against the manifest, and openssl (when installed) checks the signature with only the .pub.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-attest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const EXAMPLE = join(repoRoot, 'examples/wifi-camera');
const ASSESSMENT = join(EXAMPLE, 'assessment.yaml');
const key = join(tmp, 'vendor');
const bundle = join(tmp, 'cam.attestation.tar');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** The distinct evidence files the example's YAML names, read here with a regular expression. */
const evidencePaths = [
  ...new Set([...readFileSync(ASSESSMENT, 'utf8').matchAll(/^\s*- file: (.+)$/gm)].map((m) => m[1]!.trim())),
].sort();

function listTar(path: string): string[] {
  return execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).trim().split('\n');
}

/** A copy of the bundle with one byte of `content` (found in the tar by its bytes) changed. */
function withFlippedByte(content: Buffer, name: string): string {
  const bytes = readFileSync(bundle);
  const at = bytes.indexOf(content);
  expect(at).toBeGreaterThan(0);
  bytes[at + 10] = (bytes[at + 10] ?? 0) ^ 0x20;
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

/** As `keys generate` printed it. */
let fingerprint = '';

beforeAll(() => {
  const keys = runCli(['keys', 'generate', '-o', key]);
  expect(keys.status).toBe(0);
  fingerprint = /public key fingerprint (SHA256:\S+)/.exec(keys.stderr)?.[1] ?? '';
  expect(fingerprint).not.toBe('');
  const r = runCli(['attest', ASSESSMENT, '--key', `${key}.key`, '-o', bundle]);
  expect(r.stderr).toMatch(/^wrote .*cam\.attestation\.tar: .*8 of 13 guidelines met; 12 files/m);
  expect(r.status).toBe(0);
});

describe('attest', () => {
  it('writes one plain tar: manifest, signature, assessment, both reports, every evidence file', () => {
    expect(evidencePaths).toHaveLength(9);
    expect(listTar(bundle)).toEqual([
      'manifest.json',
      'manifest.sig',
      'assessment/assessment.yaml',
      'report.html',
      'report.json',
      ...evidencePaths.map((p) => `assessment/${p}`),
    ]);
  });

  it('a customer can check it offline with tar, sha256sum, base64 and openssl and the .pub alone', () => {
    const out = join(tmp, 'by-hand');
    mkdirSync(out);
    execFileSync('tar', ['-xf', bundle, '-C', out]);
    const manifestText = readFileSync(join(out, 'manifest.json'));
    const manifest = JSON.parse(manifestText.toString()) as {
      files: { path: string; role: string; size: number; sha256: string }[];
      signer: { fingerprint: string };
    };
    const listing = manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
    const check = spawnSync('sha256sum', ['--check', '--strict'], {
      cwd: out,
      input: listing,
      encoding: 'utf8',
    });
    expect(check.stdout.trim().split('\n')).toHaveLength(12);
    expect(check.status).toBe(0);
    expect(readFileSync(join(out, 'assessment', 'assessment.yaml')).equals(readFileSync(ASSESSMENT))).toBe(
      true,
    );
    for (const p of evidencePaths)
      expect(readFileSync(join(out, 'assessment', p)).equals(readFileSync(join(EXAMPLE, p))), p).toBe(true);

    const signature = Buffer.from(readFileSync(join(out, 'manifest.sig'), 'latin1').trim(), 'base64');
    expect(verify(null, manifestText, createPublicKey(readFileSync(`${key}.pub`)), signature)).toBe(true);
    if (hasOpenssl) {
      writeFileSync(join(out, 'sig.bin'), signature);
      const openssl = spawnSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          `${key}.pub`,
          '-rawin',
          '-in',
          'manifest.json',
          '-sigfile',
          'sig.bin',
        ],
        { cwd: out, encoding: 'utf8' },
      );
      expect(openssl.stdout).toContain('Signature Verified Successfully');
    }
  });

  it('states what a separate `report --format json` run computes', () => {
    const report = JSON.parse(runCli(['report', ASSESSMENT, '--format', 'json']).stdout) as {
      summary: { guidelinesMet: number; guidelinesTotal: number };
      product: { name: string };
      catalog: { source: { id: string; version: string } };
      guidelines: { id: string; outcome: string }[];
    };
    const r = runCli(['verify', bundle, '--key', `${key}.pub`, '--format', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('verified');
    expect(out.problems).toEqual([]);
    const m = out.manifest;
    expect(m.summary.guidelinesMet).toBe(report.summary.guidelinesMet);
    expect(m.summary.guidelinesTotal).toBe(13);
    expect(m.summary.guidelines.map((g: { id: string; outcome: string }) => [g.id, g.outcome])).toEqual(
      report.guidelines.map((g) => [g.id, g.outcome]),
    );
    expect(m.product.name).toBe(report.product.name);
    expect(m.catalog.source).toMatchObject({ id: 'iotsf-cf-1.1', version: '1.1' });
    const data = m.catalog.dataFiles.find((f: { path: string }) => f.path === 'frameworks/iotsf-cf-1.1.json');
    expect(data.sha256).toBe(sha256(readFileSync(join(repoRoot, 'data/frameworks/iotsf-cf-1.1.json'))));
    expect(m.tool.version).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    expect(m.signer.fingerprint).toBe(fingerprint);
    expect(out.pinnedKey.fingerprint).toBe(fingerprint);
  });

  it('never writes over an existing bundle without --force, and --force replaces it whole', () => {
    const before = readFileSync(bundle);
    const r = runCli(['attest', ASSESSMENT, '--key', `${key}.key`, '-o', bundle]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('already exists; choose another -o, or use --force');
    expect(readFileSync(bundle).equals(before)).toBe(true);
    const copy = join(tmp, 'replaced.tar');
    writeFileSync(copy, 'old');
    expect(runCli(['attest', ASSESSMENT, '--key', `${key}.key`, '-o', copy, '--force']).status).toBe(0);
    expect(runCli(['verify', copy, '--key', `${key}.pub`]).status).toBe(0);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never writes over its inputs: the assessment, an evidence file, the key', () => {
    const copy = join(tmp, 'inputs');
    cpSync(EXAMPLE, copy, { recursive: true });
    const a = join(copy, 'assessment.yaml');
    const evidence = join(copy, evidencePaths[0]!);
    for (const target of [a, evidence, `${key}.key`]) {
      const before = readFileSync(target);
      const r = runCli(['attest', a, '--key', `${key}.key`, '-o', target, '--force']);
      expect(r.status, target).toBe(2);
      expect(r.stderr).toContain('will not write over');
      expect(readFileSync(target).equals(before)).toBe(true);
    }
  });

  it('refuses an assessment whose evidence changed, and writes nothing', () => {
    const copy = join(tmp, 'changed');
    cpSync(EXAMPLE, copy, { recursive: true });
    writeFileSync(join(copy, evidencePaths[0]!), 'edited after the assessment\n');
    const out = join(tmp, 'changed.tar');
    const r = runCli(['attest', join(copy, 'assessment.yaml'), '--key', `${key}.key`, '-o', out]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('evidence-hash-mismatch');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a key that is not an Ed25519 private key, saying what it is', () => {
    const r = runCli(['attest', ASSESSMENT, '--key', `${key}.pub`, '-o', join(tmp, 'x.tar')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('it is a public key; sign with the private key');
    const missing = runCli(['attest', ASSESSMENT, '--key', join(tmp, 'nope.key'), '-o', join(tmp, 'x.tar')]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('does not exist');
    expect(runCli(['attest', ASSESSMENT, '-o', join(tmp, 'x.tar')]).status).toBe(2);
    expect(existsSync(join(tmp, 'x.tar'))).toBe(false);
  });

  it('needs --signer when the assessment names no manufacturer', () => {
    const a = join(tmp, 'anonymous.yaml');
    writeFileSync(a, 'iotassure: 1\nproduct:\n  name: Anonymous\n');
    const r = runCli(['attest', a, '--key', `${key}.key`, '-o', join(tmp, 'anon.tar')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--signer NAME');
    const signed = runCli([
      'attest',
      a,
      '--key',
      `${key}.key`,
      '-o',
      join(tmp, 'anon.tar'),
      '--signer',
      'Lab X',
    ]);
    expect(signed.status).toBe(0);
    expect(runCli(['verify', join(tmp, 'anon.tar'), '--key', `${key}.pub`]).stdout).toContain(
      'signed by    Lab X',
    );
  });

  it('bundles evidence with spaces and non-ASCII letters in its name', () => {
    const dir = join(tmp, 'unicode');
    mkdirSync(join(dir, 'prüfung'), { recursive: true });
    const proof = Buffer.from('Prüfbericht: Standardpasswort nicht vorhanden\n');
    writeFileSync(join(dir, 'prüfung', 'bericht 1.txt'), proof);
    writeFileSync(
      join(dir, 'a.yaml'),
      `iotassure: 1\nproduct:\n  name: Kamera\n  manufacturer: Beispiel GmbH\nrequirements:\n  2.4.3.5:\n    status: compliant\n    evidence:\n      - file: prüfung/bericht 1.txt\n        sha256: ${sha256(proof)}\n`,
    );
    const out = join(tmp, 'unicode.tar');
    const r = runCli(['attest', join(dir, 'a.yaml'), '--key', `${key}.key`, '-o', out]);
    expect(r.stderr).toContain('wrote');
    expect(listTar(out)).toContain('assessment/prüfung/bericht 1.txt');
    expect(runCli(['verify', out, '--key', `${key}.pub`]).status).toBe(0);
  });

  it.each([
    ['assessment.yaml', 'the name assessment/assessment.yaml is kept for the assessment'],
    ['Assessment.YAML', 'the name assessment/Assessment.YAML is kept for the assessment'],
    ['assessment.json', 'the name assessment/assessment.json is kept for the assessment'],
    [
      'ASSESSMENT.yaml/notes.txt',
      'the name assessment/ASSESSMENT.yaml/notes.txt lies below assessment/ASSESSMENT.yaml, a name kept for the assessment',
    ],
  ])(
    'refuses evidence at %j, which would land on the assessment in the bundle, and writes nothing',
    (name, why) => {
      const dir = join(tmp, `clash-${name.replace(/\W/g, '-')}`);
      mkdirSync(join(dir, name, '..'), { recursive: true });
      const proof = Buffer.from('an evidence file that happens to have this name\n');
      writeFileSync(join(dir, name), proof);
      writeFileSync(
        join(dir, 'cam.yaml'),
        `iotassure: 1\nproduct:\n  name: Cam\n  manufacturer: Acme\nrequirements:\n  2.4.3.5:\n    status: compliant\n    evidence:\n      - file: ${name}\n        sha256: ${sha256(proof)}\n`,
      );
      // The assessment itself is valid: only its place in the bundle is the problem.
      expect(runCli(['validate', join(dir, 'cam.yaml')]).status).toBe(0);
      const out = join(tmp, 'clash.tar');
      const r = runCli(['attest', join(dir, 'cam.yaml'), '--key', `${key}.key`, '-o', out]);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(
        `cam.yaml: the evidence file ${name} cannot go in a bundle (${why}, whatever its case); rename it`,
      );
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(tmp).filter((f) => f.startsWith('.clash.tar'))).toEqual([]);
    },
  );
});

describe('verify', () => {
  it('prints what was attested, with the signer pinned', () => {
    const r = runCli(['verify', bundle, '--key', `${key}.pub`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^verified: /);
    expect(r.stdout).toContain('product      Acme Cams Indoor 2K');
    expect(r.stdout).toContain(`signed by    Acme Cams Ltd (fictional), key ${fingerprint} (your key `);
    expect(r.stdout).toContain('guidelines   8 of 13 met');
    expect(r.stdout).toContain(`evidence   assessment/${evidencePaths[0]}`);
  });

  it('without --key: the signature is valid for a key the user has not pinned, exit 4', () => {
    const r = runCli(['verify', bundle]);
    expect(r.status).toBe(4);
    expect(r.stdout).toContain('the signer is NOT PINNED');
    expect(r.stderr).toContain(`the signature is valid for key ${fingerprint}, which you have not pinned`);
  });

  it('with another key: fails and prints both fingerprints', () => {
    expect(runCli(['keys', 'generate', '-o', join(tmp, 'other')]).status).toBe(0);
    const r = runCli(['verify', bundle, '--key', join(tmp, 'other.pub')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the bundle's signer key is ${fingerprint}, your key is SHA256:`);
    expect(r.stderr).not.toContain(`your key is ${fingerprint}`);
  });

  it('names the evidence file whose byte changed', () => {
    const p = evidencePaths[3]!;
    const flipped = withFlippedByte(readFileSync(join(EXAMPLE, p)), 'flip-evidence.tar');
    const r = runCli(['verify', flipped, '--key', `${key}.pub`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `assessment/${p.replace(/[.]/g, '\\.')}: SHA-256 does not match the manifest \\(expected ${sha256(readFileSync(join(EXAMPLE, p)))}, got [0-9a-f]{64}\\)`,
      ),
    );
  });

  it('names the report whose byte changed', () => {
    const out = join(tmp, 'for-report');
    mkdirSync(out);
    execFileSync('tar', ['-xf', bundle, '-C', out, 'report.html']);
    const flipped = withFlippedByte(
      readFileSync(join(out, 'report.html')).subarray(5000, 5100),
      'flip-report.tar',
    );
    const r = runCli(['verify', flipped, '--key', `${key}.pub`, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).problems.map((p: { member: string }) => p.member)).toEqual(['report.html']);
  });

  it('reports a bundle that does not exist or is a folder as unusable input (exit 3)', () => {
    expect(runCli(['verify', join(tmp, 'nope.tar')]).status).toBe(3);
    expect(runCli(['verify', tmp]).status).toBe(3);
    expect(runCli(['verify', bundle, '--key', `${key}.key`]).stderr).toContain('it is a private key');
    expect(runCli(['verify', bundle, '--format', 'xml']).status).toBe(2);
  });

  it('refuses a hostile bundle (a path out of the folder), writing nothing', async () => {
    const pack = tar.pack();
    pack.entry({ name: '../../escaped.txt' }, 'owned\n');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    const hostile = join(tmp, 'hostile.tar');
    writeFileSync(hostile, Buffer.concat(chunks));
    const target = join(tmp, 'hostile-out');
    const r = runCli(['verify', hostile, '--key', `${key}.pub`, '--extract', target]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('../../escaped.txt: the name contains a ".." folder');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(tmp, '..', 'escaped.txt'))).toBe(false);
  });
});

describe('verify --extract', () => {
  it('writes every verified file into a new folder, identical to the originals', () => {
    const out = join(tmp, 'extracted');
    const r = runCli(['verify', bundle, '--key', `${key}.pub`, '--extract', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`extracted to ${out}`);
    expect(readFileSync(join(out, 'assessment', 'assessment.yaml')).equals(readFileSync(ASSESSMENT))).toBe(
      true,
    );
    for (const p of evidencePaths)
      expect(readFileSync(join(out, 'assessment', p)).equals(readFileSync(join(EXAMPLE, p))), p).toBe(true);
    expect(readdirSync(out).sort()).toEqual([
      'assessment',
      'manifest.json',
      'manifest.sig',
      'report.html',
      'report.json',
    ]);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).format).toBe('iotassure-report');
  });

  it('lands the assessment beside its evidence: `validate` checks it there, evidence hashes and all', () => {
    const out = join(tmp, 'to-validate');
    const r = runCli(['verify', bundle, '--key', `${key}.pub`, '--extract', out]);
    expect(r.status).toBe(0);
    const extracted = join(out, 'assessment', 'assessment.yaml');
    expect(r.stdout).toContain(`iotassure validate ${extracted}`);
    const validated = runCli(['validate', extracted]);
    expect(validated.stderr).toContain(`${extracted}: valid — 0 errors`);
    expect(validated.status).toBe(0);
    // The same outcomes as the original: it is the same assessment, with the same evidence.
    const outcomes = (file: string) =>
      JSON.parse(runCli(['report', file, '--format', 'json']).stdout).guidelines.map(
        (g: { id: string; outcome: string }) => [g.id, g.outcome],
      );
    expect(outcomes(extracted)).toEqual(outcomes(ASSESSMENT));
    // validate did check the extracted evidence: change one byte of one file and it fails.
    const evidence = join(out, 'assessment', evidencePaths[2]!);
    const bytes = readFileSync(evidence);
    bytes[0] = (bytes[0] ?? 0) ^ 0x20;
    writeFileSync(evidence, bytes);
    const changed = runCli(['validate', extracted]);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain('evidence-hash-mismatch');
    expect(changed.stderr).toContain(evidencePaths[2]);
  });

  it('a JSON assessment with evidence beside it and in a subfolder is validated where it lands too', () => {
    const dir = join(tmp, 'json-source');
    mkdirSync(join(dir, 'lab', 'uart'), { recursive: true });
    const beside = Buffer.from('nmap: 22/tcp closed, 80/tcp closed\n');
    const nested = Buffer.from('UART console requires authentication\n');
    writeFileSync(join(dir, 'scan.txt'), beside);
    writeFileSync(join(dir, 'lab', 'uart', 'log.txt'), nested);
    const assessment = {
      iotassure: 1,
      product: { name: 'Cam J', manufacturer: 'Acme' },
      requirements: {
        '2.4.3.5': {
          status: 'compliant',
          evidence: [
            { file: 'scan.txt', sha256: sha256(beside) },
            { file: './lab/uart/log.txt', sha256: sha256(nested) },
          ],
        },
      },
    };
    writeFileSync(join(dir, 'cam-j.json'), JSON.stringify(assessment, null, 2));
    const json = join(tmp, 'json.tar');
    expect(runCli(['attest', join(dir, 'cam-j.json'), '--key', `${key}.key`, '-o', json]).status).toBe(0);
    expect(listTar(json)).toEqual([
      'manifest.json',
      'manifest.sig',
      'assessment/assessment.json',
      'report.html',
      'report.json',
      'assessment/lab/uart/log.txt',
      'assessment/scan.txt',
    ]);
    const out = join(tmp, 'json-out');
    expect(runCli(['verify', json, '--key', `${key}.pub`, '--extract', out]).status).toBe(0);
    const extracted = join(out, 'assessment', 'assessment.json');
    expect(readFileSync(join(out, 'assessment', 'lab', 'uart', 'log.txt')).equals(nested)).toBe(true);
    const validated = runCli(['validate', extracted]);
    expect(validated.stderr).toContain('valid — 0 errors');
    expect(validated.status).toBe(0);
  });

  it('into an existing empty folder too; never into a folder with files in it', () => {
    const empty = join(tmp, 'empty-target');
    mkdirSync(empty);
    expect(runCli(['verify', bundle, '--key', `${key}.pub`, '--extract', empty]).status).toBe(0);
    expect(readdirSync(empty)).toHaveLength(5);
    const r = runCli(['verify', bundle, '--key', `${key}.pub`, '--extract', empty]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('it is not empty');
  });

  it('writes nothing when a byte changed, and leaves no temporary folder behind', () => {
    const flipped = withFlippedByte(readFileSync(join(EXAMPLE, evidencePaths[8]!)), 'flip-extract.tar');
    const fresh = join(tmp, 'not-written');
    const empty = join(tmp, 'stays-empty');
    mkdirSync(empty);
    for (const target of [fresh, empty]) {
      const r = runCli(['verify', flipped, '--key', `${key}.pub`, '--extract', target]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`assessment/${evidencePaths[8]}: SHA-256 does not match`);
    }
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.includes('iotassure-extract'))).toEqual([]);
  });

  it('needs --key: files are written only from a bundle verified against a key the user trusts', () => {
    const out = join(tmp, 'unpinned-out');
    const r = runCli(['verify', bundle, '--extract', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--extract needs --key');
    expect(existsSync(out)).toBe(false);
  });
});
