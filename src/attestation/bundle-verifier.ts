/**
 * Verifies a bundle in one streaming pass over the file, writing nothing (unless asked to write
 * each member into a fresh folder, which is how --extract's second pass uses it). Structure is
 * checked before content: a hostile member (a path out of the folder, a link, a device, a
 * duplicate, an absurd size, one the manifest does not list) stops reading at once. Then the
 * signature over the manifest, then every member's size and SHA-256 against the manifest; all
 * content mismatches are collected, so one run names every file that changed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { LIMITS, MANIFEST_NAME, SIGNATURE_NAME } from './bundle-format.js';
import { type BundleProblem, BundleRefused, refuse } from './bundle-problem.js';
import { type Manifest, type ManifestFile, parseManifest } from './manifest-schema.js';
import { foldedName, memberNameProblem } from './member-name.js';
import { decodeSignature, type PublicKey, parsePublicKey, signatureIsValid } from './signing.js';
import { TarLayoutGuard } from './tar-layout-guard.js';

export type VerifyStatus = 'verified' | 'signer-not-pinned' | 'failed';

export interface VerifyResult {
  /** verified: intact and signed by the pinned key; signer-not-pinned: intact and validly signed, no key pinned. */
  readonly status: VerifyStatus;
  readonly problems: readonly BundleProblem[];
  /** The manifest, once its signature has been checked; null before that or if it failed. */
  readonly manifest: Manifest | null;
  /** SHA-256 of the manifest bytes, to tell that two passes read the same bundle. */
  readonly manifestSha256: string | null;
}

export interface VerifyOptions {
  /** The signer's key the user trusts (--key); without it a valid signature is reported as not pinned. */
  readonly pinnedKey?: PublicKey;
  /** Also write each member, as it is read, below this (new, empty) folder. */
  readonly writeTo?: string;
}

/** At most this many content problems are listed; the count of the rest is given. */
const MAX_PROBLEMS = 50;
const READ_CHUNK = 1024 * 1024;
/** Headers, padding and the end marker: at most 1.5 KB per member, plus tar's 10 KB record. */
const MAX_BUNDLE_BYTES = LIMITS.totalBytes + LIMITS.members * 1536 + 10240;

type Entry = AsyncIterable<Buffer> & {
  readonly header: { name: string; size: number; type: string; pax?: unknown };
};

/** Checks the signature and returns the manifest it covers; refuses the bundle otherwise. */
function checkSignature(
  manifestBytes: Buffer,
  signatureBytes: Buffer,
  pinned: PublicKey | undefined,
): Manifest {
  const signature = decodeSignature(signatureBytes);
  if (!signature)
    throw refuse(SIGNATURE_NAME, 'it is not an Ed25519 signature in base64: it was changed or damaged');
  const parsed = parseManifest(manifestBytes);
  const embedded = (() => {
    if (!parsed.ok) return null;
    try {
      return parsePublicKey(parsed.manifest.signer.publicKey);
    } catch {
      return null;
    }
  })();
  if (pinned && !signatureIsValid(manifestBytes, signature, pinned.key)) {
    if (parsed.ok && parsed.manifest.signer.fingerprint !== pinned.fingerprint) {
      const intact =
        embedded !== null &&
        embedded.fingerprint === parsed.manifest.signer.fingerprint &&
        signatureIsValid(manifestBytes, signature, embedded.key);
      throw refuse(
        SIGNATURE_NAME,
        intact
          ? `signed by a different key: the bundle's signer key is ${parsed.manifest.signer.fingerprint}, your key is ${pinned.fingerprint}`
          : `the signature is not valid for your key ${pinned.fingerprint} (the bundle names signer key ${parsed.manifest.signer.fingerprint})`,
      );
    }
    throw refuse(
      MANIFEST_NAME,
      `the signature (manifest.sig) is not valid for this manifest with your key ${pinned.fingerprint}: manifest.json or manifest.sig was changed after signing`,
    );
  }
  if (!parsed.ok)
    throw refuse(
      MANIFEST_NAME,
      pinned
        ? `it is signed by your key but is ${parsed.problem}`
        : `${parsed.problem}; the signature cannot be checked: the manifest was changed or damaged`,
    );
  const manifest = parsed.manifest;
  if (!embedded || embedded.fingerprint !== manifest.signer.fingerprint)
    throw refuse(MANIFEST_NAME, "the signer's public key does not match the signer fingerprint it states");
  if (pinned && embedded.fingerprint !== pinned.fingerprint)
    throw refuse(
      MANIFEST_NAME,
      `it names signer key ${embedded.fingerprint}, not your key ${pinned.fingerprint}`,
    );
  if (!pinned && !signatureIsValid(manifestBytes, signature, embedded.key))
    throw refuse(
      MANIFEST_NAME,
      'the signature (manifest.sig) is not valid for this manifest: manifest.json or manifest.sig was changed after signing',
    );
  return manifest;
}

