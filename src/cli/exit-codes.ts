/** Documented in docs/cli.md; scripts and CI gates depend on these numbers, so they never change. */
export const EXIT = {
  /** Success: the file is valid, the report was written, the gate passed. */
  ok: 0,
  /** The check ran and failed: `check` found a required guideline not met; `validate` found errors. */
  failed: 1,
  /** The command line was wrong: unknown command or option, missing argument, bad option value. */
  usage: 2,
  /** An input could not be used: file missing or unreadable, not valid YAML/JSON, or invalid assessment. */
  badInput: 3,
  /**
   * `verify` without --key: the bundle is intact and validly signed, but by a key the user has not
   * pinned — anyone can sign with a key of their own, so a script must not take this for success.
   */
  notPinned: 4,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
