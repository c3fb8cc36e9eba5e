/**
 * Evidence files, stored by content: the SHA-256 of the bytes is the key, so a file backing many
 * requirements is stored once and a download can be checked against the hash in an assessment file.
 */
import { MAX_BLOB_BYTES } from '../storage/blob-limits.js';
import type { Trx } from './product-write.js';
import { sha256Hex } from './secret-tokens.js';
import type { Workspace } from './workspace.js';
import { PayloadTooLargeError } from './workspace-errors.js';

export interface BlobInfo {
  readonly sha256: string;
  readonly size: number;
  /** Sniffed from the bytes; the uploader's claim is never used. */
  readonly mediaType: string;
}

export interface PreparedBlob extends BlobInfo {
  readonly bytes: Uint8Array;
}

const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/**
 * The media type from the content (file-type knows binary formats by their magic numbers); text
 * that is valid UTF-8 without control characters is text/plain; anything else is opaque. Text-based
 * formats (HTML, SVG) are deliberately never recognised as such: served back, they must not render.
 */
export async function sniffMediaType(bytes: Uint8Array): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!TEXT_CONTROL.test(text)) return 'text/plain; charset=utf-8';
  } catch {
    // not UTF-8: opaque bytes
  }
  return 'application/octet-stream';
}

/** Hashes, sniffs and checks the size of an upload, before any transaction starts. */
export async function prepareBlob(bytes: Uint8Array, name = 'the file'): Promise<PreparedBlob> {
  if (bytes.byteLength > MAX_BLOB_BYTES) {
    throw new PayloadTooLargeError(
      `${name} is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; evidence files are limited to ${MAX_BLOB_BYTES / 1024 / 1024} MB (link to larger ones with a url instead)`,
      MAX_BLOB_BYTES,
    );
  }
  return { sha256: sha256Hex(bytes), size: bytes.byteLength, mediaType: await sniffMediaType(bytes), bytes };
}

/** Stores a blob unless the same bytes are already stored. */
export async function storeBlob(trx: Trx, blob: PreparedBlob, at: string): Promise<void> {
  await trx
    .insertInto('blobs')
    .values({
      sha256: blob.sha256,
      size: blob.size,
      media_type: blob.mediaType,
      bytes: blob.bytes,
      created_at: at,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** The bytes of a stored blob, or null. */
export async function readBlob(ws: Workspace, sha256: string): Promise<PreparedBlob | null> {
  const row = await ws.db.selectFrom('blobs').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  if (!row) return null;
  return { sha256: row.sha256, size: row.size, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) };
}
