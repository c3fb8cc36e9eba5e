/**
 * The bundle verifier against hostile and damaged tar files built here by hand (with tar-stream,
 * or header by header where tar-stream refuses to write the damage), and against real bundles
 * with one byte changed in each member. Expected hashes are computed here with node:crypto.
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
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
import { buildManifest, manifestBytes } from '../../src/attestation/build-manifest.js';
import { verifyBundle } from '../../src/attestation/bundle-verifier.js';
import { type MemberSource, writeBundle } from '../../src/attestation/bundle-writer.js';
import type { ManifestFile } from '../../src/attestation/manifest-schema.js';
import {
  parsePublicKey,
  parseSigningKey,
  type SigningKey,
  signManifest,
} from '../../src/attestation/signing.js';
import { reportFromYaml } from '../fixtures/report-fixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-verify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function newKey(): { signing: SigningKey; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { signing: parseSigningKey(privateKey), publicPem: publicKey };
}

const vendor = newKey();
const vendorPublic = parsePublicKey(vendor.publicPem);
const REPORT = reportFromYaml(
  'iotassure: 1\nproduct:\n  name: Test Cam\n  version: "1.0"\n  manufacturer: Test Ltd\nprofile: {}\nrequirements: {}\n',
);
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

interface Content {
  readonly path: string;
  readonly role: ManifestFile['role'];
  readonly bytes: Buffer;
}

const CONTENTS: Content[] = [
  {
    path: 'assessment/assessment.yaml',
    role: 'assessment',
    bytes: Buffer.from('iotassure: 1\nproduct:\n  name: Test Cam\n'),
  },
  { path: 'report.html', role: 'report', bytes: Buffer.from('<!doctype html><title>Test Cam</title>\n') },
  { path: 'report.json', role: 'report', bytes: Buffer.from('{"format":"iotassure-report"}\n') },
  {
    path: 'assessment/evidence/scans/port-scan.txt',
    role: 'evidence',
    bytes: Buffer.from('22/tcp closed\n'.repeat(100)),
  },
  {
    path: 'assessment/evidence/firmware-signing.txt',
    role: 'evidence',
    bytes: Buffer.from('signed with key 0xBEEF\n'),
  },
];

/** The manifest and signature for these contents, as `attest` makes them. */
function signedManifest(contents: readonly Content[], key: SigningKey = vendor.signing) {
  const manifest = buildManifest({
    createdAt: '2026-12-01T10:00:00.000Z',
    signer: { name: 'Test Ltd', publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint },
    report: REPORT,
    dataFiles: { 'frameworks/x.json': sha256('x') },
    files: contents.map((c) => ({
      path: c.path,
      role: c.role,
      size: c.bytes.length,
      sha256: sha256(c.bytes),
    })),
  });
  const bytes = manifestBytes(manifest);
  return { manifest, bytes, signature: signManifest(bytes, key) };
}

/** A real bundle, written by the bundle writer, evidence streamed from files. */
async function realBundle(name: string, contents: readonly Content[] = CONTENTS): Promise<string> {
  const { bytes, signature } = signedManifest(contents);
  const folder = join(tmp, `${name}-src`);
  const files = contents.map((c) => {
    let source: MemberSource = { bytes: c.bytes };
    if (c.role === 'evidence') {
      const file = join(folder, c.path);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, c.bytes);
      source = { file };
    }
    return { path: c.path, role: c.role, size: c.bytes.length, sha256: sha256(c.bytes), source };
  });
  const path = join(tmp, `${name}.tar`);
  await writeBundle(path, { manifest: bytes, signature, files, mtime: new Date('2026-12-01T10:00:00Z') });
  return path;
}

type PackEntry = { header: Parameters<ReturnType<typeof tar.pack>['entry']>[0]; body?: Buffer };

/** A tar built with tar-stream from the given entries, written to a file. */
async function packed(name: string, entries: readonly PackEntry[]): Promise<string> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const read = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (e.body) pack.entry(e.header, e.body, done);
      else pack.entry(e.header, done).end(undefined);
    });
  }
  pack.finalize();
  await read;
  const path = join(tmp, `${name}.tar`);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

const file = (path: string, body: Buffer | string): PackEntry => ({
  header: { name: path, mtime: new Date(0) },
  body: Buffer.from(body),
});

