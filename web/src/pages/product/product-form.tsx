/** The product's own fields, for creating a product and for editing one. */
import { type FormEvent, useState } from 'react';
import type { Product, Stakeholder } from '../../api/api-types.js';
import { Field, issueFor } from '../../components/field.js';
import { ErrorNotice } from '../../components/notices.js';
import { STAKEHOLDER_LABEL } from '../../lib/labels.js';

export interface ProductFields {
  readonly name: string;
  readonly model: string;
  readonly version: string;
  readonly manufacturer: string;
  readonly description: string;
  readonly roles: readonly Stakeholder[];
}

export const EMPTY_FIELDS: ProductFields = {
  name: '',
  model: '',
  version: '',
  manufacturer: '',
  description: '',
  roles: [],
};

export function fieldsOf(product: Product): ProductFields {
  return {
    name: product.name,
    model: product.model ?? '',
    version: product.version ?? '',
    manufacturer: product.manufacturer ?? '',
    description: product.description ?? '',
    roles: product.roles,
  };
}

const TEXT_FIELDS = ['model', 'version', 'manufacturer', 'description'] as const;
const STAKEHOLDERS = Object.keys(STAKEHOLDER_LABEL) as Stakeholder[];

/** The fields that differ from `before`, as the PATCH body wants them (blank → null). */
export function changedFields(before: ProductFields, after: ProductFields) {
  const changes: {
    name?: string;
    model?: string | null;
    version?: string | null;
    manufacturer?: string | null;
    description?: string | null;
    roles?: Stakeholder[];
  } = {};
  if (after.name.trim() !== before.name.trim()) changes.name = after.name.trim();
  for (const key of TEXT_FIELDS) {
    if (after[key].trim() !== before[key].trim())
      changes[key] = after[key].trim() === '' ? null : after[key].trim();
  }
  const sameRoles =
    after.roles.length === before.roles.length && after.roles.every((r) => before.roles.includes(r));
  if (!sameRoles) changes.roles = [...after.roles];
  return changes;
}

/** The POST body of a new product: blank optional fields are left out. */
export function createBody(fields: ProductFields) {
  const body: {
    name: string;
    model?: string;
    version?: string;
    manufacturer?: string;
    description?: string;
    roles: Stakeholder[];
  } = {
    name: fields.name.trim(),
    roles: [...fields.roles],
  };
  for (const key of TEXT_FIELDS) if (fields[key].trim() !== '') body[key] = fields[key].trim();
  return body;
}

export interface ProductFormProps {
  readonly initial: ProductFields;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly onSubmit: (fields: ProductFields) => Promise<void>;
  readonly disabled?: boolean;
  readonly error: unknown;
  readonly onChange?: () => void;
}

export function ProductForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  error,
  disabled = false,
  onChange,
}: ProductFormProps) {
  const [fields, setFields] = useState(initial);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ProductFields>) => {
    setFields({ ...fields, ...patch });
    onChange?.();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form product-form" onSubmit={submit} noValidate>
      <fieldset disabled={disabled} className="plain-fieldset">
        <Field
          label="Name"
          hint="What the product is called, e.g. “Acme Cam 2”."
          error={issueFor(error, 'name')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              value={fields.name}
              onChange={(e) => set({ name: e.target.value })}
              required
              maxLength={200}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label="Manufacturer" error={issueFor(error, 'manufacturer')}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={fields.manufacturer}
                onChange={(e) => set({ manufacturer: e.target.value })}
                maxLength={200}
              />
            )}
          </Field>
          <Field label="Model" error={issueFor(error, 'model')}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={fields.model}
                onChange={(e) => set({ model: e.target.value })}
                maxLength={200}
              />
            )}
          </Field>
          <Field
            label="Version"
            hint="Firmware or hardware version assessed."
            error={issueFor(error, 'version')}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                value={fields.version}
                onChange={(e) => set({ version: e.target.value })}
                maxLength={100}
              />
            )}
          </Field>
        </div>
        <Field label="Description" error={issueFor(error, 'description')}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={fields.description}
              onChange={(e) => set({ description: e.target.value })}
              maxLength={5000}
            />
          )}
        </Field>
        <fieldset className="checkbox-group">
          <legend>Your organisation's roles for this product</legend>
          <p className="field__hint">
            The Code of Practice says which stakeholders each guideline primarily applies to.
          </p>
          {STAKEHOLDERS.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={fields.roles.includes(s)}
                onChange={(e) =>
                  set({
                    roles: e.target.checked ? [...fields.roles, s] : fields.roles.filter((r) => r !== s),
                  })
                }
              />
              <span>{STAKEHOLDER_LABEL[s]}</span>
            </label>
          ))}
          {issueFor(error, 'roles') ? <p className="field__error">{issueFor(error, 'roles')}</p> : null}
        </fieldset>
        <ErrorNotice error={error} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
