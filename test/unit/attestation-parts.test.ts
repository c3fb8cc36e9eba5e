/** The parts of attestation bundles: keys and signatures, member names, the manifest schema. */
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifestBytes } from '../../src/attestation/build-manifest.js';
import { LIMITS } from '../../src/attestation/bundle-format.js';
import { type Manifest, parseManifest } from '../../src/attestation/manifest-schema.js';
import { foldedName, memberNameProblem } from '../../src/attestation/member-name.js';
import {
  decodeSignature,
  parsePublicKey,
  parseSigningKey,
  publicKeyFingerprint,
  signManifest,
} from '../../src/attestation/signing.js';
import { publicKeyFingerprint as keysCommandFingerprint } from '../../src/cli/commands/keys-command.js';

const ed = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

describe('keys and signatures', () => {
  it('fingerprints a key as SHA256: and the unpadded base64 of its DER hash, as keys generate prints it', () => {
    const der = createPublicKey(ed.publicKey).export({ type: 'spki', format: 'der' });
    const expected = `SHA256:${createHash('sha256').update(der).digest('base64').slice(0, 43)}`;
    expect(publicKeyFingerprint(ed.publicKey)).toBe(expected);
    expect(keysCommandFingerprint(ed.publicKey)).toBe(expected);
    expect(parseSigningKey(ed.privateKey).fingerprint).toBe(expected);
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
    ['evidence/scans/2026 port scan (v2).txt', null],
    ['evidence/prüfbericht.pdf', null],
    ['', /empty/],
    ['../x', /escape/],
    ['evidence/../../x', /escape/],
    ['evidence/./x', /"\." folder/],
    ['/etc/passwd', /absolute/],
    ['C:/x', /drive letter/],
    ['a\\b', /backslash/],
    ['a\u0000b', /NUL/],
    ['evidence/a\nb', /control/],
    ['evidence/\u202egnp.exe', /text-direction/],
    ['evidence//x', /empty folder name/],
    ['evidence/', /empty folder name/],
    [`evidence/${'a'.repeat(256)}`, /longer than 255 bytes/],
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
      { path: 'assessment.yaml', role: 'assessment', size: 10, sha256: hash },
      { path: 'evidence/a.txt', role: 'evidence', size: 1, sha256: hash },
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
    const [assessment, evidence] = valid.files as [Manifest['files'][0], Manifest['files'][0]];
    expect(withFiles([assessment, { ...evidence, sha256: 'ABC' }])).toMatch(
      /files\.1\.sha256: must be 64 lowercase/,
    );
    expect(withFiles([assessment, { ...evidence, path: 'evidence/../x' }])).toMatch(
      /files\.1\.path: .*escape/,
    );
    expect(withFiles([assessment, evidence, { ...evidence, path: 'Evidence/A.txt' }])).toMatch(
      /listed twice/,
    );
    expect(withFiles([assessment, evidence, { ...evidence, path: 'evidence/a.txt/b' }])).toMatch(
      /both a file and a folder/,
    );
    expect(withFiles([assessment, { ...evidence, role: 'report' }])).toMatch(/only files under evidence\//);
    expect(withFiles([evidence])).toMatch(/exactly one file must have the role assessment/);
    expect(withFiles([assessment, { ...evidence, path: 'manifest.sig', role: 'report' }])).toMatch(
      /manifest.sig cannot be listed/,
    );
    expect(withFiles([assessment, { ...evidence, size: LIMITS.totalBytes + 1 }])).toMatch(/files\.1\.size/);
  });
});
