import { writeFileSync } from 'node:fs';
import pc from 'picocolors';
import { readAssessmentFile } from '../assessment-file/read-assessment.js';
import { contextLoader } from '../catalog-files/context-loader.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { DiagnosticError, formatDiagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { CliError, EXIT } from './exit-codes.js';

export const loader = contextLoader(process.env.IOTASSURE_DATA_DIR || undefined);

export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const color = useColor(process.stderr);
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
    throw error;
  }
}

/** Reads and evaluates an assessment; prints diagnostics; stops with exit 3 if it has errors. */
export function loadAssessmentOrExit(file: string, options: { checkEvidence: boolean }) {
  const result = withCatalog(() => readAssessmentFile(file, loader.contextFor, options));
  printDiagnostics(result.diagnostics);
  if (hasErrors(result.diagnostics) || !result.assessment || !result.evaluation) {
    if (result.diagnostics.some((d) => d.code === 'file-unreadable' || d.code === 'file-too-large')) {
      throw new CliError(`cannot use ${file}`, EXIT.badInput);
    }
    const n = result.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError(
      `${file}: ${n} error${n === 1 ? '' : 's'}; fix them and run again (see \`iotassure validate ${file}\`)`,
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

/** Writes to a file, or stdout when no file is given. */
export function writeOutput(text: string, output: string | undefined): void {
  if (!output || output === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new CliError(`cannot write ${output}: ${(error as Error).message}`, EXIT.badInput);
  }
  process.stderr.write(`wrote ${output}\n`);
}
