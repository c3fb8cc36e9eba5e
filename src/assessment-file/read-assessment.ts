/**
 * Reads an assessment file (YAML or JSON) into the core model, reporting every problem at
 * file:line:column: schema errors, unknown or ambiguous requirement ids (with the nearest ids),
 * unknown profile facts, the engine's rule checks, and evidence files that are missing or changed.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { type AssessmentContext, ContextError } from '../core/assessment/assessment-context.js';
import type { Assessment, Evidence, RequirementRecord } from '../core/assessment/assessment-types.js';
import { checkAssessment } from '../core/assessment/check-assessment.js';
import { evaluate } from '../core/outcome/evaluate.js';
import type { Evaluation } from '../core/outcome/outcome-types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/error-codes.js';
import { parseAndValidate, readTextFile } from '../diagnostics/read-structured-file.js';
import {
  formatPath,
  type ParsedSource,
  type PathSegment,
  parseSource,
} from '../diagnostics/source-positions.js';
import {
  type AssessmentFile,
  assessmentFileSchema,
  type RecordFile,
} from '../schema/assessment-file-schema.js';
import { sha256File } from './evidence-hash.js';
import { nearest, resolveRequirementKey } from './resolve-keys.js';

/** Assessment files are text written by people; anything bigger than this is a mistake. */
export const MAX_ASSESSMENT_BYTES = 5 * 1024 * 1024;

export interface ReadAssessmentOptions {
  /** Check that evidence files exist and match their SHA-256 (default true). */
  readonly checkEvidence?: boolean;
  /** Name to show in messages, when the text did not come from a file. */
  readonly displayName?: string;
}

