/**
 * Ed25519 signatures over the manifest's exact bytes, with node:crypto. The signature member
 * (manifest.sig) is the 64-byte signature in base64 followed by a newline: text, so it survives
 * being mailed or pasted, and `base64 -d` turns it back into what `openssl pkeyutl -verify` reads.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/** SHA-256 of the public key's DER (SPKI) encoding, as `SHA256:` + unpadded base64 (like OpenSSH). */
export function publicKeyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
}

export interface PublicKey {
  readonly key: KeyObject;
  readonly pem: string;
  readonly fingerprint: string;
}

/** A key file's text as an Ed25519 private key; throws an Error saying what it is instead. */
export function parseSigningKey(pem: string): SigningKey {
  if (!pem.includes('PRIVATE KEY-----')) {
    throw new Error(
      pem.includes('PUBLIC KEY-----')
        ? 'it is a public key; sign with the private key (the .key file of `iotassure keys generate`)'
        : 'it is not a PEM private key (make one with `iotassure keys generate`)',
    );
  }
  if (pem.includes('ENCRYPTED PRIVATE KEY-----') || pem.includes('Proc-Type: 4,ENCRYPTED'))
    throw new Error('it is protected by a passphrase, which iotassure does not support');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`it cannot be read as a private key (${(error as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`it is a ${privateKey.asymmetricKeyType} key; attestations are signed with Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
  };
}

/** A public key's text as an Ed25519 key; throws an Error saying what it is instead. */
export function parsePublicKey(pem: string): PublicKey {
  if (pem.includes('PRIVATE KEY-----'))
    throw new Error(
      'it is a private key; verify with the public key (the .pub file), and keep the private one secret',
    );
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`it is not a PEM public key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`it is a ${key.asymmetricKeyType} key; attestations are signed with Ed25519`);
  return {
    key,
    pem: key.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: publicKeyFingerprint(key),
  };
}

/** The contents of manifest.sig for these manifest bytes. */
export function signManifest(manifest: Uint8Array, key: SigningKey): Buffer {
  return Buffer.from(`${sign(null, manifest, key.privateKey).toString('base64')}\n`);
}

const SIGNATURE_TEXT = /^[A-Za-z0-9+/]{86}==\n$/;

/** The raw signature in manifest.sig's bytes, or null if they are not one signature in base64. */
export function decodeSignature(bytes: Uint8Array): Buffer | null {
  const text = Buffer.from(bytes).toString('latin1');
  if (!SIGNATURE_TEXT.test(text)) return null;
  const raw = Buffer.from(text, 'base64');
  // Base64 of 64 bytes leaves two unused bits in the last character: only the canonical spelling
  // is accepted, so that every changed byte of manifest.sig is a different, failing signature.
  return raw.length === 64 && `${raw.toString('base64')}\n` === text ? raw : null;
}

export function signatureIsValid(manifest: Uint8Array, signature: Buffer, key: KeyObject): boolean {
  return verify(null, manifest, key, signature);
}
