/**
 * `iotassure verify BUNDLE [--key PUBKEY] [--extract DIR]`: checks a bundle's structure, signature
 * and every file's size and SHA-256, and prints what was attested (docs/attestation.md).
 * Exit 0: verified against the pinned key; 4: intact and validly signed, but no key was pinned;
 * 1: the bundle failed (changed, damaged, unsafe, or signed by another key); 2/3 as everywhere.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { extractTargetProblem, extractVerifiedBundle } from '../../attestation/bundle-extract.js';
import { type VerifyResult, verifyBundle } from '../../attestation/bundle-verifier.js';
import { readKeyText } from '../../attestation/key-file.js';
import type { Manifest } from '../../attestation/manifest-schema.js';
import { type PublicKey, parsePublicKey } from '../../attestation/signing.js';
import { printable } from '../../diagnostics/printable.js';
import { CliError, EXIT } from '../exit-codes.js';

export interface VerifyCommandOptions {
  readonly key?: string;
  readonly extract?: string;
  readonly format: string;
}

function loadPinnedKey(path: string): PublicKey {
  try {
    return parsePublicKey(readKeyText(path));
  } catch (error) {
    throw new CliError(`cannot verify with ${path}: ${(error as Error).message}`, EXIT.badInput);
  }
}

const EXIT_FOR: Record<VerifyResult['status'], number> = {
  verified: EXIT.ok,
  'signer-not-pinned': EXIT.notPinned,
  failed: EXIT.failed,
};

const p = (text: string) => printable(text);

function describeProduct(m: Manifest): string {
  const { name, model, version, manufacturer } = m.product;
  return [
    p(name),
    model ? ` ${p(model)}` : '',
    version ? `, version ${p(version)}` : '',
    manufacturer ? `, by ${p(manufacturer)}` : '',
  ].join('');
}

function attestedText(m: Manifest, signerNote: string): string {
  const total = m.files.reduce((sum, f) => sum + f.size, 0);
  const width = Math.max(...m.files.map((f) => f.path.length));
  const lines = [
    `  product      ${describeProduct(m)}`,
    `  signed by    ${p(m.signer.name)}, key ${m.signer.fingerprint}${signerNote}`,
    `  signed at    ${m.createdAt}`,
    `  tool         ${p(m.tool.name)} ${p(m.tool.version)}`,
    `  catalog      ${p(m.catalog.source.title)} ${p(m.catalog.source.version)} → ${p(m.catalog.target.title)} ${p(m.catalog.target.version)}`,
    `               mapping ${p(m.catalog.mappingSet.id)}; ${m.catalog.dataFiles.length} data files pinned by SHA-256`,
    `  guidelines   ${m.summary.guidelinesMet} of ${m.summary.guidelinesTotal} met`,
    ...m.summary.guidelines.map(
      (g) => `               ${p(g.number ?? g.id).padStart(2)}  ${g.outcome.padEnd(17)} ${p(g.title ?? '')}`,
    ),
    `  files        ${m.files.length} files, ${total.toLocaleString('en')} bytes; each one's size and SHA-256 as signed`,
    ...m.files.map(
      (f) =>
        `               ${f.role.padEnd(10)} ${p(f.path).padEnd(width)}  ${f.size.toLocaleString('en').padStart(13)} bytes  sha256 ${f.sha256}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Where the files went, and how to check the assessment again where it landed (its evidence is beside it). */
function extractedText(m: Manifest, dir: string): string {
  const assessment = m.files.find((f) => f.role === 'assessment');
  const again = assessment
    ? `; to check the assessment and its evidence again: iotassure validate ${p(join(dir, ...assessment.path.split('/')))}`
    : '';
  return `extracted to ${p(dir)}${again}\n`;
}

function printText(
  bundle: string,
  result: VerifyResult,
  pinned: { file: string; key: PublicKey } | null,
  extracted: string | null,
): void {
  const m = result.manifest;
  if (result.status === 'failed') {
    process.stderr.write(`iotassure: verification FAILED: ${p(bundle)}\n`);
    for (const problem of result.problems)
      process.stderr.write(`  ${problem.member ? `${p(problem.member)}: ` : ''}${p(problem.message)}\n`);
    process.stderr.write('Do not rely on this bundle. Nothing was written.\n');
    return;
  }
  if (!m) return;
  if (result.status === 'verified') {
    process.stdout.write(`verified: ${p(bundle)}\n`);
    process.stdout.write(attestedText(m, pinned ? ` (your key ${p(pinned.file)})` : ''));
    if (extracted) process.stdout.write(extractedText(m, extracted));
    return;
  }
  process.stdout.write(`intact, but the signer is NOT PINNED: ${p(bundle)}\n`);
  process.stdout.write(attestedText(m, ' (not pinned)'));
  process.stderr.write(
    `warning: the signature is valid for key ${m.signer.fingerprint}, which you have not pinned. ` +
      'Anyone can sign a bundle with a key of their own: compare this fingerprint with the one the signer gave you, ' +
      "or run again with --key and the signer's .pub file (exit code 4 until you do).\n",
  );
}

export async function verifyCommand(bundle: string, options: VerifyCommandOptions): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json')
    throw new CliError(`unknown format "${options.format}"; use text or json`, EXIT.usage);
  if (options.extract !== undefined && options.key === undefined)
    throw new CliError(
      "--extract needs --key: files are written only from a bundle verified against the signer's key you trust",
      EXIT.usage,
    );
  const pinned = options.key === undefined ? null : { file: options.key, key: loadPinnedKey(options.key) };
  const stat = statSync(bundle, { throwIfNoEntry: false });
  if (!stat) throw new CliError(`${bundle} does not exist`, EXIT.badInput);
  if (!stat.isFile()) throw new CliError(`${bundle} is not a regular file`, EXIT.badInput);
  if (options.extract !== undefined) {
    const problem = extractTargetProblem(options.extract);
    if (problem) throw new CliError(`cannot extract into ${options.extract}: ${problem}`, EXIT.badInput);
  }

  let result: VerifyResult;
  try {
    result = await verifyBundle(bundle, pinned ? { pinnedKey: pinned.key } : {});
  } catch (error) {
    throw new CliError(`cannot read ${bundle}: ${(error as Error).message}`, EXIT.badInput);
  }
  let extracted: string | null = null;
  if (options.extract !== undefined && pinned && result.status === 'verified') {
    try {
      result = await extractVerifiedBundle(bundle, options.extract, pinned.key, result);
    } catch (error) {
      throw new CliError(
        `cannot extract into ${options.extract}: ${(error as Error).message}; nothing was written there`,
        EXIT.badInput,
      );
    }
    if (result.status === 'verified') extracted = options.extract;
  }

  if (options.format === 'json') {
    const m = result.manifest;
    process.stdout.write(
      `${JSON.stringify(
        {
          bundle,
          result: result.status,
          signer: m ? { name: m.signer.name, fingerprint: m.signer.fingerprint } : null,
          pinnedKey: pinned ? { file: pinned.file, fingerprint: pinned.key.fingerprint } : null,
          problems: result.problems,
          manifest: m,
          extractedTo: extracted,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    printText(bundle, result, pinned, extracted);
  }
  return EXIT_FOR[result.status];
}
