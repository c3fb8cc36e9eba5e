/**
 * Reports in every format the server renders, the product as a YAML assessment file (the same
 * format as the command line tool's), and importing such a file back into the product.
 */
import { type FormEvent, useRef, useState } from 'react';
import { REPORT_FORMATS, type ReportFormat } from '../../../../src/renderers/renderer.js';
import { ApiError } from '../../api/api-error.js';
import type { ImportResult } from '../../api/api-types.js';
import { useApi, useCan } from '../../app/app-context.js';
import { ConflictNotice } from '../../components/conflict-notice.js';
import { Field } from '../../components/field.js';
import { diagnosticsOf, ImportDiagnostics } from '../../components/import-diagnostics.js';
import { ErrorNotice, Notice } from '../../components/notices.js';
import { formatDateTime } from '../../lib/format.js';
import { useFormAction } from '../../lib/use-form-action.js';
import type { TabProps } from './product-page.js';

/** How each report format is offered; a format without an entry is still offered, by its name. */
const FORMAT_INFO: Readonly<Record<string, { label: string; about: string }>> = {
  html: { label: 'HTML', about: 'A standalone page with a chart, for reading and sharing' },
  pdf: { label: 'PDF', about: 'For customers and auditors' },
  xlsx: { label: 'Excel (XLSX)', about: 'The checklist with a status drop-down, to edit and import back' },
  csv: { label: 'CSV', about: 'One row per requirement' },
  md: { label: 'Markdown', about: 'For wikis and pull requests' },
  text: { label: 'Plain text', about: 'As the terminal shows it' },
  json: { label: 'JSON', about: 'The full report model (docs/report-json.md)' },
  oscal: { label: 'OSCAL', about: 'Assessment results, OSCAL 1.2 JSON' },
};

const FORMATS = [...REPORT_FORMATS].sort((a, b) => order(a) - order(b)) as ReportFormat[];

function order(format: string): number {
  const i = Object.keys(FORMAT_INFO).indexOf(format);
  return i === -1 ? 99 : i;
}

export function FilesTab({ detail, resource }: TabProps) {
  const api = useApi();
  const canEdit = useCan('assessor');
  const { product } = detail;
  return (
    <div className="files-layout">
      <section className="card" aria-labelledby="reports-title">
        <h2 id="reports-title" className="card__title">
          Reports
        </h2>
        <p className="muted">Generated now from the product's current state.</p>
        <ul className="downloads">
          {FORMATS.map((format) => (
            <li key={format} className="download">
              <a className="download__link" href={api.links.report(product.id, format)} download>
                <span className="download__format">{FORMAT_INFO[format]?.label ?? format.toUpperCase()}</span>
                <span className="download__about">
                  {FORMAT_INFO[format]?.about ?? `The ${format} report`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="exchange-title">
        <h2 id="exchange-title" className="card__title">
          Assessment file (YAML)
        </h2>
        <p>
          The product as one YAML file, the same format as <code>iotassure init</code> writes: review it in
          git, check it with <code>iotassure validate</code>, gate a release with <code>iotassure check</code>
          .
        </p>
        <p>
          <a className="button" href={api.links.export(product.id)} download>
            Export YAML
          </a>
        </p>
        {canEdit ? (
          <ImportIntoProduct
            productId={product.id}
            revision={product.revision}
            onImported={resource.reload}
          />
        ) : null}
      </section>
    </div>
  );
}

function ImportIntoProduct({
  productId,
  revision,
  onImported,
}: {
  productId: string;
  revision: number;
  onImported: () => Promise<unknown>;
}) {
  const api = useApi();
  const assessmentRef = useRef<HTMLInputElement>(null);
  const evidenceRef = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { busy, error, setError, run } = useFormAction();
  const [fileName, setFileName] = useState('assessment.yaml');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const assessment = assessmentRef.current?.files?.[0];
    if (!assessment) return setError(new Error('Choose the assessment file (YAML) to import.'));
    if (
      !window.confirm(
        'Replace this product’s profile, statuses and evidence with the file’s? The history keeps the current values.',
      )
    )
      return;
    setFileName(assessment.name);
    const form = new FormData();
    form.append('expectedRevision', String(revision));
    form.append('assessment', assessment, assessment.name);
    for (const file of evidenceRef.current?.files ?? []) form.append('evidence', file, file.name);
    setResult(null);
    await run(async () => {
      setResult(await api.products.import(productId, form));
      await onImported();
    });
  };

  const diagnostics = diagnosticsOf(error);
  return (
    <form className="form import-form" onSubmit={submit} noValidate>
      <h3 className="subsection-title">Import into this product</h3>
      <p className="muted">
        Replaces the product's state with the file's. Files the assessment cites as evidence are matched by
        SHA-256.
      </p>
      <Field label="Assessment file" hint="YAML, at most 2 MB.">
        {(p) => (
          <input {...p} ref={assessmentRef} type="file" accept=".yaml,.yml,application/yaml,text/yaml" />
        )}
      </Field>
      <Field label="Evidence files (optional)" hint="The files the assessment's evidence entries name.">
        {(p) => <input {...p} ref={evidenceRef} type="file" multiple />}
      </Field>
      {error instanceof ApiError && error.isStale ? (
        <ConflictNotice
          what="this product"
          current={
            <p>
              Revision {String((error.current as { revision?: number } | null)?.revision ?? 'unknown')},
              changed {formatDateTime((error.current as { updatedAt?: string } | null)?.updatedAt)}
            </p>
          }
          onReload={async () => {
            await onImported();
            setError(null);
          }}
        />
      ) : (
        <ErrorNotice error={error} title={diagnostics.length > 0 ? 'The file was not imported' : undefined} />
      )}
      <ImportDiagnostics diagnostics={diagnostics} fileName={fileName} />
      {result ? (
        <Notice tone="success" title="Imported">
          <p>The product now holds the file's profile, statuses and evidence.</p>
          <ImportDiagnostics diagnostics={result.warnings} fileName={fileName} />
        </Notice>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
