/**
 * Headers for files the server hands back (evidence, exports, reports): always a download, never
 * rendered in the app's origin. Media types that a browser could run (HTML, SVG, XML, JavaScript…)
 * are served as opaque bytes; only passive types keep their type.
 */
import type { FastifyReply } from 'fastify';

const PASSIVE_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-tar',
  'application/x-7z-compressed',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'text/plain; charset=utf-8',
  'text/csv; charset=utf-8',
  'application/json; charset=utf-8',
  'application/yaml; charset=utf-8',
  'text/markdown; charset=utf-8',
]);

/** The type to serve a stored file with: its own when passive, otherwise application/octet-stream. */
export function servedMediaType(stored: string): string {
  const type = stored.toLowerCase().trim();
  if (PASSIVE_TYPES.has(type)) return type;
  if (/^(video|audio)\/[a-z0-9.+-]+$/.test(type)) return type;
  return 'application/octet-stream';
}

/** RFC 6266 / 5987: an ASCII fallback name and the exact name percent-encoded in UTF-8. */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;]/g, '_')
      .trim() || 'download';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a download with the given type (the caller decides: servedMediaType for uploaded files, the
 * format's own type for reports the server generated); its own CSP sandboxes it even if a browser
 * were to render it.
 */
export function sendDownload(
  reply: FastifyReply,
  body: string | Uint8Array,
  fileName: string,
  mediaType: string,
) {
  return reply
    .header('content-type', mediaType)
    .header('content-disposition', contentDisposition(fileName))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}
