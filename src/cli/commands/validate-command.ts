import { readAssessmentFile } from '../../assessment-file/read-assessment.js';
import { hasErrors, isUnusable, MAX_DIAGNOSTICS } from '../../diagnostics/diagnostic.js';
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
  const unusable = isUnusable(result.diagnostics);
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ file, valid: !failed, errors, warnings, diagnostics: result.diagnostics }, null, 2)}\n`,
    );
  } else {
    printDiagnostics(result.diagnostics);
    if (unusable) return EXIT.badInput;
    process.stderr.write(
      `${printable(file)}: ${failed ? 'invalid' : 'valid'} — ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${result.diagnostics.length >= MAX_DIAGNOSTICS ? ` (only the first ${MAX_DIAGNOSTICS} problems are listed)` : ''}\n`,
    );
  }
  if (unusable) return EXIT.badInput;
  return failed ? EXIT.failed : EXIT.ok;
}
