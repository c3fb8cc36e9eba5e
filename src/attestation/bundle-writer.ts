/**
 * Writes a bundle: manifest.json, manifest.sig, then every file the manifest lists, as one POSIX
 * ustar file (tar-stream). Files are streamed, so evidence of any size is never held in memory,
 * and hashed as they go: if one differs from what the manifest says (it changed after it was
 * checked), the bundle is not written. The tar is built in a temporary file beside the target and
 * renamed over it only when complete and flushed to disk, so a failure never leaves half a bundle.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, openSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { MANIFEST_NAME, SIGNATURE_NAME } from './bundle-format.js';
import { refuse } from './bundle-problem.js';
import type { ManifestFile } from './manifest-schema.js';

/** Where a listed file's bytes come from: in memory (reports, the assessment) or a file (evidence). */
export type MemberSource = { readonly bytes: Uint8Array } | { readonly file: string };

export interface BundleContents {
  readonly manifest: Uint8Array;
  readonly signature: Uint8Array;
  /** The manifest's files in the order to write them, each with where its bytes are. */
  readonly files: readonly (ManifestFile & { readonly source: MemberSource })[];
  /** Modification time of every member (the signing time). */
  readonly mtime: Date;
}

type Pack = ReturnType<typeof tar.pack>;

const READ_CHUNK = 1024 * 1024;

function header(name: string, size: number, mtime: Date) {
  // Owner and group are left empty and 0: a bundle says nothing about the signer's machine.
  return { name, size, mtime, mode: 0o644, type: 'file' as const };
}

function addBytes(pack: Pack, name: string, bytes: Uint8Array, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    pack
      .entry(header(name, bytes.byteLength, mtime), Buffer.from(bytes), (error) =>
        error ? reject(error) : resolve(),
      )
      .on('error', () => undefined); // reported through the callback
  });
}

/** Streams a file into the bundle, confirming that its size and SHA-256 are the manifest's. */
async function addFile(pack: Pack, file: ManifestFile, path: string, mtime: Date): Promise<void> {
  const hash = createHash('sha256');
  let seen = 0;
  let entry!: ReturnType<Pack['entry']>;
  const done = new Promise<void>((resolve, reject) => {
    entry = pack.entry(header(file.path, file.size, mtime), (error) => (error ? reject(error) : resolve()));
  });
  entry.on('error', () => undefined); // reported through the callback
  done.catch(() => undefined); // awaited below; a failure before then is reported by the throw
  const changed = () =>
    refuse(
      file.path,
      'it changed while the bundle was being written; nothing was written — run attest again',
    );
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
    const bytes = chunk as Buffer;
    seen += bytes.length;
    if (seen > file.size) {
      entry.destroy(changed());
      throw changed();
    }
    hash.update(bytes);
    if (!entry.write(bytes)) await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
  }
  if (seen !== file.size || hash.digest('hex') !== file.sha256) {
    entry.destroy(changed());
    throw changed();
  }
  entry.end(undefined);
  await done;
}

/** Writes the bundle to `target` (replacing it if it exists: the caller decides whether it may). */
export async function writeBundle(target: string, contents: BundleContents): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  // Opened here, so that a folder that does not exist or cannot be written to fails at once.
  const fd = openSync(temporary, 'wx', 0o644);
  // `flush` makes the data durable before the rename publishes it.
  const out = createWriteStream(temporary, { fd, flush: true });
  const pack = tar.pack();
  const written = pipeline(pack, out);
  // A failed write (a full disk) ends the pipeline: the step waiting on the tar must stop too.
  const writeFailed = written.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => Promise.reject(error),
  );
  writeFailed.catch(() => undefined);
  const step = (work: Promise<void>) => Promise.race([work, writeFailed]);
  try {
    await step(addBytes(pack, MANIFEST_NAME, contents.manifest, contents.mtime));
    await step(addBytes(pack, SIGNATURE_NAME, contents.signature, contents.mtime));
    for (const file of contents.files) {
      if ('bytes' in file.source) {
        const { bytes } = file.source;
        if (
          bytes.byteLength !== file.size ||
          createHash('sha256').update(bytes).digest('hex') !== file.sha256
        )
          throw new Error(`${file.path}: its bytes are not the ones the manifest describes`);
        await step(addBytes(pack, file.path, bytes, contents.mtime));
      } else {
        await step(addFile(pack, file, file.source.file, contents.mtime));
      }
    }
    pack.finalize();
    await written;
    await rename(temporary, target);
  } catch (error) {
    pack.destroy();
    await written.catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
