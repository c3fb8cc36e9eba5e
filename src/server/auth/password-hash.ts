/**
 * Password hashing with scrypt (node:crypto): memory-hard, so guessing on graphics cards or custom
 * chips costs memory, not just arithmetic. A stored hash names its scheme version and parameters,
 * so the parameters can be raised later: old hashes still verify, and are re-hashed with the new
 * parameters at the next successful login (`needsRehash`).
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { normalizePassword } from './password-policy.js';

export interface ScryptParams {
  /** CPU/memory cost (a power of two); memory used is 128 × N × r bytes. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The parameters for new hashes: one of OWASP's equivalent scrypt settings (N=2^15, r=8, p=3 —
 * 32 MiB per hash; "Password Storage Cheat Sheet"). p=3 rather than N=2^17 keeps each hash's memory
 * at 32 MiB, so a burst of logins cannot push the server over its memory budget. Raise them here
 * (and bump the version) when hardware gets faster.
 */
export const CURRENT_SCRYPT: ScryptParams & { readonly version: string } = {
  version: 'v1',
  N: 2 ** 15,
  r: 8,
  p: 3,
};

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node refuses more than 32 MiB by default; allow what these parameters need, plus slack.
    maxmem: 128 * params.N * params.r * 2 + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(normalizePassword(password), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$v1$N=32768,r=8,p=3$<salt>$<key>`, salt and key in base64url. */
export async function hashPassword(
  password: string,
  params: ScryptParams & { readonly version: string } = CURRENT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return [
    PREFIX,
    params.version,
    `N=${params.N},r=${params.r},p=${params.p}`,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

interface ParsedHash {
  readonly version: string;
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 5 || parts[0] !== PREFIX) return null;
  const match = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(parts[2] ?? '');
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A corrupt or hostile row must not make the server allocate gigabytes.
  if (!(N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) {
    return null;
  }
  const salt = Buffer.from(parts[3] ?? '', 'base64url');
  const key = Buffer.from(parts[4] ?? '', 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { version: parts[1] ?? '', params: { N, r, p }, salt, key };
}

export interface VerifyResult {
  readonly ok: boolean;
  /** The hash uses older parameters than CURRENT_SCRYPT: store a fresh hash now that the password is known. */
  readonly needsRehash: boolean;
}

/** Compares in constant time; an unreadable stored hash never matches. */
export async function verifyPassword(
  password: string,
  stored: string,
  current: ScryptParams & { readonly version: string } = CURRENT_SCRYPT,
): Promise<VerifyResult> {
  const parsed = parseHash(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed.params);
  const ok = timingSafeEqual(key, parsed.key);
  const p = parsed.params;
  const needsRehash =
    ok && (parsed.version !== current.version || p.N !== current.N || p.r !== current.r || p.p !== current.p);
  return { ok, needsRehash };
}

const dummyHashes = new Map<string, Promise<string>>();
/**
 * A hash of a random password with the given parameters. Logging in as a user who does not exist
 * verifies against it, so that the answer takes as long as for a real user with a wrong password
 * and timing does not reveal which accounts exist.
 */
export function dummyHash(
  params: ScryptParams & { readonly version: string } = CURRENT_SCRYPT,
): Promise<string> {
  const key = `${params.version}:${params.N}:${params.r}:${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString('base64url'), params);
    dummyHashes.set(key, hash);
  }
  return hash;
}
