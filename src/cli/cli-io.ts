import { lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import pc from 'picocolors';
import { readAssessmentFile } from '../assessment-file/read-assessment.js';
import { contextLoader } from '../catalog-files/context-loader.js';
import { BUNDLED_DATA_DIR } from '../catalog-files/load-catalog.js';
import { ContextError } from '../core/assessment/assessment-context.js';
import { buildReport, type Report } from '../core/report/report-model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError, formatDiagnostic, hasErrors, isUnusable } from '../diagnostics/diagnostic.js';
import { printable } from '../diagnostics/printable.js';
import { CliError, EXIT } from './exit-codes.js';
import { toolInfo } from './tool-info.js';

/** The catalog data folder: IOTASSURE_DATA_DIR, or the data bundled with iotassure. */
export const dataDir = process.env.IOTASSURE_DATA_DIR || BUNDLED_DATA_DIR;
export const loader = contextLoader(dataDir);

export function wantsColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const color = wantsColor(process.stderr);
  for (const d of diagnostics) {
    const line = formatDiagnostic(d);
    const paint = !color ? (s: string) => s : d.severity === 'error' ? pc.red : pc.yellow;
    process.stderr.write(`${paint(line)}\n`);
  }
}

/** Loads the catalog, turning a broken data directory into a clear message and exit code 3. */
export function withCatalog<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DiagnosticError) {
      printDiagnostics(error.diagnostics);
      throw new CliError('the catalog data is invalid', EXIT.badInput);
    }
    if (error instanceof ContextError) {
      throw new CliError(`the catalog data is incomplete: ${error.message}`, EXIT.badInput);
    }
    throw error;
  }
}

/** Reads and evaluates an assessment; prints diagnostics; stops with exit 3 if it has errors. */
export function loadAssessmentOrExit(file: string, options: { checkEvidence: boolean }) {
  const result = withCatalog(() => readAssessmentFile(file, loader.contextFor, options));
  printDiagnostics(result.diagnostics);
  if (hasErrors(result.diagnostics) || !result.assessment || !result.evaluation) {
    if (isUnusable(result.diagnostics)) {
      throw new CliError(`cannot use ${file}`, EXIT.badInput);
    }
    const n = result.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError(
      `${file}: ${n} error${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and run again (see \`iotassure validate ${file}\`)`,
      EXIT.badInput,
    );
  }
  return {
    ...result,
    assessment: result.assessment,
    evaluation: result.evaluation,
    ctx: loader.contextFor(result.raw?.mappingSet),
  };
}

export type LoadedAssessment = ReturnType<typeof loadAssessmentOrExit>;

/**
 * The report model of a loaded assessment, the one `report` renders and `attest` signs: its
 * warnings are the diagnostics already printed on stderr, worded the same.
 */
export function reportOf(loaded: LoadedAssessment, generatedAt: string): Report {
  return buildReport({
    ctx: loaded.ctx,
    assessment: loaded.assessment,
    evaluation: loaded.evaluation,
    generatedAt,
    tool: toolInfo(),
    warnings: loaded.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic),
  });
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Stops (exit 2) when `output` is one of `inputs`, also through a link: writing it would destroy the work. */
export function refuseToWriteOverInput(output: string, inputs: readonly string[]): void {
  const target = realOrResolved(output);
  if (inputs.some((p) => realOrResolved(p) === target)) {
    throw new CliError(
      `will not write over ${output}: it is an input (the assessment, one of its evidence files or a key); choose another -o`,
      EXIT.usage,
    );
  }
}

/**
 * Writes to a file, or stdout when no file is given. Never over one of `inputs` (the assessment and
 * its evidence: `report a.yaml -o a.yaml` would destroy the work), and atomically — a temporary file
 * renamed into place — so a full disk or a crash cannot leave a truncated file where a good one was.
 */
export function writeOutput(
  text: string | Uint8Array,
  output: string | undefined,
  inputs: readonly string[] = [],
): void {
  if (!output || output === '-') {
    process.stdout.write(text);
    return;
  }
  const target = realOrResolved(output);
  refuseToWriteOverInput(output, inputs);
  try {
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) {
      writeFileSync(target, text); // a device or pipe such as /dev/null: nothing to replace
    } else {
      // A link at the output path is replaced, never followed: in a shared folder such as /tmp,
      // another user could otherwise plant a link and have us overwrite the file it points to.
      const place = lstatSync(output, { throwIfNoEntry: false })?.isSymbolicLink() ? resolve(output) : target;
      const temporary = join(dirname(place), `.${basename(place)}.${process.pid}.tmp`);
      try {
        writeFileSync(temporary, text, { flag: 'wx' });
        renameSync(temporary, place);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    }
  } catch (error) {
    throw new CliError(`cannot write ${output}: ${(error as Error).message}`, EXIT.badInput);
  }
  process.stderr.write(`wrote ${printable(output)}\n`);
}
