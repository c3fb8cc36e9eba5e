import { readFileSync } from 'node:fs';
import { applyChanges, readWorkbook } from '../../assessment-file/apply-workbook.js';
import { sha256File } from '../../assessment-file/evidence-hash.js';
import { readAssessmentText } from '../../assessment-file/read-assessment.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { printable } from '../../diagnostics/printable.js';
import { type ExportedProduct, exportedProduct } from '../../renderers/xlsx-export-record.js';
import { loadAssessmentOrExit, loader, printDiagnostics, writeOutput } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';

/** Files larger than this are not workbooks exported by iotassure (a full one is about 40 KB). */
const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

const describe = (p: ExportedProduct) =>
  `"${[p.name, p.model && `model ${p.model}`, p.version && `version ${p.version}`].filter(Boolean).join(', ')}"`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function importXlsxCommand(
  workbook: string,
  assessment: string,
  options: { dryRun: boolean; force?: boolean },
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
  const wb = printable(workbook);

  const reading = await readWorkbook(data, loaded.ctx, loaded.assessment, loaded.evaluation);
  const { record } = reading;
  if (record) {
    const product = exportedProduct(loaded.assessment.product);
    const same =
      record.product.name === product.name &&
      record.product.model === product.model &&
      record.product.version === product.version;
    if (!same && !options.force) {
      process.stderr.write(
        `${wb}: exported from ${printable(describe(record.product))}, but ${printable(assessment)} is ${printable(describe(product))}; ` +
          'nothing was applied (use --force if it really belongs to this assessment)\n',
      );
      return EXIT.failed;
    }
    if (!same)
      process.stderr.write(
        `${wb}: exported from ${printable(describe(record.product))}; applied to ${printable(describe(product))} because of --force\n`,
      );
    if (record.sourceSha256 && record.sourceSha256 !== sha256File(assessment))
      process.stderr.write(
        `${printable(assessment)} has changed since ${wb} was exported: only the cells you changed are applied, and not when their requirement changed too\n`,
      );
  }
  for (const w of reading.ignored)
    process.stderr.write(`${wb}: warning: ${w.cell}: ${printable(w.message)}\n`);
  if (reading.problems.length > 0) {
    for (const p of reading.problems) process.stderr.write(`${wb}: ${p.cell}: ${printable(p.message)}\n`);
    process.stderr.write(`${wb}: ${plural(reading.problems.length, 'problem')}; nothing was applied\n`);
    return EXIT.failed;
  }
  const { changes } = reading;
  if (changes.length === 0) {
    process.stderr.write('no changes: no imported cell was edited since the export\n');
    return EXIT.ok;
  }
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(loaded.raw?.requirements ?? {})) {
    const id = loaded.ctx.sourceById.has(key) ? key : (loaded.ctx.sourceIdsByNumber.get(key)?.[0] ?? key);
    keyOf.set(id, key);
  }
  const text = readFileSync(assessment, 'utf8');
  const updated = applyChanges(text, changes, (id) => keyOf.get(id) ?? id);
  // Every rule known to break is checked at its cell above; this catches any other, by file line.
  const check = readAssessmentText(updated, assessment, loader.contextFor, { checkEvidence: false });
  if (hasErrors(check.diagnostics)) {
    printDiagnostics(check.diagnostics.filter((d) => d.severity === 'error'));
    process.stderr.write(
      `${wb}: applying it would make ${printable(assessment)} invalid; nothing was applied\n`,
    );
    return EXIT.failed;
  }
  const shown = (v: string | null) => (v === null ? '(empty)' : printable(v.replace(/\s+/g, ' ')));
  for (const c of changes)
    process.stderr.write(`${c.cell} ${c.id} ${c.field}: ${shown(c.from)} → ${shown(c.to)}\n`);
  if (options.dryRun) {
    process.stdout.write(updated);
    process.stderr.write(`${plural(changes.length, 'value')} would change (dry run; nothing written)\n`);
    return EXIT.ok;
  }
  writeOutput(updated, assessment);
  process.stderr.write(`${plural(changes.length, 'value')} changed\n`);
  return EXIT.ok;
}