/** Reads a member of bounded size into memory. */
async function readSmall(entry: Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Hashes a member as it streams, writing it to `file` too when given; returns the hex SHA-256. */
async function hashMember(entry: Entry, file: string | null): Promise<string> {
  const hash = createHash('sha256');
  const handle = file ? await open(file, 'wx', 0o644) : null;
  try {
    for await (const chunk of entry) {
      hash.update(chunk);
      if (handle) await handle.write(chunk);
    }
  } finally {
    await handle?.close();
  }
  return hash.digest('hex');
}

class BundleReader {
  private count = 0;
  private total = 0;
  private readonly names = new Set<string>();
  private readonly folders = new Set<string>();
  private manifestBytes: Buffer | null = null;
  private manifest: Manifest | null = null;
  private listed = new Map<string, ManifestFile>();
  private readonly seen = new Set<string>();
  readonly problems: BundleProblem[] = [];
  private moreProblems = 0;

  constructor(
    private readonly bundleSize: number,
    private readonly options: VerifyOptions,
  ) {}

  private problem(member: string | null, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ member, message });
    else this.moreProblems++;
  }

  /** Structure checks on a member's header, before any of its data is read. */
  private checkHeader(entry: Entry): void {
    const { name, size, type, pax } = entry.header;
    this.count++;
    if (this.count > LIMITS.members) throw refuse(null, `it has more than ${LIMITS.members} members`);
    const nameProblem = memberNameProblem(name);
    if (nameProblem) throw refuse(name, `${nameProblem}; refused`);
    if (type !== 'file') throw refuse(name, `it is a ${type} entry; a bundle holds regular files only`);
    const paxKeys = pax && typeof pax === 'object' ? Object.keys(pax).filter((k) => k !== 'path') : [];
    if (paxKeys.length)
      throw refuse(name, `its extended header sets ${paxKeys.join(', ')}; only a path is allowed`);
    const key = foldedName(name);
    if (this.names.has(key))
      throw refuse(name, 'the bundle holds this name twice (or two names that differ only in case)');
    if (this.folders.has(key)) throw refuse(name, 'it is both a file and a folder in the bundle');
    const parts = key.split('/');
    for (let n = 1; n < parts.length; n++) {
      const folder = parts.slice(0, n).join('/');
      if (this.names.has(folder)) throw refuse(name, `it lies below ${folder}, which is a file`);
      this.folders.add(folder);
    }
    this.names.add(key);
    this.total += size;
    if (size > this.bundleSize || this.total > this.bundleSize)
      throw refuse(name, `it declares ${size} bytes, more than the bundle file holds`);
    if (this.total > LIMITS.totalBytes)
      throw refuse(name, `the members add up to more than the ${LIMITS.totalBytes / 2 ** 30} GiB limit`);
  }

  private outputPath(name: string): string | null {
    return this.options.writeTo ? join(this.options.writeTo, ...name.split('/')) : null;
  }

  async onEntry(entry: Entry): Promise<void> {
    this.checkHeader(entry);
    const { name, size } = entry.header;
    const out = this.outputPath(name);
    if (out) await mkdir(dirname(out), { recursive: true });
    if (this.count === 1 || this.count === 2) {
      const [expected, limit] =
        this.count === 1 ? [MANIFEST_NAME, LIMITS.manifestBytes] : [SIGNATURE_NAME, LIMITS.signatureBytes];
      if (name !== expected)
        throw refuse(
          name,
          `member ${this.count} must be ${expected}; this is not an iotassure attestation bundle`,
        );
      if (size > limit) throw refuse(name, `it is ${size} bytes; the limit is ${limit}`);
      const bytes = await readSmall(entry);
      if (out) await writeNew(out, bytes);
      if (this.count === 1) {
        this.manifestBytes = bytes;
      } else {
        this.manifest = checkSignature(this.manifestBytes as Buffer, bytes, this.options.pinnedKey);
        this.listed = new Map(this.manifest.files.map((f) => [f.path, f]));
      }
      return;
    }
    const file = this.listed.get(name);
    if (!file) throw refuse(name, 'it is not listed in the signed manifest; refused');
    this.seen.add(name);
    if (size !== file.size) {
      this.problem(name, `its size is ${size} bytes, but the manifest says ${file.size}`);
      await hashMember(entry, null); // read past its data
      return;
    }
    const actual = await hashMember(entry, out);
    if (actual !== file.sha256)
      this.problem(name, `SHA-256 does not match the manifest (expected ${file.sha256}, got ${actual})`);
  }

  /** The result when reading stopped at `problem`, with what was found before it. */
  refusedWith(problem: BundleProblem): VerifyResult {
    return {
      status: 'failed',
      problems: [...this.problems, problem],
      manifest: this.manifest,
      manifestSha256: null,
    };
  }

  /** After the last member: what the manifest lists but the bundle lacks. */
  finish(): VerifyResult {
    if (this.count === 0) throw refuse(null, 'the bundle has no members; it is not an iotassure bundle');
    if (!this.manifest) throw refuse(null, `there is no ${SIGNATURE_NAME}; the bundle is not signed`);
    for (const f of this.manifest.files)
      if (!this.seen.has(f.path))
        this.problem(f.path, 'it is listed in the manifest but missing from the bundle');
    if (this.moreProblems)
      this.problems.push({ member: null, message: `and ${this.moreProblems} more problems` });
    const failed = this.problems.length > 0;
    return {
      status: failed ? 'failed' : this.options.pinnedKey ? 'verified' : 'signer-not-pinned',
      problems: this.problems,
      manifest: this.manifest,
      manifestSha256: createHash('sha256')
        .update(this.manifestBytes as Buffer)
        .digest('hex'),
    };
  }
}