export interface AssessmentReadResult {
  readonly file: string;
  /** Null when errors stop the assessment from being built. */
  readonly assessment: Assessment | null;
  readonly evaluation: Evaluation | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The file as parsed (for tools that rewrite it); null if it did not parse. */
  readonly raw: AssessmentFile | null;
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function toRecord(r: RecordFile): RequirementRecord {
  // The schema guarantees exactly one of file (with sha256), url or note.
  const evidence: Evidence[] = r.evidence.map((e) =>
    e.file !== undefined
      ? { kind: 'file', path: e.file, sha256: e.sha256 ?? '', title: e.title ?? null }
      : e.url !== undefined
        ? { kind: 'url', url: e.url, title: e.title ?? null }
        : { kind: 'note', text: e.note ?? '' },
  );
  return {
    status: r.status,
    justification: r.justification ?? null,
    evidence,
    profileOverride: r.profileOverride ?? false,
    assessor: r.assessor ?? null,
    date: r.date ?? null,
  };
}

export function readAssessmentFile(
  file: string,
  ctxFor: (mappingSet: string | undefined) => AssessmentContext,
  options: ReadAssessmentOptions = {},
): AssessmentReadResult {
  const read = readTextFile(file, MAX_ASSESSMENT_BYTES);
  if ('diagnostic' in read)
    return { file, assessment: null, evaluation: null, diagnostics: [read.diagnostic], raw: null };
  return readAssessmentText(read.text, file, ctxFor, options);
}

export function readAssessmentText(
  text: string,
  file: string,
  ctxFor: (mappingSet: string | undefined) => AssessmentContext,
  options: ReadAssessmentOptions = {},
): AssessmentReadResult {
  const shown = options.displayName ?? file;
  // Assessment files are edited by hand, so always keep positions (YAML parser, not JSON.parse).
  const parsed = parseAndValidate(text, shown, assessmentFileSchema, { fastJson: false });
  if (!parsed.ok)
    return { file, assessment: null, evaluation: null, diagnostics: parsed.diagnostics, raw: null };
  const source = parsed.source ?? (parseSource(text, shown).parsed as ParsedSource);
  const value = parsed.value;
  const diagnostics: Diagnostic[] = [];
  const at = (
    severity: Diagnostic['severity'],
    code: DiagnosticCode,
    path: readonly PathSegment[],
    message: string,
    hint: string | null,
    which: 'key' | 'value' = 'value',
  ) => {
    const pos = source.locate(path, which);
    diagnostics.push({
      severity,
      code,
      file: shown,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: formatPath(path),
      message,
      hint,
    });
  };

  let ctx: AssessmentContext;
  try {
    ctx = ctxFor(value.mappingSet);
  } catch (error) {
    // A broken catalog is not the assessment's fault: let the caller report it as such.
    if (!(error instanceof ContextError)) throw error;
    at(
      'error',
      'unknown-reference',
      ['mappingSet'],
      (error as Error).message,
      'remove mappingSet to use the default',
    );
    return { file, assessment: null, evaluation: null, diagnostics, raw: value };
  }

  // Keys that do not survive conversion to an object (such as __proto__) would vanish silently.
  for (const section of ['profile', 'requirements', 'attestations'] as const) {
    for (const key of source.keysAt([section])) {
      if (!Object.hasOwn(value[section], key)) {
        at('error', 'schema', [section, key], `the key "${key}" is not allowed here`, 'remove it', 'key');
      }
    }
  }

  // Requirement keys → internal ids.
  const requirements = new Map<string, RequirementRecord>();
  const keyOf = new Map<string, string>();
  for (const [key, record] of Object.entries(value.requirements)) {
    const resolved = resolveRequirementKey(ctx, key);
    if (resolved.kind === 'ambiguous') {
      const options = resolved.ids
        .map((id) => `${id} ("${ctx.sourceById.get(id)?.text?.slice(0, 60)}…")`)
        .join(' or ');
      at(
        'error',
        'ambiguous-requirement',
        ['requirements', key],
        `${key} is printed for ${resolved.ids.length} different requirements`,
        `use the internal id: ${options}`,
        'key',
      );
      continue;
    }
    if (resolved.kind === 'unknown') {
      const hint = resolved.suggestions.length
        ? `did you mean ${resolved.suggestions.join(', ')}?`
        : 'run `iotassure catalog requirements` to list the ids';
      at(
        'error',
        'unknown-requirement',
        ['requirements', key],
        `no requirement "${key}" in ${ctx.source.shortTitle}`,
        hint,
        'key',
      );
      continue;
    }
    if (requirements.has(resolved.id)) {
      at(
        'error',
        'duplicate-id',
        ['requirements', key],
        `requirement ${resolved.id} is recorded twice (as "${keyOf.get(resolved.id)}" and "${key}")`,
        'keep one of the two entries',
        'key',
      );
      continue;
    }
    keyOf.set(resolved.id, key);
    requirements.set(resolved.id, toRecord(record));
  }

  const facts = ctx.facts.facts.map((f) => f.id);
  const profile = new Map<string, boolean>();
  for (const [key, answer] of Object.entries(value.profile)) {
    if (!facts.includes(key)) {
      const s = nearest(key, facts);
      at(
        'error',
        'unknown-fact',
        ['profile', key],
        `the product profile has no question "${key}"`,
        s.length ? `did you mean ${s.join(', ')}?` : 'run `iotassure catalog facts` to list them',
        'key',
      );
      continue;
    }
    if (answer !== null) profile.set(key, answer);
  }

  const attestations = new Map<string, RequirementRecord>();
  for (const [key, record] of Object.entries(value.attestations)) {
    if (!ctx.targetById.has(key)) {
      const s = nearest(key, [...ctx.targetById.keys()]);
      at(
        'error',
        'unknown-guideline',
        ['attestations', key],
        `no ${ctx.target.itemLabel} "${key}" in ${ctx.target.shortTitle}`,
        s.length ? `did you mean ${s.join(', ')}?` : null,
        'key',
      );
      continue;
    }
    attestations.set(key, toRecord(record));
  }

  const assessment: Assessment = {
    product: {
      name: value.product.name,
      model: value.product.model ?? null,
      version: value.product.version ?? null,
      manufacturer: value.product.manufacturer ?? null,
      description: value.product.description ?? null,
      roles: value.product.roles,
    },
    profile,
    requirements,
    attestations,
  };
  const evaluation = evaluate(ctx, assessment);
  for (const f of checkAssessment(ctx, assessment, evaluation)) {
    const path =
      f.path[0] === 'requirements'
        ? ['requirements', keyOf.get(String(f.path[1])) ?? String(f.path[1]), ...f.path.slice(2)]
        : f.path;
    at(f.severity, f.code, path, f.message, f.hint);
  }

  if (options.checkEvidence !== false) {
    const base = dirname(resolve(file));
    const check = (section: 'requirements' | 'attestations', key: string, record: RecordFile) => {
      record.evidence.forEach((e, i) => {
        if (e.file === undefined) return;
        const path = [section, key, 'evidence', i, 'file'];
        const full = resolve(base, e.file);
        if (isAbsolute(e.file) || !isInside(base, full)) {
          at(
            'error',
            'evidence-outside',
            path,
            `evidence path "${e.file}" is outside the assessment's folder`,
            'keep evidence files in or below the folder of the assessment file, and use a relative path',
          );
          return;
        }
        if (!existsSync(full) || !statSync(full).isFile()) {
          at(
            'error',
            'evidence-missing',
            path,
            `evidence file "${e.file}" does not exist`,
            `expected at ${full}`,
          );
          return;
        }
        // A symbolic link inside the folder may still point outside it.
        if (!isInside(realpathSync(base), realpathSync(full))) {
          at(
            'error',
            'evidence-outside',
            path,
            `evidence file "${e.file}" is a link to a file outside the assessment's folder`,
            'copy the file into the folder instead of linking to it',
          );
          return;
        }
        const actual = sha256File(full);
        if (actual !== e.sha256) {
          at(
            'error',
            'evidence-hash-mismatch',
            [section, key, 'evidence', i, 'sha256'],
            `evidence file "${e.file}" has SHA-256 ${actual}, but the assessment records ${e.sha256}`,
            'if the file changed on purpose, re-check the evidence and record the new hash',
          );
        }
      });
    };
    for (const [key, r] of Object.entries(value.requirements)) check('requirements', key, r);
    for (const [key, r] of Object.entries(value.attestations)) check('attestations', key, r);
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { file, assessment, evaluation, diagnostics, raw: value };
}