/** manifest.json and manifest.sig for CONTENTS, as the first two entries of a hand-built tar. */
function signedHead(contents: readonly Content[] = CONTENTS): PackEntry[] {
  const { bytes, signature } = signedManifest(contents);
  return [file('manifest.json', bytes), file('manifest.sig', signature)];
}
const bodies = (contents: readonly Content[] = CONTENTS) => contents.map((c) => file(c.path, c.bytes));

/** A ustar header written byte by byte (for what tar-stream will not write), checksummed here. */
function rawHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644 \0', 100, 'latin1');
  h.write('0000000 \0', 108, 'latin1');
  h.write('0000000 \0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')} `, 124, 'latin1');
  h.write('00000000000 ', 136, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\u000000', 257, 'latin1');
  h.write('        ', 148, 'latin1');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')} \0`, 148, 'latin1');
  return h;
}

async function expectRefused(path: string, member: string | null, pattern: RegExp) {
  const r = await verifyBundle(path, { pinnedKey: vendorPublic });
  expect(r.status).toBe('failed');
  const last = r.problems[r.problems.length - 1];
  expect(last?.member ?? null).toBe(member);
  expect(last?.message).toMatch(pattern);
  return r;
}

describe('a real bundle', () => {
  it('verifies against the signer key, and without a key is intact but not pinned', async () => {
    const path = await realBundle('good');
    const pinned = await verifyBundle(path, { pinnedKey: vendorPublic });
    expect(pinned.problems).toEqual([]);
    expect(pinned.status).toBe('verified');
    expect(pinned.manifest?.files.map((f) => [f.path, f.sha256])).toEqual(
      CONTENTS.map((c) => [c.path, sha256(c.bytes)]),
    );
    expect((await verifyBundle(path)).status).toBe('signer-not-pinned');
  });

  it('is a plain ustar file that lists the manifest, its signature and then the files', async () => {
    const listed: string[] = [];
    const extract = tar.extract();
    const done = (async () => {
      for await (const entry of extract) {
        listed.push(entry.header.name);
        entry.resume();
      }
    })();
    extract.end(readFileSync(await realBundle('listing')));
    await done;
    expect(listed).toEqual(['manifest.json', 'manifest.sig', ...CONTENTS.map((c) => c.path)]);
  });

  it('is refused when signed by a key other than the pinned one, naming both fingerprints', async () => {
    const path = await realBundle('good2');
    const other = parsePublicKey(newKey().publicPem);
    const r = await verifyBundle(path, { pinnedKey: other });
    expect(r.status).toBe('failed');
    expect(r.problems[0]?.message).toContain(vendor.signing.fingerprint);
    expect(r.problems[0]?.message).toContain(other.fingerprint);
    expect(r.problems[0]?.message).toContain('different key');
  });

  it('re-signed by someone else after a change: refused with --key, not pinned without', async () => {
    const mallory = newKey();
    const forged = CONTENTS.map((c) =>
      c.path === 'report.json' ? { ...c, bytes: Buffer.from('{"all":"met"}\n') } : c,
    );
    const { bytes, signature } = signedManifest(forged, mallory.signing);
    const path = await packed('forged', [
      file('manifest.json', bytes),
      file('manifest.sig', signature),
      ...bodies(forged),
    ]);
    const r = await verifyBundle(path, { pinnedKey: vendorPublic });
    expect(r.status).toBe('failed');
    expect(r.problems[0]?.message).toContain(`signer key is ${mallory.signing.fingerprint}`);
    const unpinned = await verifyBundle(path);
    expect(unpinned.status).toBe('signer-not-pinned');
    expect(unpinned.manifest?.signer.fingerprint).toBe(mallory.signing.fingerprint);
  });
});

