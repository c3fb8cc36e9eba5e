/**
 * Reads a multipart/form-data upload into memory under declared limits: which text fields and file
 * fields it may have, how large each file and the whole upload may be. Anything else is refused
 * with a message that names the field, so a client never wonders why a part was ignored.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from './http-errors.js';

export interface UploadedFile {
  readonly field: string;
  /** The name the client gave the file (untrusted: shown and stored as text only). */
  readonly fileName: string;
  readonly bytes: Buffer;
}

export interface MultipartForm {
  readonly fields: ReadonlyMap<string, string>;
  readonly files: readonly UploadedFile[];
}

export interface MultipartSpec {
  readonly textFields: readonly string[];
  /** File field name → largest file in bytes and how many files it may hold. */
  readonly fileFields: Readonly<Record<string, { readonly maxBytes: number; readonly maxCount: number }>>;
  /** All files together. */
  readonly maxTotalBytes: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;

export async function readMultipartForm(
  request: FastifyRequest,
  spec: MultipartSpec,
): Promise<MultipartForm> {
  if (!request.isMultipart()) {
    throw new ApiError('unsupported-media-type', 'this route takes multipart/form-data (a file upload form)');
  }
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  const counts = new Map<string, number>();
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (!spec.textFields.includes(part.fieldname)) {
        throw new ApiError(
          'invalid-request',
          `unexpected form field "${part.fieldname}"; this upload takes ${[...spec.textFields, ...Object.keys(spec.fileFields)].join(', ')}`,
        );
      }
      if (fields.has(part.fieldname)) {
        throw new ApiError('invalid-request', `the form field "${part.fieldname}" is given more than once`);
      }
      fields.set(part.fieldname, String(part.value));
      continue;
    }
    const limit = spec.fileFields[part.fieldname];
    if (!limit) {
      part.file.resume();
      throw new ApiError(
        'invalid-request',
        `unexpected file field "${part.fieldname}"; files go in ${Object.keys(spec.fileFields).join(' or ')}`,
      );
    }
    const count = (counts.get(part.fieldname) ?? 0) + 1;
    counts.set(part.fieldname, count);
    if (count > limit.maxCount) {
      part.file.resume();
      throw new ApiError(
        'payload-too-large',
        `at most ${limit.maxCount} file${limit.maxCount === 1 ? '' : 's'} in "${part.fieldname}"`,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      total += chunk.length;
      if (size > limit.maxBytes || part.file.truncated) {
        throw new ApiError(
          'payload-too-large',
          `the file "${part.filename}" is larger than ${mb(limit.maxBytes)}, the limit for ${part.fieldname}`,
          { limit: limit.maxBytes },
        );
      }
      if (total > spec.maxTotalBytes) {
        throw new ApiError(
          'payload-too-large',
          `the upload is larger than ${mb(spec.maxTotalBytes)} in all; send fewer files at a time`,
          { limit: spec.maxTotalBytes },
        );
      }
      chunks.push(chunk);
    }
    if (part.file.truncated) {
      throw new ApiError('payload-too-large', `the file "${part.filename}" is too large`);
    }
    files.push({ field: part.fieldname, fileName: part.filename, bytes: Buffer.concat(chunks, size) });
  }
  return { fields, files };
}
