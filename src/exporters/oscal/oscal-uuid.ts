/**
 * UUIDs for OSCAL documents. Catalog and mapping exports must be stable between runs, so their UUIDs
 * are name-based (RFC 4122 version 5, SHA-1) in iotassure's own namespace: the same name always
 * gives the same UUID, on every machine. Assessment results use a fresh random (version 4) UUID per
 * document, from which the UUIDs inside it are derived.
 */
import { createHash, randomUUID } from 'node:crypto';

/** iotassure's UUID namespace for name-based UUIDs. Never change it: every exported UUID depends on it. */
export const IOTASSURE_UUID_NAMESPACE = '9c935108-baf1-47db-bd2e-eac8270cf8ff';

/** A UUID's 16 bytes, to use as the namespace of version-5 UUIDs. */
export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

const NAMESPACE_BYTES = uuidBytes(IOTASSURE_UUID_NAMESPACE);

function format(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 §4.3: SHA-1 of namespace + name, version 5, variant 10xx. */
export function uuidV5(name: string, namespace: Buffer = NAMESPACE_BYTES): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return format(hash);
}

/** A version-5 UUID inside another UUID's namespace: stable parts of one document. */
export function uuidWithin(parent: string | Buffer, name: string): string {
  return uuidV5(name, typeof parent === 'string' ? uuidBytes(parent) : parent);
}

/**
 * A UUID that names one revision of a document: version 5 of the SHA-256 of its content. OSCAL asks
 * for a new catalog or mapping-collection UUID when the document is revised, and the same one when it
 * is not; content-derived UUIDs give exactly that.
 */
export function uuidOfContent(kind: string, content: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return uuidV5(`${kind}:${digest}`);
}

export function randomDocumentUuid(): string {
  return randomUUID();
}
