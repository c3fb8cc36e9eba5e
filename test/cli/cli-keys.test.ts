import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'iotassure-keys-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('keys generate', () => {
  const prefix = join(tmp, 'vendor');

  it('writes an Ed25519 key pair, the private key readable by its owner only', () => {
    const r = runCli(['keys', 'generate', '-o', prefix]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/fingerprint SHA256:[A-Za-z0-9+/]{43}/);
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    const privateKey = createPrivateKey(readFileSync(`${prefix}.key`));
    const publicKey = createPublicKey(readFileSync(`${prefix}.pub`));
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    const message = Buffer.from('attested');
    expect(verify(null, message, publicKey, sign(null, message, privateKey))).toBe(true);
  });

  it('prints the fingerprint of the .pub it wrote: SHA-256 of its SPKI DER, unpadded base64', () => {
    const printed = /public key fingerprint (SHA256:\S+)/.exec(
      runCli(['keys', 'generate', '-o', join(tmp, 'fp')]).stderr,
    )?.[1];
    // The DER as openssl decodes the .pub, or else the PEM's base64 body read by hand.
    const openssl = spawnSync('openssl', ['pkey', '-pubin', '-in', join(tmp, 'fp.pub'), '-outform', 'DER']);
    const der =
      openssl.status === 0
        ? openssl.stdout
        : Buffer.from(
            readFileSync(join(tmp, 'fp.pub'), 'utf8')
              .replace(/-----[A-Z ]+-----/g, '')
              .replace(/\s/g, ''),
            'base64',
          );
    expect(der).toHaveLength(44);
    expect(printed).toBe(`SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`);
  });

  it('never replaces a key pair without --force, and --force makes the new private key 0600 again', () => {
    const before = readFileSync(`${prefix}.key`, 'utf8');
    const r = runCli(['keys', 'generate', '-o', prefix]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('already exists');
    expect(readFileSync(`${prefix}.key`, 'utf8')).toBe(before);
    chmodSync(`${prefix}.key`, 0o644);
    expect(runCli(['keys', 'generate', '-o', prefix, '--force']).status).toBe(0);
    expect(readFileSync(`${prefix}.key`, 'utf8')).not.toBe(before);
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
  });
});