describe('one changed byte anywhere fails, naming what changed', () => {
  let good: Buffer;
  /** Each member's header and data offsets, found here by walking the ustar headers. */
  const layout = new Map<string, { header: number; data: number; size: number }>();

  beforeAll(async () => {
    good = readFileSync(await realBundle('flip-source'));
    for (let at = 0; at < good.length; ) {
      const h = good.subarray(at, at + 512);
      if (h.every((b) => b === 0)) break;
      const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const size = Number.parseInt(h.subarray(124, 135).toString('latin1'), 8);
      layout.set(name, { header: at, data: at + 512, size });
      at += 512 + Math.ceil(size / 512) * 512;
    }
    expect([...layout.keys()]).toEqual(['manifest.json', 'manifest.sig', ...CONTENTS.map((c) => c.path)]);
  });

  async function flipped(at: number) {
    const bytes = Buffer.from(good);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const path = join(tmp, `flip-${at}.tar`);
    writeFileSync(path, bytes);
    const r = await verifyBundle(path, { pinnedKey: vendorPublic });
    rmSync(path);
    return r;
  }

  for (const c of CONTENTS) {
    it(`in ${c.path} (${c.role})`, async () => {
      const m = layout.get(c.path)!;
      const r = await flipped(m.data + Math.floor(m.size / 2));
      expect(r.status).toBe('failed');
      const changed = Buffer.from(c.bytes);
      changed[Math.floor(m.size / 2)] = (changed[Math.floor(m.size / 2)] ?? 0) ^ 0x01;
      expect(r.problems).toEqual([
        {
          member: c.path,
          message: `SHA-256 does not match the manifest (expected ${sha256(c.bytes)}, got ${sha256(changed)})`,
        },
      ]);
    });
  }

  it('in the manifest: the signature is invalid', async () => {
    const m = layout.get('manifest.json')!;
    // A letter of the product name: the manifest is still valid JSON, only the signature fails.
    const r = await flipped(good.indexOf('"Test Cam"', m.data) + 1);
    expect(r.status).toBe('failed');
    expect(r.problems[0]?.member).toBe('manifest.json');
    expect(r.problems[0]?.message).toMatch(/signature .* not valid for this manifest/);
    expect(r.manifest).toBeNull();
  });

  it('in the manifest, without a pinned key, too', async () => {
    const m = layout.get('manifest.json')!;
    const bytes = Buffer.from(good);
    const at = good.indexOf('"Test Cam"', m.data) + 1;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const path = join(tmp, 'flip-unpinned.tar');
    writeFileSync(path, bytes);
    const r = await verifyBundle(path);
    expect(r.status).toBe('failed');
    expect(r.problems[0]).toEqual({
      member: 'manifest.json',
      message: expect.stringMatching(/signature .* not valid for this manifest/),
    });
  });

  it('in the signature, at any of its bytes', async () => {
    const m = layout.get('manifest.sig')!;
    for (let i = 0; i < m.size; i++) {
      const r = await flipped(m.data + i);
      expect(r.status, `byte ${i} of manifest.sig`).toBe('failed');
      expect(['manifest.sig', 'manifest.json']).toContain(r.problems[0]?.member);
    }
  });

  it('in a header, in padding, in the end marker, or anywhere else in the file', async () => {
    // Every byte of one header (including the checksum's terminators, which tar-stream ignores),
    // the first and last data byte of each member, and every 7th byte of everything else that is
    // not member data: headers, padding, the end marker. (Every byte of every header takes ~20 s.)
    const one = layout.get('assessment/evidence/firmware-signing.txt')!.header;
    const dataRanges = [...layout.values()].map((m) => [m.data, m.data + m.size] as const);
    const positions = [
      ...Array.from({ length: 512 }, (_, i) => one + i),
      ...[...layout.values()].flatMap((m) => [m.data, m.data + m.size - 1]),
    ];
    for (let at = 0; at < good.length; at += 7)
      if (!dataRanges.some(([from, to]) => at >= from && at < to)) positions.push(at);
    expect(positions.length).toBeGreaterThan(1000);
    for (const at of positions) {
      const r = await flipped(at);
      expect(r.status, `byte ${at}`).toBe('failed');
    }
  }, 60_000);

  it('names the member whose header or padding changed', async () => {
    const m = layout.get('assessment/evidence/firmware-signing.txt')!;
    const header = await flipped(m.header + 130); // the size field
    expect(header.problems.at(-1)?.message).toMatch(/checksum does not match/);
    expect(header.problems.at(-1)?.message).toContain('after assessment/evidence/scans/port-scan.txt');
    const padding = await flipped(m.data + m.size + 3);
    expect(padding.problems.at(-1)).toEqual({
      member: 'assessment/evidence/firmware-signing.txt',
      message: 'the padding after its data is not zero: the bundle was changed',
    });
  });
});

