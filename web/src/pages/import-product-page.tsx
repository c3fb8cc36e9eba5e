/** Create a product from an assessment file made with the command line tool (and its evidence files). */
import { type FormEvent, useRef, useState } from 'react';
import { useApi } from '../app/app-context.js';
import { Field } from '../components/field.js';
import { diagnosticsOf, ImportDiagnostics } from '../components/import-diagnostics.js';
import { ErrorNotice } from '../components/notices.js';
import { PageHeader } from '../components/page-header.js';
import { useNavigate } from '../lib/router.js';
import { useFormAction } from '../lib/use-form-action.js';
import { productPath } from './product/product-paths.js';

export function ImportProductPage() {
  const api = useApi();
  const navigate = useNavigate();
  const assessmentRef = useRef<HTMLInputElement>(null);
  const evidenceRef = useRef<HTMLInputElement>(null);
  const { busy, error, setError, run } = useFormAction();
  const [fileName, setFileName] = useState('assessment.yaml');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const assessment = assessmentRef.current?.files?.[0];
    if (!assessment) return setError(new Error('Choose the assessment file (YAML) to import.'));
    setFileName(assessment.name);
    const form = new FormData();
    form.append('assessment', assessment, assessment.name);
    for (const file of evidenceRef.current?.files ?? []) form.append('evidence', file, file.name);
    await run(async () => {
      const result = await api.products.importNew(form);
      navigate(productPath(result.product.id));
    });
  };

  const diagnostics = diagnosticsOf(error);
  return (
    <div className="page page--narrow">
      <PageHeader
        title="Import an assessment file"
        crumbs={[{ label: 'Portfolio', to: '/' }]}
        subtitle={
          <>
            A YAML file written by <code>iotassure init</code> becomes a new product, with its profile,
            statuses and evidence.
          </>
        }
      />
      <section className="card">
        <form className="form" onSubmit={submit} noValidate>
          <Field label="Assessment file" hint="YAML, at most 2 MB; checked as iotassure validate does.">
            {(p) => (
              <input {...p} ref={assessmentRef} type="file" accept=".yaml,.yml,application/yaml,text/yaml" />
            )}
          </Field>
          <Field
            label="Evidence files (optional)"
            hint="The files its evidence entries name; matched by SHA-256."
          >
            {(p) => <input {...p} ref={evidenceRef} type="file" multiple />}
          </Field>
          <ErrorNotice
            error={error}
            title={diagnostics.length > 0 ? 'The file was not imported' : undefined}
          />
          <ImportDiagnostics diagnostics={diagnostics} fileName={fileName} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Importing…' : 'Import'}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
