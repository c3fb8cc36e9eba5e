/**
 * `iotassure attest FILE --key KEY -o BUNDLE`: a signed, single-file bundle of a valid assessment,
 * its HTML and JSON reports and every evidence file (format: docs/attestation.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { buildManifest, manifestBytes } from '../../attestation/build-manifest.js';
import { LIMITS, REPORT_HTML_NAME, REPORT_JSON_NAME } from '../../attestation/bundle-format.js';
import { BundleRefused } from '../../attestation/bundle-problem.js';
import { type MemberSource, writeBundle } from '../../attestation/bundle-writer.js';
import { type EvidenceMember, evidenceMembers } from '../../attestation/evidence-members.js';
import { readKeyText } from '../../attestation/key-file.js';
import { type ManifestFile, parseManifest } from '../../attestation/manifest-schema.js';
import {
  assessmentMemberName,
  assessmentNameClash,
  memberNameProblem,
} from '../../attestation/member-name.js';
import { parseSigningKey, type SigningKey, signManifest } from '../../attestation/signing.js';
import { dataFileHashes } from '../../catalog-files/catalog-snapshot.js';
import { printable } from '../../diagnostics/printable.js';
import { renderReport } from '../../renderers/registry.js';
import { dataDir, loadAssessmentOrExit, refuseToWriteOverInput, reportOf } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';

export interface AttestOptions {
  readonly key: string;
  readonly output: string;
  readonly signer?: string;
  readonly force: boolean;
}

type BundleFile = ManifestFile & { readonly source: MemberSource };

function loadSigningKey(path: string): SigningKey {
  let key: SigningKey;
  try {
    key = parseSigningKey(readKeyText(path));
  } catch (error) {
    throw new CliError(`cannot sign with ${path}: ${(error as Error).message}`, EXIT.badInput);
  }
  // A private key others can read is a key others can sign with.
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    process.stderr.write(
      `warning: the signing key ${printable(path)} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${printable(path)}\n`,
    );
  return key;
}

function checkOutput(output: string, force: boolean): void {
  if (output === '-' || output === '')
    throw new CliError(
      'a bundle is written to a file: give -o BUNDLE (e.g. -o product.attestation.tar)',
      EXIT.usage,
    );
  const existing = statSync(output, { throwIfNoEntry: false });
  if (existing && !existing.isFile())
    throw new CliError(`${output} exists and is not a regular file; choose another -o`, EXIT.badInput);
  if (existing && !force)
    throw new CliError(
      `${output} already exists; choose another -o, or use --force to replace it`,
      EXIT.badInput,
    );
}

function signerName(given: string | undefined, manufacturer: string | null): string {
  const name = (given ?? manufacturer ?? '').trim();
  if (given === undefined && !name)
    throw new CliError('the assessment names no manufacturer: say who signs with --signer NAME', EXIT.usage);
  if (!name || name.length > 200 || /[\u0000-\u001f\u007f-\u009f]/.test(name))
    throw new CliError(
      given === undefined
        ? 'the manufacturer cannot be used as the signer name (over 200 characters, or not on one line): give --signer NAME'
        : '--signer must be 1 to 200 characters on one line',
      EXIT.usage,
    );
  return name;
}

/**
 * Refuses, before anything is rendered or written, an evidence file that cannot be a member: a
 * name `verify` would refuse, or one that would land on the assessment's own name in the bundle.
 */
function checkEvidenceNames(file: string, evidence: readonly EvidenceMember[]): void {
  for (const e of evidence) {
    const problem = memberNameProblem(e.member) ?? assessmentNameClash(e.member);
    if (problem)
      throw new CliError(
        `${file}: the evidence file ${e.relativePath} cannot go in a bundle (${problem}); rename it`,
        EXIT.badInput,
      );
  }
}

