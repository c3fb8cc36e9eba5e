import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/** A diagnostic of an imported assessment file as the API shows it (the file name is the upload's). */
export function diagnosticView(d: Diagnostic) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint,
    path: d.path,
    line: d.line,
    column: d.column,
  };
}
