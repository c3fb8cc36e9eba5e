/**
 * --extract: writes a bundle's files into a folder only once the whole bundle has verified. The
 * files are written by a second verifying pass into a fresh temporary folder beside the target,
 * which is renamed onto the target only if that pass verifies too and read the same manifest (the
 * bundle cannot be swapped between the passes). On any failure the temporary folder is removed:
 * the target is either untouched or holds exactly the verified files.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { type VerifyResult, verifyBundle } from './bundle-verifier.js';
import type { PublicKey } from './signing.js';

/** Why `dir` cannot receive a bundle's files (it must be new, or an empty folder), or null. */
export function extractTargetProblem(dir: string): string | null {
  const parent = dirname(resolve(dir));
  if (!lstatSync(parent, { throwIfNoEntry: false })?.isDirectory())
    return `its parent folder ${parent} does not exist`;
  const existing = lstatSync(dir, { throwIfNoEntry: false });
  if (!existing) return null;
  if (!existing.isDirectory()) return 'it exists and is not a folder';
  if (readdirSync(dir).length > 0) return 'it is not empty; extract into a new or empty folder';
  return null;
}

/**
 * Extracts a bundle that `verified` says has verified. Returns the second pass's result: verified
 * and written, or failed with nothing written.
 */
export async function extractVerifiedBundle(
  bundle: string,
  dir: string,
  pinnedKey: PublicKey,
  verified: VerifyResult,
): Promise<VerifyResult> {
  const target = resolve(dir);
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.iotassure-extract-`));
  try {
    const second = await verifyBundle(bundle, { pinnedKey, writeTo: staging });
    if (second.status === 'verified' && second.manifestSha256 !== verified.manifestSha256) {
      await rm(staging, { recursive: true, force: true });
      return {
        ...second,
        status: 'failed',
        problems: [
          { member: null, message: 'the bundle changed while it was being extracted; nothing was written' },
        ],
      };
    }
    if (second.status !== 'verified') {
      await rm(staging, { recursive: true, force: true });
      return second;
    }
    await chmod(staging, 0o755); // mkdtemp makes it private to the user; a normal folder from here
    await rename(staging, target); // atomic; replaces the target only if it is an empty folder
    return second;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