const byteCount = (n: number) =>
  n < 1024
    ? `${n} bytes`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 ** 2).toFixed(1)} MB`;

export async function attestCommand(file: string, options: AttestOptions): Promise<number> {
  // The cheap checks first, before hashing what may be gigabytes of evidence.
  checkOutput(options.output, options.force);
  refuseToWriteOverInput(options.output, [file, options.key]);
  const key = loadSigningKey(options.key);

  // The bytes attested must be the bytes validated: read them on both sides of validation.
  const readAssessmentBytes = () => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT.badInput);
    }
  };
  const before = readAssessmentBytes();
  const loaded = loadAssessmentOrExit(file, { checkEvidence: true });
  const assessmentBytes = readAssessmentBytes();
  if (!before.equals(assessmentBytes))
    throw new CliError(`${file} changed while it was being checked; run attest again`, EXIT.badInput);
  const signer = signerName(options.signer, loaded.assessment.product.manufacturer);

  const evidence = evidenceMembers(loaded.assessment, file);
  refuseToWriteOverInput(options.output, [file, options.key, ...evidence.map((e) => e.file)]);
  checkEvidenceNames(file, evidence);
  const files: BundleFile[] = [];
  const bytesFile = (path: string, role: ManifestFile['role'], bytes: Uint8Array): BundleFile => ({
    path,
    role,
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    source: { bytes },
  });

  const createdAt = new Date();
  const report = reportOf(loaded, createdAt.toISOString());
  const render = async (format: 'html' | 'json') =>
    Buffer.from(await renderReport(format, report, { color: false }));
  files.push(
    bytesFile(
      assessmentMemberName(extname(file).toLowerCase() === '.json' ? 'json' : 'yaml'),
      'assessment',
      assessmentBytes,
    ),
  );
  files.push(bytesFile(REPORT_HTML_NAME, 'report', await render('html')));
  files.push(bytesFile(REPORT_JSON_NAME, 'report', await render('json')));

  let total = files.reduce((sum, f) => sum + f.size, 0);
  for (const e of evidence) {
    const size = statSync(e.file).size;
    total += size;
    files.push({ path: e.member, role: 'evidence', size, sha256: e.sha256, source: { file: e.file } });
  }
  if (files.length + 2 > LIMITS.members)
    throw new CliError(
      `${file} has ${evidence.length} evidence files; a bundle holds at most ${LIMITS.members - 5}`,
      EXIT.badInput,
    );
  if (total > LIMITS.totalBytes)
    throw new CliError(
      `the evidence adds up to ${byteCount(total)}; a bundle holds at most 4 GiB`,
      EXIT.badInput,
    );

  const manifest = buildManifest({
    createdAt: createdAt.toISOString(),
    signer: { name: signer, publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint },
    report,
    dataFiles: dataFileHashes(dataDir),
    files,
  });
  const bytes = manifestBytes(manifest);
  // Sign only what `verify` will accept.
  const check = parseManifest(bytes);
  if (!check.ok)
    throw new CliError(
      `cannot attest ${file} with its ${evidence.length} evidence files: the manifest would be ${check.problem}`,
      EXIT.badInput,
    );

  try {
    await writeBundle(resolve(options.output), {
      manifest: bytes,
      signature: signManifest(bytes, key),
      files,
      mtime: createdAt,
    });
  } catch (error) {
    if (error instanceof BundleRefused)
      throw new CliError(`cannot attest ${file}: ${error.message}`, EXIT.badInput);
    throw new CliError(`cannot write ${options.output}: ${(error as Error).message}`, EXIT.badInput);
  }
  const product = [manifest.product.name, manifest.product.version].filter(Boolean).join(' ');
  process.stderr.write(
    `wrote ${printable(options.output)}: ${printable(product)}, ${manifest.summary.guidelinesMet} of ${manifest.summary.guidelinesTotal} guidelines met; ` +
      `${files.length} files (${byteCount(total)}) signed by ${printable(signer)}, key ${key.fingerprint}\n`,
  );
  return EXIT.ok;
}
