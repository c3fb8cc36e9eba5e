import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session, setup and API tokens (guessing one is hopeless). */
export function newSecretToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 of a token, hex. Tokens are 256-bit random values, so a fast hash is enough: nothing is
 * gained by a slow one, and a leaked database does not hold a usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
