import { OUTCOME_STYLE } from '../../renderers/labels.js';
import { loadAssessmentOrExit, loader, withCatalog } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';

export interface CheckOptions {
  readonly require: string;
  readonly evidence: boolean;
  readonly allowNotApplicable: boolean;
}

/**
 * The CI gate: passes (exit 0) when every required guideline is met — or not applicable, which a
 * product cannot be faulted for — and fails (exit 1) otherwise, naming what blocks each one.
 */
export function checkCommand(file: string, options: CheckOptions): number {
  // Check the command line before reading the file, so a usage mistake is reported as one (exit 2).
  const known = withCatalog(() => loader.contextFor(undefined)).target.items.map((t) => t.id);
  const wanted =
    options.require.trim() === 'all'
      ? known
      : options.require
          .split(',')
          .map((s) => s.trim())
          .filter((s, i, all) => s !== '' && all.indexOf(s) === i);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new CliError(
      `--require: unknown guideline ${unknown.join(', ') || '(none given)'}; use guideline numbers ${known.join(',')} or "all"`,
      EXIT.usage,
    );
  }
  const loaded = loadAssessmentOrExit(file, { checkEvidence: options.evidence });
  const guidelines = loaded.evaluation.guidelines;
  const passing = new Set(options.allowNotApplicable ? ['met', 'not-applicable'] : ['met']);
  let failed = 0;
  let notApplicable = 0;
  for (const id of wanted) {
    const g = guidelines.find((x) => x.id === id);
    if (!g) {
      failed += 1;
      process.stdout.write(`FAIL  ${id.padStart(2)}  not in this assessment's catalog\n`);
      continue;
    }
    const ok = passing.has(g.outcome);
    if (!ok) failed += 1;
    else if (g.outcome === 'not-applicable') notApplicable += 1;
    process.stdout.write(
      `${ok ? 'PASS' : 'FAIL'}  ${g.id.padStart(2)}  ${g.item.title ?? ''} — ${OUTCOME_STYLE[g.outcome].label.toLowerCase()}${ok ? '' : `: ${g.reason}`}\n`,
    );
  }
  const n = wanted.length;
  const met = n - failed - notApplicable;
  process.stdout.write(
    failed === 0
      ? `check passed: ${met} of ${n} required guideline${n === 1 ? '' : 's'} met${notApplicable ? `, ${notApplicable} not applicable` : ''}\n`
      : `check failed: ${failed} of ${n} required guideline${n === 1 ? '' : 's'} not met\n`,
  );
  return failed === 0 ? EXIT.ok : EXIT.failed;
}