async function writeNew(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

const failedWith = (problem: BundleProblem): VerifyResult => ({
  status: 'failed',
  problems: [problem],
  manifest: null,
  manifestSha256: null,
});

/**
 * Verifies the bundle at `path` (a regular file). File system errors (missing, unreadable) are
 * thrown; everything wrong with the bundle's contents is a `failed` result naming the member.
 */
export async function verifyBundle(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { size } = await stat(path);
  if (size === 0) return failedWith({ member: null, message: 'the file is empty; it is not a bundle' });
  if (size > MAX_BUNDLE_BYTES)
    return failedWith({
      member: null,
      message: `the file is ${size} bytes, more than a bundle can be (${LIMITS.totalBytes / 2 ** 30} GiB of files)`,
    });
  const guard = new TarLayoutGuard(size);
  let refused: BundleRefused | null = null;
  const guarded = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        guard.feed(chunk);
        callback(null, chunk);
      } catch (error) {
        if (error instanceof BundleRefused) refused ??= error;
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        guard.finish();
        callback();
      } catch (error) {
        if (error instanceof BundleRefused) refused ??= error;
        callback(error as Error);
      }
    },
  });
  const reader = new BundleReader(size, options);
  const extract = tar.extract();
  const flowing = pipeline(createReadStream(path, { highWaterMark: READ_CHUNK }), guarded, extract);
  try {
    for await (const entry of extract) await reader.onEntry(entry as unknown as Entry);
    await flowing;
    return reader.finish();
  } catch (error) {
    await flowing.catch(() => undefined);
    // The layout guard sees the bytes first: its finding is the cause of whatever followed.
    const cause = refused ?? error;
    if (cause instanceof BundleRefused) return reader.refusedWith(cause.problem);
    if ((cause as NodeJS.ErrnoException).code !== undefined) throw cause; // a file system error
    return reader.refusedWith({
      member: null,
      message: `it is not a valid tar file: ${(cause as Error).message}`,
    });
  }
}
