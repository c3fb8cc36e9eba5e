import { dirname, resolve } from 'node:path';
import { buildReport } from '../../core/report/report-model.js';
import { formatDiagnostic } from '../../diagnostics/diagnostic.js';
import { RENDERERS } from '../../renderers/registry.js';
import { BINARY_FORMATS, REPORT_FORMATS, type ReportFormat } from '../../renderers/renderer.js';
import { loadAssessmentOrExit, wantsColor, writeOutput } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';
import { toolInfo } from '../tool-info.js';

export interface ReportOptions {
  readonly format: string;
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

export async function reportCommand(file: string, options: ReportOptions): Promise<number> {
  const format = parseFormat(options.format);
  const loaded = loadAssessmentOrExit(file, { checkEvidence: options.evidence });
  const report = buildReport({
    ctx: loaded.ctx,
    assessment: loaded.assessment,
    evaluation: loaded.evaluation,
    generatedAt: new Date().toISOString(),
    tool: toolInfo(),
    warnings: loaded.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic),
  });
  const toTerminal = (!options.output || options.output === '-') && process.stdout.isTTY === true;
  if (BINARY_FORMATS.includes(format) && toTerminal) {
    throw new CliError(
      `--format ${format} is binary; write it to a file with -o report.${format}`,
      EXIT.usage,
    );
  }
  const render = await RENDERERS[format]();
  const toStdout = !options.output || options.output === '-';
  // --color / --no-color decide; otherwise colour only for a terminal.
  const color = format === 'text' && (options.color ?? (toStdout && wantsColor(process.stdout)));
  const base = dirname(resolve(file));
  const evidence = [
    ...loaded.assessment.requirements.values(),
    ...loaded.assessment.attestations.values(),
  ].flatMap((r) => r.evidence.flatMap((e) => (e.kind === 'file' ? [resolve(base, e.path)] : [])));
  writeOutput(await render(report, { color }), options.output, [file, ...evidence]);
  return EXIT.ok;
}
