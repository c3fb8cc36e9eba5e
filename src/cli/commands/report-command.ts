import { dirname, extname, resolve } from 'node:path';
import { sha256File } from '../../assessment-file/evidence-hash.js';
import { renderReport } from '../../renderers/registry.js';
import { BINARY_FORMATS, REPORT_FORMATS, type ReportFormat } from '../../renderers/renderer.js';
import { loadAssessmentOrExit, reportOf, wantsColor, writeOutput } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';

export interface ReportOptions {
  /** Absent: taken from the output file's extension, else text. */
  readonly format?: string;
  readonly output?: string;
  readonly evidence: boolean;
  readonly color?: boolean;
}

export function parseFormat(format: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`unknown format "${format}"; use one of: ${REPORT_FORMATS.join(', ')}`, EXIT.usage);
  }
  return format as ReportFormat;
}

/** The format a file name asks for by its extension (`.json` means JSON; OSCAL needs `-f oscal`). */
const FORMAT_BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.txt': 'text',
  '.md': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.pdf': 'pdf',
};

/**
 * -f decides; without it the -o file's extension does, so `-o report.pdf` never holds plain text.
 * An explicit format that contradicts a binary extension (text into report.pdf) is refused.
 */
export function chooseFormat(format: string | undefined, output: string | undefined): ReportFormat {
  const implied = output && output !== '-' ? FORMAT_BY_EXTENSION[extname(output).toLowerCase()] : undefined;
  if (format === undefined) return implied ?? 'text';
  const chosen = parseFormat(format);
  if (implied && implied !== chosen && BINARY_FORMATS.includes(implied)) {
    throw new CliError(
      `${output} is named like a ${implied} file, but --format is ${chosen}; use -f ${implied} or another file name`,
      EXIT.usage,
    );
  }
  return chosen;
}

export async function reportCommand(file: string, options: ReportOptions): Promise<number> {
  const format = chooseFormat(options.format, options.output);
  const loaded = loadAssessmentOrExit(file, { checkEvidence: options.evidence });
  const report = reportOf(loaded, new Date().toISOString());
  const toTerminal = (!options.output || options.output === '-') && process.stdout.isTTY === true;
  if (BINARY_FORMATS.includes(format) && toTerminal) {
    throw new CliError(
      `--format ${format} is binary; write it to a file with -o report.${format}`,
      EXIT.usage,
    );
  }
  const toStdout = !options.output || options.output === '-';
  // --color / --no-color decide; otherwise colour only for a terminal.
  const color = format === 'text' && (options.color ?? (toStdout && wantsColor(process.stdout)));
  const base = dirname(resolve(file));
  const evidence = [
    ...loaded.assessment.requirements.values(),
    ...loaded.assessment.attestations.values(),
  ].flatMap((r) => r.evidence.flatMap((e) => (e.kind === 'file' ? [resolve(base, e.path)] : [])));
  // The XLSX export records which file it came from, so import-xlsx can tell it has changed since.
  const sourceSha256 = format === 'xlsx' ? sha256File(file) : undefined;
  const body = await renderReport(format, report, { color, sourceSha256 });
  writeOutput(body, options.output, [file, ...evidence]);
  return EXIT.ok;
}
