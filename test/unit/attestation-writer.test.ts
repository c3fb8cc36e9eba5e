/** Writing bundles, and extracting them, when things go wrong: nothing half-written is left behind. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildManifest, manifestBytes } from '../../src/attestation/build-manifest.js';
import { extractTargetProblem, extractVerifiedBundle } from '../../src/attestation/bundle-extract.js';
import { BundleRefused } from '../../src/attestation/bundle-problem.js';
import { verifyBundle } from '../../src/attestation/bundle-verifier.js';
import { writeBundle } from '../../src/attestation/bundle-writer.js';
import { parsePublicKey, parseSigningKey, signManifest } from '../../src/attestation/signing.js';
import { reportFromYaml } from '../fixtures/report-fixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-writer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const pair = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const key = parseSigningKey(pair.privateKey);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const report = reportFromYaml('iotassure: 1\nproduct:\n  name: W\n');

/** Contents for a bundle of one assessment and one evidence file at `evidence`, as recorded now. */
function contents(evidence: string, recorded: Buffer) {
  const assessment = Buffer.from('iotassure: 1\n');
  const files = [
    {
      path: 'assessment/assessment.yaml',
      role: 'assessment' as const,
      size: assessment.length,
      sha256: sha256(assessment),
      source: { bytes: assessment },
    },
    {
      path: 'assessment/evidence/e.bin',
      role: 'evidence' as const,
      size: recorded.length,
      sha256: sha256(recorded),
      source: { file: evidence },
    },
  ];
  const manifest = manifestBytes(
    buildManifest({
      createdAt: '2026-12-01T10:00:00.000Z',
      signer: { name: 'W Ltd', publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint },
      report,
      dataFiles: {},
      files,
    }),
  );
  return { manifest, signature: signManifest(manifest, key), files, mtime: new Date() };
}

describe('writeBundle', () => {
  it('writes nothing when an evidence file changed after it was checked, and names it', async () => {
    const evidence = join(tmp, 'e.bin');
    const recorded = Buffer.alloc(3 * 1024 * 1024, 1); // several read chunks
    writeFileSync(evidence, Buffer.concat([recorded, Buffer.from('grown')]));
    const grown = writeBundle(join(tmp, 'grown.tar'), contents(evidence, recorded));
    await expect(grown).rejects.toBeInstanceOf(BundleRefused);
    await expect(grown).rejects.toThrow(
      'assessment/evidence/e.bin: it changed while the bundle was being written',
    );
    const edited = Buffer.from(recorded);
    edited[5] = 2;
    writeFileSync(evidence, edited);
    await expect(writeBundle(join(tmp, 'edited.tar'), contents(evidence, recorded))).rejects.toThrow(
      'assessment/evidence/e.bin: it changed',
    );
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tar') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails cleanly when the folder does not exist, and replaces an existing bundle whole', async () => {
    const evidence = join(tmp, 'ok.bin');
    writeFileSync(evidence, 'ok');
    await expect(
      writeBundle(join(tmp, 'no', 'such', 'x.tar'), contents(evidence, Buffer.from('ok'))),
    ).rejects.toThrow(/ENOENT/);
    const target = join(tmp, 'replace.tar');
    writeFileSync(target, 'an older bundle');
    await writeBundle(target, contents(evidence, Buffer.from('ok')));
    expect((await verifyBundle(target, { pinnedKey: parsePublicKey(pair.publicKey) })).status).toBe(
      'verified',
    );
  });
});

describe('extract', () => {
  it('accepts only a new folder (in an existing one) or an empty folder', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const full = join(tmp, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'x'), 'x');
    writeFileSync(join(tmp, 'plain'), 'x');
    symlinkSync(empty, join(tmp, 'link'));
    expect(extractTargetProblem(join(tmp, 'new'))).toBeNull();
    expect(extractTargetProblem(empty)).toBeNull();
    expect(extractTargetProblem(full)).toMatch(/not empty/);
    expect(extractTargetProblem(join(tmp, 'plain'))).toMatch(/not a folder/);
    expect(extractTargetProblem(join(tmp, 'link'))).toMatch(/not a folder/);
    expect(extractTargetProblem(join(tmp, 'missing', 'new'))).toMatch(/parent folder .* does not exist/);
  });

  it('writes nothing if the bundle is not the one the first pass verified', async () => {
    const evidence = join(tmp, 'swap.bin');
    writeFileSync(evidence, 'swap');
    const bundle = join(tmp, 'swap.tar');
    await writeBundle(bundle, contents(evidence, Buffer.from('swap')));
    const pinnedKey = parsePublicKey(pair.publicKey);
    const first = await verifyBundle(bundle, { pinnedKey });
    expect(first.status).toBe('verified');
    const target = join(tmp, 'swap-out');
    const r = await extractVerifiedBundle(bundle, target, pinnedKey, { ...first, manifestSha256: 'another' });
    expect(r.status).toBe('failed');
    expect(r.problems[0]?.message).toBe(
      'the bundle changed while it was being extracted; nothing was written',
    );
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes('iotassure-extract'))).toEqual([]);
    const ok = await extractVerifiedBundle(bundle, target, pinnedKey, first);
    expect(ok.status).toBe('verified');
    expect(readdirSync(target).sort()).toEqual(['assessment', 'manifest.json', 'manifest.sig']);
    expect(readdirSync(join(target, 'assessment')).sort()).toEqual(['assessment.yaml', 'evidence']);
    expect(readFileSync(join(target, 'assessment', 'evidence', 'e.bin'), 'utf8')).toBe('swap');
  });
});
