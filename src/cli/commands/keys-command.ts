import { generateKeyPairSync } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { publicKeyFingerprint } from '../../attestation/signing.js';
import { printable } from '../../diagnostics/printable.js';
import { CliError, EXIT } from '../exit-codes.js';

/**
 * Makes an Ed25519 key pair for signing attestations: PREFIX.key (PKCS#8 PEM, readable by the owner
 * only) and PREFIX.pub (SPKI PEM, to hand to customers). Never overwrites without --force.
 */
export function keysGenerateCommand(options: { output: string; force: boolean }): number {
  const privatePath = `${options.output}.key`;
  const publicPath = `${options.output}.pub`;
  for (const path of [privatePath, publicPath]) {
    if (existsSync(path) && !options.force) {
      throw new CliError(
        `${path} already exists; choose another -o, or use --force to replace the key pair`,
        EXIT.badInput,
      );
    }
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  try {
    // A file's mode is set only when it is created: replace old files rather than overwrite them,
    // so the private key is always 0600.
    if (options.force) for (const path of [privatePath, publicPath]) rmSync(path, { force: true });
    writeFileSync(privatePath, privateKey, { mode: 0o600, flag: 'wx' });
    writeFileSync(publicPath, publicKey, { mode: 0o644, flag: 'wx' });
  } catch (error) {
    throw new CliError(`cannot write the key pair: ${(error as Error).message}`, EXIT.badInput);
  }
  process.stderr.write(
    `wrote ${printable(privatePath)} (private; keep it secret) and ${printable(publicPath)} (public)\n` +
      `public key fingerprint ${publicKeyFingerprint(publicKey)}\n`,
  );
  return EXIT.ok;
}
