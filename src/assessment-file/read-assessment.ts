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
import { type Diagnostic, MAX_DIAGNOSTICS } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/error-codes.js';
import { nearest } from '../diagnostics/nearest.js';
import { parseAndValidate, readTextFile } from '../diagnostics/read-structured-file.js';
import {
  formatPath,
  type ParsedSource,
  type PathSegment,
  parseSource,
} from '../diagnostics/source-positions.js';
import {
  ASSESSMENT_KEYS,
  type AssessmentFile,
  assessmentFileSchema,
  type RecordFile,
} from '../schema/assessment-file-schema.js';
import { sha256File } from './evidence-hash.js';
import { resolveRequirementKey } from './resolve-keys.js';

/**
 * Assessment files are text written by people: a full catalog with long justifications is a few
 * hundred KB. The limit keeps the worst case (a file of nothing but keys) to seconds, not minutes.
 */
export const MAX_ASSESSMENT_BYTES = 2 * 1024 * 1024;

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

type At = (
  severity: Diagnostic['severity'],
  code: DiagnosticCode,
  path: readonly PathSegment[],
  message: string,
  hint: string | null,
  which?: 'key' | 'value',
) => void;

interface ResolvedKeys {
  /** Internal requirement id → the key the file used for it. */
  readonly requirementKeys: Map<string, string>;
  readonly factKeys: string[];
  readonly attestationKeys: string[];
}

/** Reports a diagnostic located at a path of the parsed document. */
function reporterFor(source: ParsedSource, file: string, sink: Diagnostic[]): At {
  return (severity, code, path, message, hint, which = 'value') => {
    if (sink.length >= MAX_DIAGNOSTICS) return;
    const pos = source.locate(path, which);
    sink.push({
      severity,
      code,
      file,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: formatPath(path),
      message,
      hint,
    });
  };
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Checks the keys of the requirements, profile and attestations maps against the catalog: unknown
 * ids (with the nearest known ones), printed numbers two requirements share, duplicates. Works on
 * the raw parsed value too, so that a file with schema errors still gets these reported at once.
 */
function resolveKeys(ctx: AssessmentContext, raw: unknown, at: At): ResolvedKeys {
  const value = asRecord(raw);
  const requirementKeys = new Map<string, string>();
  for (const key of Object.keys(asRecord(value.requirements))) {
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
    } else if (resolved.kind === 'unknown') {
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
    } else if (requirementKeys.has(resolved.id)) {
      at(
        'error',
        'duplicate-id',
        ['requirements', key],
        `requirement ${resolved.id} is recorded twice (as "${requirementKeys.get(resolved.id)}" and "${key}")`,
        'keep one of the two entries',
        'key',
      );
    } else {
      requirementKeys.set(resolved.id, key);
    }
  }
  const facts = ctx.facts.facts.map((f) => f.id);
  const factKeys: string[] = [];
  for (const key of Object.keys(asRecord(value.profile))) {
    if (facts.includes(key)) {
      factKeys.push(key);
      continue;
    }
    const near = nearest(key, facts);
    at(
      'error',
      'unknown-fact',
      ['profile', key],
      `the product profile has no question "${key}"`,
      near.length ? `did you mean ${near.join(', ')}?` : 'run `iotassure catalog facts` to list them',
      'key',
    );
  }
  const attestationKeys: string[] = [];
  for (const key of Object.keys(asRecord(value.attestations))) {
    if (ctx.targetById.has(key)) {
      attestationKeys.push(key);
      continue;
    }
    const near = nearest(key, [...ctx.targetById.keys()]);
    at(
      'error',
      'unknown-guideline',
      ['attestations', key],
      `no ${ctx.target.itemLabel} "${key}" in ${ctx.target.shortTitle}`,
      near.length ? `did you mean ${near.join(', ')}?` : null,
      'key',
    );
  }
  return { requirementKeys, factKeys, attestationKeys };
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
  // The fast reader first; the position-keeping parser whenever there is anything to report.
  const parsed = parseAndValidate(text, shown, assessmentFileSchema, {
    fastJson: false,
    fastYaml: true,
    knownKeys: ASSESSMENT_KEYS,
  });
  if (!parsed.ok) {
    // Schema errors do not hide the other mistakes: report unknown or ambiguous keys too.
    const diagnostics = [...parsed.diagnostics];
    const raw = parsed.diagnostics.every((d) => d.code === 'schema') ? parseSource(text, shown).parsed : null;
    if (raw) {
      const mappingSet = asRecord(raw.value).mappingSet;
      try {
        const ctx = ctxFor(typeof mappingSet === 'string' ? mappingSet : undefined);
        resolveKeys(ctx, raw.value, reporterFor(raw, shown, diagnostics));
      } catch (error) {
        if (!(error instanceof ContextError)) throw error;
      }
      diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    }
    return { file, assessment: null, evaluation: null, diagnostics, raw: null };
  }
  const source = parsed.source ?? (parseSource(text, shown).parsed as ParsedSource);
  const value = parsed.value;
  const diagnostics: Diagnostic[] = [];
  const at = reporterFor(source, shown, diagnostics);

  let ctx: AssessmentContext;
  try {
    ctx = ctxFor(value.mappingSet);
  } catch (error) {
    // A broken catalog is not the assessment's fault: let the caller report it as such. Only a
    // mappingSet the file names itself is the file's problem.
    if (!(error instanceof ContextError) || value.mappingSet === undefined) throw error;
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

  const keys = resolveKeys(ctx, value, at);
  const requirements = new Map<string, RequirementRecord>();
  for (const [id, key] of keys.requirementKeys)
    requirements.set(id, toRecord(value.requirements[key] as RecordFile));
  const profile = new Map<string, boolean>();
  for (const key of keys.factKeys) {
    const answer = value.profile[key];
    if (answer !== null && answer !== undefined) profile.set(key, answer);
  }
  const attestations = new Map<string, RequirementRecord>();
  for (const key of keys.attestationKeys)
    attestations.set(key, toRecord(value.attestations[key] as RecordFile));
  const keyOf = keys.requirementKeys;

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
    const hashes = new Map<string, string>();
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
        if (!existsSync(full)) {
          at(
            'error',
            'evidence-missing',
            path,
            `evidence file "${e.file}" does not exist`,
            `expected at ${full}`,
          );
          return;
        }
        if (!statSync(full).isFile()) {
          at(
            'error',
            'evidence-missing',
            path,
            `evidence "${e.file}" is not a regular file (a folder, device or pipe)`,
            'point it at the evidence file itself',
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
        // The same file may back many requirements: hash it once.
        const real = realpathSync(full);
        const actual = hashes.get(real) ?? sha256File(real);
        hashes.set(real, actual);
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
