import { MAX_DIAGNOSTICS, readAssessmentFile } from '../../assessment-file/read-assessment.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { printable } from '../../diagnostics/printable.js';
import { loader, printDiagnostics, withCatalog } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';

export interface ValidateOptions {
  readonly evidence: boolean;
  readonly strict: boolean;
  readonly format: 'text' | 'json';
}

export function validateCommand(file: string, options: ValidateOptions): number {
  const result = withCatalog(() =>
    readAssessmentFile(file, loader.contextFor, { checkEvidence: options.evidence }),
  );
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const failed = hasErrors(result.diagnostics) || (options.strict && warnings > 0);
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ file, valid: !failed, errors, warnings, diagnostics: result.diagnostics }, null, 2)}\n`,
    );
  } else {
    printDiagnostics(result.diagnostics);
    const unreadable = result.diagnostics.some(
      (d) => d.code === 'file-unreadable' || d.code === 'file-too-large',
    );
    if (unreadable) return EXIT.badInput;
    process.stderr.write(
      `${printable(file)}: ${failed ? 'invalid' : 'valid'} — ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${result.diagnostics.length >= MAX_DIAGNOSTICS ? ` (only the first ${MAX_DIAGNOSTICS} problems are listed)` : ''}\n`,
    );
  }
  if (result.diagnostics.some((d) => d.code === 'file-unreadable' || d.code === 'file-too-large'))
    return EXIT.badInput;
  return failed ? EXIT.failed : EXIT.ok;
}
