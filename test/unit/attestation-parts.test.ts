/** The parts of attestation bundles: keys and signatures, member names, the manifest schema. */
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifestBytes } from '../../src/attestation/build-manifest.js';
import { LIMITS } from '../../src/attestation/bundle-format.js';
import { type Manifest, parseManifest } from '../../src/attestation/manifest-schema.js';
import {
  assessmentMemberName,
  assessmentNameClash,
  evidenceMemberName,
  foldedName,
  memberNameProblem,
} from '../../src/attestation/member-name.js';
import {
  decodeSignature,
  parsePublicKey,
  parseSigningKey,
  publicKeyFingerprint,
  signManifest,
} from '../../src/attestation/signing.js';

const ed = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('keys and signatures', () => {
  it('fingerprints a key as SHA256: and the unpadded base64 of the SHA-256 of its SPKI DER', () => {
    // The DER read from the PEM by hand (base64 between the armour lines), not re-exported by node.
    const der = Buffer.from(ed.publicKey.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
    expect(der).toHaveLength(44); // the SPKI of an Ed25519 key: 12 bytes of header, 32 of key
    const expected = `SHA256:${createHash('sha256').update(der).digest('base64').slice(0, 43)}`;
    expect(publicKeyFingerprint(ed.publicKey)).toBe(expected);
    expect(publicKeyFingerprint(createPublicKey(ed.publicKey))).toBe(expected);
    expect(parseSigningKey(ed.privateKey).fingerprint).toBe(expected);
    expect(parsePublicKey(ed.publicKey).fingerprint).toBe(expected);
  });

  it('signs the exact manifest bytes: base64 of the raw 64-byte Ed25519 signature and a newline', () => {
    const bytes = Buffer.from('{"a":1}\n');
    const text = signManifest(bytes, parseSigningKey(ed.privateKey)).toString('latin1');
    expect(text).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    const raw = Buffer.from(text, 'base64');
    expect(verify(null, bytes, createPublicKey(ed.publicKey), raw)).toBe(true);
    expect(verify(null, Buffer.from('{"a":2}\n'), createPublicKey(ed.publicKey), raw)).toBe(false);
    expect(decodeSignature(Buffer.from(text))?.equals(raw)).toBe(true);
  });

  it('accepts only the canonical base64 spelling of a signature', () => {
    const text = signManifest(Buffer.from('x'), parseSigningKey(ed.privateKey)).toString('latin1');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(text[85]!);
    // The last character before "==" carries 4 bits of the signature and 2 unused ones.
    const sameBits = alphabet[last ^ 0b01]!;
    const variant = `${text.slice(0, 85)}${sameBits}${text.slice(86)}`;
    expect(Buffer.from(variant, 'base64').equals(Buffer.from(text, 'base64'))).toBe(true);
    expect(decodeSignature(Buffer.from(variant))).toBeNull();
    expect(decodeSignature(Buffer.from(text.trimEnd()))).toBeNull(); // no newline
    expect(decodeSignature(Buffer.from(`${text}\n`))).toBeNull();
  });

  it('says what a key file is when it is not the key wanted', () => {
    const rsa = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const encrypted = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(() => parseSigningKey(ed.publicKey)).toThrow(/it is a public key; sign with the private key/);
    expect(() => parseSigningKey(rsa.privateKey)).toThrow(
      /it is a rsa key; attestations are signed with Ed25519/,
    );
    expect(() => parseSigningKey(encrypted.privateKey)).toThrow(/passphrase/);
    expect(() => parseSigningKey('hello')).toThrow(/not a PEM private key/);
    expect(() => parsePublicKey(ed.privateKey)).toThrow(/it is a private key; verify with the public key/);
    expect(() => parsePublicKey(rsa.publicKey)).toThrow(/rsa key/);
    expect(() => parsePublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toThrow(
      /not a PEM public key/,
    );
  });
});

describe('member names', () => {
  it.each([
    ['manifest.json', null],
    ['assessment/evidence/scans/2026 port scan (v2).txt', null],
    ['assessment/prüfbericht.pdf', null],
    ['', /empty/],
    ['../x', /escape/],
    ['assessment/../../x', /escape/],
    ['assessment/./x', /"\." folder/],
    ['/etc/passwd', /absolute/],
    ['C:/x', /drive letter/],
    ['a\\b', /backslash/],
    ['a\u0000b', /NUL/],
    ['assessment/a\nb', /control/],
    ['assessment/\u202egnp.exe', /text-direction/],
    ['assessment//x', /empty folder name/],
    ['assessment/', /empty folder name/],
    [`assessment/${'a'.repeat(256)}`, /longer than 255 bytes/],
    [`${'a/'.repeat(600)}x`, /longer than 1024 bytes/],
  ])('%j', (name, problem) => {
    const found = memberNameProblem(name);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('folds names that one file system would store as one file', () => {
    expect(foldedName('Evidence/A.txt')).toBe(foldedName('evidence/a.txt'));
    expect(foldedName('evidence/e\u0301.txt')).toBe(foldedName('evidence/\u00e9.txt'));
  });

  it('puts the assessment and its evidence in one folder, laid out as beside the original', () => {
    expect(assessmentMemberName('yaml')).toBe('assessment/assessment.yaml');
    expect(assessmentMemberName('json')).toBe('assessment/assessment.json');
    expect(evidenceMemberName('evidence/scan.txt')).toBe('assessment/evidence/scan.txt');
    expect(evidenceMemberName('scan.txt')).toBe('assessment/scan.txt');
  });

  it.each([
    ['assessment/assessment.yaml', /is kept for the assessment, whatever its case/],
    ['assessment/Assessment.YAML', /is kept for the assessment, whatever its case/],
    ['assessment/assessment.json', /is kept for the assessment, whatever its case/],
    [
      'assessment/ASSESSMENT.JSON/x.txt',
      /^the name assessment\/ASSESSMENT.JSON\/x.txt lies below assessment\/ASSESSMENT.JSON, a name kept for the assessment/,
    ],
    ['assessment/assessment.yaml.txt', null],
    ['assessment/evidence/assessment.yaml', null],
    ['assessment/assessment/assessment.yaml', null],
  ])('evidence at %j clashes with the assessment: %s', (member, clash) => {
    const found = assessmentNameClash(member);
    if (clash === null) expect(found).toBeNull();
    else expect(found).toMatch(clash);
  });
});

describe('the manifest schema', () => {
  const hash = 'a'.repeat(64);
  const valid: Manifest = {
    format: 'iotassure-attestation',
    formatVersion: 1,
    createdAt: '2026-12-01T10:00:00.000Z',
    signer: {
      name: 'Test Ltd',
      publicKey: ed.publicKey,
      fingerprint: publicKeyFingerprint(ed.publicKey),
    },
    tool: { name: 'iotassure', version: '0.1.0' },
    catalog: {
      source: { id: 'iotsf-cf-1.1', title: 'IoT Security Compliance Framework', version: '1.1' },
      target: {
        id: 'dcms-cop-2018',
        title: 'Code of Practice for Consumer IoT Security',
        version: '2018-10',
      },
      mappingSet: { id: 'm', title: 'M' },
      dataFiles: [{ path: 'frameworks/x.json', sha256: hash }],
    },
    product: { name: 'Cam', model: null, version: '1.0', manufacturer: null },
    summary: {
      guidelinesMet: 1,
      guidelinesTotal: 1,
      guidelines: [{ id: '1', number: '1', title: 'No default passwords', outcome: 'met' }],
    },
    files: [
      { path: 'assessment/assessment.yaml', role: 'assessment', size: 10, sha256: hash },
      { path: 'report.html', role: 'report', size: 5, sha256: hash },
      { path: 'assessment/evidence/a.txt', role: 'evidence', size: 1, sha256: hash },
    ],
  };
  const parse = (m: unknown) => parseManifest(Buffer.from(JSON.stringify(m)));
  const problem = (m: unknown) => {
    const r = parse(m);
    return r.ok ? null : r.problem;
  };

  it('round-trips what the writer produces', () => {
    expect(parseManifest(manifestBytes(valid))).toEqual({ ok: true, manifest: valid });
  });

  it('refuses a manifest over 1 MiB before parsing it', () => {
    const big = Buffer.from(JSON.stringify({ ...valid, pad: ' '.repeat(LIMITS.manifestBytes) }));
    expect(parseManifest(big)).toEqual({
      ok: false,
      problem: `${big.length} bytes, over the 1048576-byte limit for a manifest`,
    });
  });

  it('refuses a newer format version by name', () => {
    expect(problem({ ...valid, formatVersion: 2 })).toBe(
      'format version 2; this iotassure reads version 1 (a newer iotassure may read it)',
    );
    expect(problem({ format: 'something-else' })).toMatch(/not an iotassure attestation manifest/);
    expect(problem([1, 2])).toMatch(/not an iotassure attestation manifest/);
    expect(parseManifest(Buffer.from([0xff, 0xfe]))).toMatchObject({
      ok: false,
      problem: /not valid UTF-8 JSON/,
    });
  });

  it('refuses unknown keys, bad hashes and unsafe or conflicting paths, saying where', () => {
    expect(problem({ ...valid, extra: 1 })).toMatch(/Unrecognized key/);
    const withFiles = (files: unknown[]) => problem({ ...valid, files });
    const [assessment, , evidence] = valid.files as Manifest['files'];
    expect(withFiles([assessment, { ...evidence!, sha256: 'ABC' }])).toMatch(
      /files\.1\.sha256: must be 64 lowercase/,
    );
    expect(withFiles([assessment, { ...evidence!, path: 'assessment/../x' }])).toMatch(
      /files\.1\.path: .*escape/,
    );
    expect(withFiles([assessment, { ...evidence!, path: '/etc/passwd' }])).toMatch(
      /files\.1\.path: .*absolute/,
    );
    expect(withFiles([assessment, evidence, { ...evidence!, path: 'Assessment/Evidence/A.txt' }])).toMatch(
      /listed twice/,
    );
    expect(withFiles([assessment, evidence, { ...evidence!, path: 'assessment/evidence/a.txt/b' }])).toMatch(
      /both a file and a folder/,
    );
    expect(withFiles([evidence])).toMatch(/exactly one file must have the role assessment/);
    expect(withFiles([assessment, { ...evidence!, path: 'manifest.sig', role: 'report' }])).toMatch(
      /manifest.sig cannot be listed/,
    );
    expect(withFiles([assessment, { ...evidence!, size: LIMITS.totalBytes + 1 }])).toMatch(/files\.1\.size/);
  });

  it('accepts each role only in its place: the one assessment, evidence beside it, reports at the top', () => {
    const withFiles = (files: unknown[]) => problem({ ...valid, files });
    const [assessment, report, evidence] = valid.files as [
      Manifest['files'][0],
      Manifest['files'][0],
      Manifest['files'][0],
    ];
    const json = { ...assessment, path: 'assessment/assessment.json' };
    expect(withFiles([json, report, evidence])).toBeNull();
    expect(withFiles([{ ...evidence, path: 'assessment/scan.txt' }, assessment])).toBeNull();
    expect(withFiles([assessment, { ...evidence, path: 'assessment/ASSESSMENT.YAML.d/x' }])).toBeNull();
    const refused: [Manifest['files'][0], RegExp][] = [
      // the assessment under any other name: at the top (as unreleased drafts had it), or in another case
      [
        { ...assessment, path: 'assessment.yaml' },
        /assessment\.yaml cannot have the role assessment: the assessment is assessment\/assessment\.yaml or assessment\/assessment\.json/,
      ],
      [{ ...assessment, path: 'assessment/cam.yaml' }, /cannot have the role assessment/],
      [{ ...assessment, path: 'assessment/Assessment.yaml' }, /cannot have the role assessment/],
      // evidence outside the assessment's folder (the old evidence/ folder too) or at the top
      [
        { ...evidence, path: 'evidence/a.txt' },
        /evidence\/a\.txt cannot have the role evidence: evidence files are under assessment\//,
      ],
      [{ ...evidence, path: 'a.txt' }, /cannot have the role evidence/],
      [{ ...evidence, path: 'Assessment/a.txt' }, /cannot have the role evidence/],
      // evidence that takes the assessment's name, either of them, in any case, or a folder of it
      [{ ...evidence, path: 'assessment/assessment.json' }, /is kept for the assessment, whatever its case/],
      [
        { ...evidence, path: 'assessment/Assessment.Json/x' },
        /lies below assessment\/Assessment.Json, a name kept for the assessment/,
      ],
      // a report in a folder, also the assessment's; files in the assessment folder are its evidence
      [{ ...report, path: 'reports/report.html' }, /reports are at the top of the bundle/],
      [{ ...report, path: 'assessment/report.html' }, /reports are at the top of the bundle/],
      [{ ...report, path: 'assessment/assessment.yaml' }, /reports are at the top/],
    ];
    for (const [file, message] of refused) {
      const found = withFiles(
        file.role === 'assessment' ? [file, report, evidence] : [assessment, report, file],
      );
      expect(found, file.path).toMatch(message);
    }
    // A second assessment, even under the other name.
    expect(withFiles([assessment, json])).toMatch(/exactly one file must have the role assessment/);
  });
});
