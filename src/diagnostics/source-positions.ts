/**
 * Parses YAML (and JSON, which YAML 1.2 reads too) keeping the source so that a path inside the
 * value can be turned back into a line and column for messages.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { Diagnostic } from './diagnostic.js';

export type PathSegment = string | number;

export interface ParsedSource {
  readonly value: unknown;
  /** Line/column of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly PathSegment[], which?: 'key' | 'value'): { line: number; column: number } | null;
  /** The keys of the mapping at `path` as written in the file (including keys toJS would drop). */
  keysAt(path: readonly PathSegment[]): string[];
  /** The parsed value at `path`, if there is one. */
  valueAt(path: readonly PathSegment[]): unknown;
}

export function parseSource(
  text: string,
  file: string,
): { parsed: ParsedSource | null; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  // The library's own duplicate-key check compares every key with every other (quadratic in the
  // size of a map): a 1 MB file of keys took minutes. Keys are checked below with a Set instead.
  // logLevel 'error': its warnings (unknown tags…) become our diagnostics, not stray stderr output.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  } catch (error) {
    const deep = error instanceof RangeError;
    return {
      parsed: null,
      diagnostics: [
        {
          severity: 'error',
          code: 'syntax',
          file,
          line: null,
          column: null,
          path: '',
          message: deep ? 'the document is nested too deeply to read' : (error as Error).message,
          hint: deep ? 'an assessment needs only a few levels of nesting' : null,
        },
      ],
    };
  }
  const syntaxError = (
    line: number | null,
    column: number | null,
    message: string,
    hint: string,
  ): Diagnostic => ({
    severity: 'error',
    code: 'syntax',
    file,
    line,
    column,
    path: '',
    message,
    hint,
  });
  const problems = [...doc.errors, ...doc.warnings];
  const diagnostics: Diagnostic[] = problems.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return syntaxError(
      pos.line,
      pos.col,
      e.message.split('\n')[0] ?? e.message,
      e.code === 'DUPLICATE_KEY'
        ? 'remove or rename one of the two keys'
        : 'check indentation, quotes and colons here',
    );
  });
  if (diagnostics.length === 0) diagnostics.push(...keyProblems(doc, lineCounter, syntaxError));
  if (diagnostics.length > 0) return { parsed: null, diagnostics };
  let value: unknown;
  try {
    // The alias limit stops "billion laughs" documents from exhausting memory.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      parsed: null,
      diagnostics: [
        syntaxError(null, null, (error as Error).message, 'do not use YAML anchors and aliases this way'),
      ],
    };
  }
  const toPosition = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const parsed: ParsedSource = {
    value,
    valueAt(path) {
      return valueAtPath(value, path);
    },
    keysAt(path) {
      const node = doc.getIn(path, true);
      return isMap(node)
        ? node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)))
        : [];
    },
    locate(path, which = 'value') {
      let node: unknown = doc.contents;
      let keyNode: unknown = null;
      let best: { line: number; column: number } | null = null;
      const rangeOf = (n: unknown) =>
        n && typeof n === 'object' && 'range' in n ? (n as Node).range : undefined;
      const start = rangeOf(node);
      if (start) best = toPosition(start[0]);
      for (const segment of path) {
        keyNode = null;
        if (isMap(node)) {
          const pair = node.items.find(
            (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
          );
          if (!pair) break;
          keyNode = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
        } else break;
        const r = rangeOf(which === 'key' && keyNode ? keyNode : node) ?? rangeOf(keyNode);
        if (r) best = toPosition(r[0]);
      }
      return best;
    },
  };
  return { parsed, diagnostics };
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

/**
 * Keys that are not plain values, and keys that repeat within one mapping — compared as the
 * strings they become in the parsed object, so `10:` and `"10":` (or `0xA:`) are duplicates too.
 * One pass with a Set per mapping: linear in the size of the document.
 */
function keyProblems(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  syntaxError: (line: number | null, column: number | null, message: string, hint: string) => Diagnostic,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const at = (node: unknown) => {
    const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined;
    return range ? lineCounter.linePos(range[0]) : { line: null, col: null };
  };
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          const pos = at(pair.key);
          found.push(
            syntaxError(
              pos.line,
              pos.col,
              'a key must be a plain value, not a list or mapping',
              'write the key as text',
            ),
          );
          continue;
        }
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const pos = at(pair.key);
          found.push(
            syntaxError(
              pos.line,
              pos.col,
              `the key "${key}" appears twice in this mapping`,
              'remove or rename one of the two keys',
            ),
          );
        }
        seen.add(key);
      }
    },
  });
  return found;
}

/** Walks a parsed value along a path of keys and indexes. */
export function valueAtPath(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string | number, unknown>)[segment]
        : undefined;
  }
  return node;
}
