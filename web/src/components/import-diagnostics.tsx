/** Problems the server found in an imported assessment file, located by line and column like `iotassure validate`. */
import { ApiError } from '../api/api-error.js';
import type { ImportDiagnostic } from '../api/api-types.js';

export function diagnosticsOf(error: unknown): ImportDiagnostic[] {
  if (!(error instanceof ApiError) || error.code !== 'invalid-assessment') return [];
  const list = (error.details as { diagnostics?: unknown } | undefined)?.diagnostics;
  return Array.isArray(list) ? (list as ImportDiagnostic[]) : [];
}

export function ImportDiagnostics({
  diagnostics,
  fileName,
}: {
  diagnostics: readonly ImportDiagnostic[];
  fileName: string;
}) {
  if (diagnostics.length === 0) return null;
  return (
    <ol className="diagnostics">
      {diagnostics.map((d) => (
        <li
          key={`${d.line}:${d.column}:${d.code}:${d.path}`}
          className={`diagnostic diagnostic--${d.severity}`}
        >
          <span className="diagnostic__where mono">
            {fileName}
            {d.line !== null ? `:${d.line}${d.column !== null ? `:${d.column}` : ''}` : ''}
          </span>{' '}
          <span className="diagnostic__severity">{d.severity}</span> {d.message}
          {d.path ? <span className="muted"> ({d.path})</span> : null}
          {d.hint ? <span className="diagnostic__hint">{d.hint}</span> : null}
          <span className="diagnostic__code muted">{d.code}</span>
        </li>
      ))}
    </ol>
  );
}
