/**
 * Parses YAML (and JSON, which YAML 1.2 reads too) keeping the source so that a path inside the
 * value can be turned back into a line and column for messages.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostic.js';

export type PathSegment = string | number;

export interface ParsedSource {
  readonly value: unknown;
  /** Line/column of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly PathSegment[], which?: 'key' | 'value'): { line: number; column: number } | null;
  /** The keys of the mapping at `path` as written in the file (including keys toJS would drop). */
  keysAt(path: readonly PathSegment[]): string[];
}

export function parseSource(
  text: string,
  file: string,
): { parsed: ParsedSource | null; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
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
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
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
