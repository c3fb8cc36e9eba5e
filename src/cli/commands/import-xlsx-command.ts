import { readFileSync } from 'node:fs';
import { applyChanges, readChecklist } from '../../assessment-file/apply-workbook.js';
import { readAssessmentText } from '../../assessment-file/read-assessment.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { printable } from '../../diagnostics/printable.js';
import { loadAssessmentOrExit, loader, printDiagnostics, writeOutput } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';

/** Files larger than this are not workbooks exported by iotassure (a full one is about 40 KB). */
const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

export async function importXlsxCommand(
  workbook: string,
  assessment: string,
  options: { dryRun: boolean },
): Promise<number> {
  const loaded = loadAssessmentOrExit(assessment, { checkEvidence: false });
  let data: Buffer;
  try {
    data = readFileSync(workbook);
  } catch (error) {
    throw new CliError(`cannot read ${workbook}: ${(error as Error).message}`, EXIT.badInput);
  }
  if (data.length > MAX_WORKBOOK_BYTES)
    throw new CliError(`${workbook} is larger than ${MAX_WORKBOOK_BYTES} bytes`, EXIT.badInput);

  const { changes, problems } = await readChecklist(data, loaded.ctx);
  if (problems.length > 0) {
    for (const p of problems)
      process.stderr.write(`${printable(workbook)}: ${p.cell}: ${printable(p.message)}\n`);
    process.stderr.write(
      `${printable(workbook)}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was applied\n`,
    );
    return EXIT.failed;
  }
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(loaded.raw?.requirements ?? {})) {
    const id = loaded.ctx.sourceById.has(key) ? key : (loaded.ctx.sourceIdsByNumber.get(key)?.[0] ?? key);
    keyOf.set(id, key);
  }
  const text = readFileSync(assessment, 'utf8');
  const { text: updated, changed } = applyChanges(text, changes, (id) => keyOf.get(id) ?? id);
  // The result must still be a valid assessment (e.g. not-applicable needs a justification).
  const check = readAssessmentText(updated, assessment, loader.contextFor, { checkEvidence: false });
  if (hasErrors(check.diagnostics)) {
    printDiagnostics(check.diagnostics.filter((d) => d.severity === 'error'));
    process.stderr.write(
      `${printable(workbook)}: applying it would make ${printable(assessment)} invalid; nothing was applied\n`,
    );
    return EXIT.failed;
  }
  if (changed === 0) {
    process.stderr.write('no changes: the workbook agrees with the assessment\n');
    return EXIT.ok;
  }
  if (options.dryRun) {
    process.stdout.write(updated);
    process.stderr.write(
      `${changed} value${changed === 1 ? '' : 's'} would change (dry run; nothing written)\n`,
    );
    return EXIT.ok;
  }
  writeOutput(updated, assessment);
  process.stderr.write(`${changed} value${changed === 1 ? '' : 's'} changed\n`);
  return EXIT.ok;
}
