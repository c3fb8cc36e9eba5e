/**
 * Reads a YAML or JSON file and validates it against a zod schema, turning every problem into a
 * located Diagnostic. JSON takes a fast path (JSON.parse); the slower position-keeping parser runs
 * only when there is something to report.
 */
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { type Diagnostic, fileDiagnostic, MAX_DIAGNOSTICS } from './diagnostic.js';
import { fastParse } from './fast-yaml.js';
import { nearest } from './nearest.js';
import { formatPath, type ParsedSource, parseSource, valueAtPath } from './source-positions.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export type ReadResult<T> =
  | { readonly ok: true; readonly value: T; readonly source: ParsedSource | null; readonly text: string }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

export function readTextFile(
  file: string,
  maxBytes = DEFAULT_MAX_BYTES,
): { text: string } | { diagnostic: Diagnostic } {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) {
      return {
        diagnostic: fileDiagnostic(
          file,
          'file-unreadable',
          'not a regular file',
          'give the path of a YAML or JSON file',
        ),
      };
    }
    if (stat.size > maxBytes) {
      return {
        diagnostic: fileDiagnostic(
          file,
          'file-too-large',
          `the file is ${stat.size} bytes; the limit is ${maxBytes} bytes`,
          'split the file or check that this is the file you meant',
        ),
      };
    }
    const buffer = readFileSync(file);
    const utf16 = (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
    if (utf16) {
      return {
        diagnostic: fileDiagnostic(file, 'file-unreadable', 'the file is UTF-16 text', 'save it as UTF-8'),
      };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    } catch {
      const bad = firstInvalidUtf8(buffer);
      return {
        diagnostic: fileDiagnostic(
          file,
          'file-unreadable',
          `the file is not valid UTF-8 (first bad byte at offset ${bad})`,
          'save it as UTF-8 (it may be in Latin-1 or Windows-1252)',
        ),
      };
    }
    if (text.includes('\u0000')) {
      return {
        diagnostic: fileDiagnostic(
          file,
          'file-unreadable',
          'the file is binary, not text',
          'give a YAML or JSON text file',
        ),
      };
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const known: Record<string, [string, string]> = {
      ENOENT: ['no such file', 'check the path'],
      EACCES: ['permission denied', 'check the file permissions'],
      ELOOP: ['the path is a loop of symbolic links', 'point it at a real file'],
      EISDIR: ['not a regular file', 'give the path of a YAML or JSON file'],
    };
    const [message, hint] = known[code ?? ''] ?? [(error as Error).message, 'check the path'];
    return { diagnostic: fileDiagnostic(file, 'file-unreadable', message, hint) };
  }
}

function unknownKeyHint(key: string, knownKeys: readonly string[]): string {
  const near = nearest(key, knownKeys, 1);
  return near.length
    ? `did you mean "${near[0]}"? (or remove the key)`
    : 'check the spelling of the key, or remove it';
}

export function zodIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  source: ParsedSource,
  file: string,
  knownKeys: readonly string[] = [],
): Diagnostic[] {
  // Locating is linear in the document; a bounded number of issues keeps a garbage file fast.
  return issues.slice(0, MAX_DIAGNOSTICS).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const at = unknownKeys.length > 0 ? [...path, unknownKeys[0] as string] : path;
    const pos = source.locate(at, unknownKeys.length > 0 ? 'key' : 'value');
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    const allowed =
      issue.code === 'invalid_value' ? issue.values.filter((v): v is string => typeof v === 'string') : [];
    const got = allowed.length ? source.valueAt(path) : undefined;
    const suggestion = typeof got === 'string' ? nearest(got, allowed, 1)[0] : undefined;
    return {
      severity: 'error' as const,
      code: 'schema' as const,
      file,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: formatPath(path),
      message: missing ? `"${String(path.at(-1) ?? 'value')}" is required here and missing` : issue.message,
      hint:
        unknownKeys.length > 0
          ? unknownKeyHint(unknownKeys[0] as string, knownKeys)
          : suggestion
            ? `did you mean "${suggestion}"?`
            : missing
              ? 'add it (a misspelt key nearby may be meant to be this one)'
              : null,
    };
  });
}

export function parseAndValidate<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  options: {
    readonly fastJson?: boolean;
    /** Try the fast YAML reader first (src/diagnostics/fast-yaml.ts); positions are parsed only if needed. */
    readonly fastYaml?: boolean;
    readonly knownKeys?: readonly string[];
  } = {},
): ReadResult<z.output<S>> {
  if (options.fastYaml) {
    const raw = fastParse(text);
    if (raw !== undefined && raw !== null) {
      const result = schema.safeParse(raw);
      if (result.success) return { ok: true, value: result.data, source: lazySource(text, file, raw), text };
    }
  }
  if (options.fastJson ?? file.endsWith('.json')) {
    try {
      const value = JSON.parse(text) as unknown;
      const result = schema.safeParse(value);
      if (result.success) return { ok: true, value: result.data, source: null, text };
    } catch {
      // fall through: the YAML parser reports the syntax error with its position
    }
  }
  const { parsed, diagnostics } = parseSource(text, file);
  if (!parsed) return { ok: false, diagnostics };
  if (parsed.value === null || parsed.value === undefined) {
    const empty: Diagnostic = {
      severity: 'error',
      code: 'schema',
      file,
      line: null,
      column: null,
      path: '',
      message: 'the file is empty (it has no YAML or JSON content)',
      hint: 'for an assessment, `iotassure init` writes a complete starting file',
    };
    return { ok: false, diagnostics: [empty] };
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success)
    return {
      ok: false,
      diagnostics: zodIssuesToDiagnostics(result.error.issues, parsed, file, options.knownKeys),
    };
  return { ok: true, value: result.data, source: parsed, text };
}

export function readStructuredFile<S extends z.ZodType>(
  file: string,
  schema: S,
  maxBytes?: number,
): ReadResult<z.output<S>> {
  const read = readTextFile(file, maxBytes);
  if ('diagnostic' in read) return { ok: false, diagnostics: [read.diagnostic] };
  return parseAndValidate(read.text, file, schema);
}

/** Offset of the first byte that breaks UTF-8, for the message. */
function firstInvalidUtf8(buffer: Buffer): number {
  for (let size = 1; size <= buffer.length; size++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, size), { stream: true });
    } catch {
      return size - 1;
    }
  }
  return buffer.length;
}

/**
 * A ParsedSource for a document the fast reader accepted: keys come from its value; positions, when
 * a diagnostic needs one, from parsing the text again with the position-keeping parser.
 */
function lazySource(text: string, file: string, raw: unknown): ParsedSource {
  let full: ParsedSource | null | undefined;
  return {
    value: raw,
    locate(path, which) {
      if (full === undefined) full = parseSource(text, file).parsed;
      return full?.locate(path, which) ?? null;
    },
    valueAt: (path) => valueAtPath(raw, path),
    keysAt(path) {
      const node = valueAtPath(raw, path);
      return node && typeof node === 'object' && !Array.isArray(node) ? Object.keys(node) : [];
    },
  };
}
