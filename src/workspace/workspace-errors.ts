/**
 * The errors use cases throw, each with a stable code the HTTP layer maps to a status (docs/api.md,
 * "Errors"). Messages are sentences for people: what is wrong and how to fix it.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/error-codes.js';

export type WorkspaceErrorCode =
  | 'not-found'
  | 'stale-revision'
  | 'invalid-input'
  | 'invalid-assessment'
  | 'conflict'
  | 'payload-too-large'
  | 'invalid-setup-token';

export abstract class WorkspaceError extends Error {
  abstract readonly code: WorkspaceErrorCode;
}

export class NotFoundError extends WorkspaceError {
  readonly code = 'not-found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * A write based on a revision someone else has already replaced. Carries the current state, so
 * the client can show it, let the user reapply the change, and send it again.
 */
export class StaleRevisionError<Current = unknown> extends WorkspaceError {
  readonly code = 'stale-revision';
  constructor(
    message: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
    readonly current: Current,
  ) {
    super(message);
    this.name = 'StaleRevisionError';
  }
}

/** One problem with a use case's input, located by a path into it (as check-assessment's findings are). */
export interface InputIssue {
  readonly path: readonly (string | number)[];
  readonly code: DiagnosticCode | 'invalid-value';
  readonly message: string;
  readonly hint: string | null;
}

/** The input breaks a rule of the assessment model (unknown id, missing justification, …); nothing was written. */
export class InvalidInputError extends WorkspaceError {
  readonly code = 'invalid-input';
  constructor(readonly issues: readonly InputIssue[]) {
    super(issues.map((i) => `${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('; '));
    this.name = 'InvalidInputError';
  }
}

/** An imported assessment file has errors: the same diagnostics `iotassure validate` prints. Nothing was written. */
export class AssessmentFileError extends WorkspaceError {
  readonly code = 'invalid-assessment';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `the assessment file has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors
        .slice(0, 3)
        .map((d) => `${d.line === null ? '' : `line ${d.line}: `}${d.message}`)
        .join('; ')}${errors.length > 3 ? '; …' : ''}`,
    );
    this.name = 'AssessmentFileError';
  }
}

/** The change contradicts the current state (user name taken, setup already done, …). */
export class ConflictError extends WorkspaceError {
  readonly code = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class PayloadTooLargeError extends WorkspaceError {
  readonly code = 'payload-too-large';
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
    this.name = 'PayloadTooLargeError';
  }
}

/** The setup token is wrong, or was already used. */
export class SetupTokenError extends WorkspaceError {
  readonly code = 'invalid-setup-token';
  constructor() {
    super('the setup token is wrong or has already been used; restart the server to get a new setup link');
    this.name = 'SetupTokenError';
  }
}