describe('hostile and damaged tar files are refused before anything is read from them', () => {
  it('a name with ..', async () => {
    const path = await packed('dotdot', [...signedHead(), file('../x', 'x')]);
    await expectRefused(path, '../x', /"\.\." folder, which would escape/);
  });

  it('a name inside a folder with ..', async () => {
    const path = await packed('dotdot2', [...signedHead(), file('assessment/evidence/../../x', 'x')]);
    await expectRefused(path, 'assessment/evidence/../../x', /"\.\." folder/);
  });

  it('an absolute name', async () => {
    const path = await packed('absolute', [...signedHead(), file('/etc/x', 'x')]);
    await expectRefused(path, '/etc/x', /absolute path/);
  });

  it('a name with a backslash, or a drive letter', async () => {
    await expectRefused(
      await packed('backslash', [...signedHead(), file('a\\..\\x', 'x')]),
      'a\\..\\x',
      /backslash/,
    );
    await expectRefused(await packed('drive', [...signedHead(), file('C:x', 'x')]), 'C:x', /drive letter/);
  });

  it('a name with a NUL character (in a pax path)', async () => {
    const bytes = Buffer.from(
      readFileSync(await packed('nul', [...signedHead(), file('assessment/evidence/é-x', 'x')])),
    );
    // tar-stream wrote the non-ASCII name as a pax "path" record: put a NUL into it.
    const at = bytes.indexOf('path=assessment/evidence/');
    bytes[at + 'path=assessment/evidence/'.length] = 0;
    const path = join(tmp, 'nul-patched.tar');
    writeFileSync(path, bytes);
    const r = await verifyBundle(path, { pinnedKey: vendorPublic });
    expect(r.status).toBe('failed');
    expect(r.problems.at(-1)?.message).toMatch(/null byte|NUL/i);
  });

  it('a name with a control character', async () => {
    const path = await packed('control', [...signedHead(), file('assessment/evidence/\u001b[31mred', 'x')]);
    await expectRefused(path, 'assessment/evidence/\u001b[31mred', /control/);
  });

  it('a symbolic link', async () => {
    const path = await packed('symlink', [
      ...signedHead(),
      { header: { name: 'assessment/evidence/link', type: 'symlink', linkname: '/etc/passwd' } },
    ]);
    await expectRefused(
      path,
      'assessment/evidence/link',
      /a symbolic link \(to "\/etc\/passwd"\); a bundle holds regular files only/,
    );
  });

  it('a hard link', async () => {
    const path = await packed('hardlink', [
      ...signedHead(),
      {
        header: { name: 'assessment/evidence/firmware-signing.txt', type: 'link', linkname: 'manifest.json' },
      },
    ]);
    await expectRefused(path, 'assessment/evidence/firmware-signing.txt', /a hard link/);
  });

  it('a device, a FIFO and a folder entry', async () => {
    for (const [type, words] of [
      ['character-device', 'a character device'],
      ['block-device', 'a block device'],
      ['fifo', 'a FIFO'],
      ['directory', 'a folder entry'],
    ] as const) {
      const path = await packed(`type-${type}`, [
        ...signedHead(),
        { header: { name: 'assessment/evidence/x', type } },
      ]);
      const r = await verifyBundle(path, { pinnedKey: vendorPublic });
      expect(r.problems.at(-1)?.message, type).toContain(words);
    }
  });

  it('the same name twice', async () => {
    const [first] = bodies();
    const path = await packed('duplicate', [...signedHead(), ...bodies(), first!]);
    await expectRefused(path, 'assessment/assessment.yaml', /holds this name twice/);
  });

  it('two names that differ only in case', async () => {
    const contents: Content[] = [
      ...CONTENTS,
      { path: 'assessment/evidence/Firmware-Signing.txt', role: 'evidence', bytes: Buffer.from('other\n') },
    ];
    // The manifest itself refuses such names, so sign one that lists only the first.
    const path = await packed('case', [
      ...signedHead(),
      ...bodies(),
      file('assessment/evidence/Firmware-Signing.txt', 'other\n'),
    ]);
    await expectRefused(path, 'assessment/evidence/Firmware-Signing.txt', /differ only in case/);
    expect(contents).toHaveLength(6);
  });

  it('a name that is both a file and a folder', async () => {
    const path = await packed('file-folder', [
      ...signedHead(),
      ...bodies(),
      file('assessment/evidence/firmware-signing.txt/x', 'x'),
    ]);
    await expectRefused(
      path,
      'assessment/evidence/firmware-signing.txt/x',
      /below assessment\/evidence\/firmware-signing.txt, which is a file/,
    );
  });

  it('a declared size larger than the bundle file', async () => {
    const head = readFileSync(await packed('huge-head', signedHead()));
    const body = head.subarray(0, head.length - 1024); // without the end marker
    const path = join(tmp, 'huge.tar');
    writeFileSync(
      path,
      Buffer.concat([body, rawHeader('assessment/evidence/huge.bin', 2 ** 33 - 1), Buffer.alloc(4096)]),
    );
    await expectRefused(
      path,
      'assessment/evidence/huge.bin',
      /declares 8589934591 bytes, more than the rest of the bundle file/,
    );
  });

  it('a manifest larger than 1 MB', async () => {
    const path = await packed('big-manifest', [file('manifest.json', Buffer.alloc(1024 * 1024 + 1, 0x20))]);
    await expectRefused(path, 'manifest.json', /1048577 bytes; the limit is 1048576/);
  });

  it('a first member that is not the manifest', async () => {
    const path = await packed('no-manifest', [...bodies(), ...signedHead()]);
    await expectRefused(path, 'assessment/assessment.yaml', /member 1 must be manifest.json/);
  });

  it('a member the manifest does not list', async () => {
    const path = await packed('extra', [
      ...signedHead(),
      ...bodies(),
      file('assessment/evidence/extra.txt', 'x'),
    ]);
    await expectRefused(path, 'assessment/evidence/extra.txt', /not listed in the signed manifest/);
  });

  it('a listed member that is missing', async () => {
    const path = await packed('missing', [...signedHead(), ...bodies().slice(0, -1)]);
    const r = await verifyBundle(path, { pinnedKey: vendorPublic });
    expect(r.status).toBe('failed');
    expect(r.problems).toEqual([
      {
        member: 'assessment/evidence/firmware-signing.txt',
        message: 'it is listed in the manifest but missing from the bundle',
      },
    ]);
  });

  it('10,001 unlisted members: refused at the first, without reading on', async () => {
    // (The member limit itself cannot be reached by a signed bundle: a 1 MiB manifest lists fewer
    // files. It bounds the work for anything else.)
    const many = Array.from({ length: 10_001 }, (_, i) => file(`assessment/evidence/${i}.txt`, ''));
    const path = await packed('many', [...signedHead(), ...many]);
    await expectRefused(path, 'assessment/evidence/0.txt', /not listed in the signed manifest/);
  });

  it('data after the end-of-archive marker', async () => {
    const good = readFileSync(await realBundle('trailing-src'));
    const path = join(tmp, 'trailing.tar');
    writeFileSync(path, Buffer.concat([good, Buffer.from('hidden')]));
    await expectRefused(path, null, /data after the end-of-archive marker/);
  });

  it('a member hidden after the end-of-archive marker (tar -x would not see it)', async () => {
    const good = readFileSync(await realBundle('hidden-src'));
    const extra = readFileSync(await packed('hidden-extra', [file('assessment/evidence/extra.txt', 'x')]));
    const path = join(tmp, 'hidden.tar');
    writeFileSync(path, Buffer.concat([good, extra]));
    await expectRefused(path, null, /data after the end-of-archive marker/);
  });

  it('a truncated bundle, cut anywhere', async () => {
    const good = readFileSync(await realBundle('truncate-src'));
    for (const keep of [100, 512, 1024, 3000, good.length - 1024, good.length - 600, good.length - 1]) {
      const path = join(tmp, `truncated-${keep}.tar`);
      writeFileSync(path, good.subarray(0, keep));
      const r = await verifyBundle(path, { pinnedKey: vendorPublic });
      expect(r.status, `cut at ${keep}`).toBe('failed');
      expect(r.problems.at(-1)?.message, `cut at ${keep}`).toMatch(
        /truncated|more than the rest of the bundle/,
      );
    }
  });

  it('a bundle unpacked and packed again with GNU tar, with a hint', async () => {
    const source = await realBundle('repack-src');
    const dir = join(tmp, 'repack');
    mkdirSync(dir);
    execFileSync('tar', ['-xf', source, '-C', dir]);
    const path = join(tmp, 'repacked.tar');
    execFileSync('tar', [
      '-cf',
      path,
      '-C',
      dir,
      'manifest.json',
      'manifest.sig',
      ...CONTENTS.map((c) => c.path),
    ]);
    await expectRefused(path, null, /packed again with another tool/);
  });

  it('a file that is not a tar', async () => {
    const path = join(tmp, 'not-a-tar.tar');
    writeFileSync(path, Buffer.from('PK\u0003\u0004 this is a zip file, or anything else '.repeat(40)));
    await expectRefused(path, null, /not a tar file/);
  });

  it('a gzip-compressed bundle, with a hint', async () => {
    const path = join(tmp, 'gzip.tar.gz');
    writeFileSync(path, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(1020)]));
    await expectRefused(path, null, /gzip-compressed; .*gunzip it first/);
  });

  it('an empty file', async () => {
    const path = join(tmp, 'empty.tar');
    writeFileSync(path, '');
    await expectRefused(path, null, /empty/);
  });

  it('a tar of nothing but the end marker', async () => {
    const path = join(tmp, 'zeros.tar');
    writeFileSync(path, Buffer.alloc(1024));
    await expectRefused(path, null, /no members/);
  });

  it('a zero block between members (tar -x stops there; tar-stream reads on)', async () => {
    const head = readFileSync(await packed('gap-head', signedHead()));
    const rest = readFileSync(await packed('gap-rest', bodies()));
    const path = join(tmp, 'gap.tar');
    writeFileSync(path, Buffer.concat([head, rest]));
    await expectRefused(path, null, /data after the end-of-archive marker/);
  });

  it('a pax header that sets anything but the path', async () => {
    const path = await packed('pax-size', [
      ...signedHead(),
      {
        header: { name: 'assessment/evidence/firmware-signing.txt', pax: { comment: 'hi' } },
        body: CONTENTS[4]!.bytes,
      },
    ]);
    await expectRefused(
      path,
      'assessment/evidence/firmware-signing.txt',
      /extended header sets comment; only a path is allowed/,
    );
  });

  it('a manifest that is not signed', async () => {
    const { bytes } = signedManifest(CONTENTS);
    const path = await packed('unsigned', [file('manifest.json', bytes), ...bodies()]);
    await expectRefused(path, 'assessment/assessment.yaml', /member 2 must be manifest.sig/);
  });

  it('a validly signed manifest that puts a file where its role does not belong', async () => {
    // As unreleased drafts of format 1 laid bundles out: the assessment at the top, evidence in evidence/.
    const draft = CONTENTS.map((c) => ({
      ...c,
      path: c.path.replace(/^assessment\/(assessment\.yaml$)?/, (_, own) => (own ? own : 'evidence/')),
    }));
    expect(draft.map((c) => c.path)).toEqual([
      'assessment.yaml',
      'report.html',
      'report.json',
      'evidence/evidence/scans/port-scan.txt',
      'evidence/evidence/firmware-signing.txt',
    ]);
    const { bytes, signature } = signedManifest(draft);
    const path = await packed('draft-layout', [
      file('manifest.json', bytes),
      file('manifest.sig', signature),
      ...bodies(draft),
    ]);
    await expectRefused(
      path,
      'manifest.json',
      /signed by your key but is not a valid manifest: files\.0\.role: assessment\.yaml cannot have the role assessment: the assessment is assessment\/assessment\.yaml or assessment\/assessment\.json; files\.3\.role: evidence\/evidence\/scans\/port-scan\.txt cannot have the role evidence: evidence files are under assessment\//,
    );
  });

  it('a signature that is not one', async () => {
    const { bytes } = signedManifest(CONTENTS);
    const path = await packed('bad-sig', [
      file('manifest.json', bytes),
      file('manifest.sig', 'trust me\n'),
      ...bodies(),
    ]);
    await expectRefused(path, 'manifest.sig', /not an Ed25519 signature in base64/);
  });

  it('writes nothing, even when refusing', async () => {
    const before = readdirSync(tmp).length;
    const path = await packed('nothing', [...signedHead(), file('../escape.txt', 'x')]);
    await verifyBundle(path, { pinnedKey: vendorPublic });
    expect(existsSync(join(tmp, '..', 'escape.txt'))).toBe(false);
    expect(readdirSync(tmp).length).toBe(before + 1); // only the tar made here
  });
});
