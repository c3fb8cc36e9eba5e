/**
 * Where an evidence file goes when a product is written as an assessment file:
 * `evidence/<first 12 hex digits of its SHA-256>-<its name, made safe>`. The prefix keeps two
 * different files with the same name apart; the name keeps the folder readable. Importing the
 * file back takes the name without the prefix, so the round trip gives the same path.
 */
import { posix } from 'node:path';

export const EVIDENCE_FOLDER = 'evidence';
const PREFIX_LENGTH = 12;
const MAX_NAME_LENGTH = 120;

/** A file name safe on every file system and in a YAML path: letters, digits, . _ - only, no leading dot. */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let safe = base
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '');
  if (safe.length > MAX_NAME_LENGTH) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = safe.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return safe || 'file';
}

export function evidenceFilePath(sha256: string, fileName: string): string {
  return `${EVIDENCE_FOLDER}/${sha256.slice(0, PREFIX_LENGTH)}-${safeFileName(fileName)}`;
}

/** The file's own name from a path in an assessment file (without our prefix, if it carries it). */
export function fileNameFromPath(path: string, sha256: string): string {
  const base = posix.basename(path.replaceAll('\\', '/'));
  const prefix = `${sha256.slice(0, PREFIX_LENGTH)}-`;
  const name = base.startsWith(prefix) ? base.slice(prefix.length) : base;
  return name || 'file';
}
