/**
 * A labelled form control with its hint and error tied to it (aria-describedby), so every control
 * has a visible label and screen readers read the hint and the problem with it.
 */
import { type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { ApiError } from '../api/api-error.js';

export interface ControlProps {
  readonly id: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: true;
}

export interface FieldProps {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly className?: string;
  readonly children: (control: ControlProps) => ReactNode;
}

export function Field({ label, hint, error, className = '', children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field--invalid' : ''} ${className}`.trim()}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {hint ? (
        <p className="field__hint" id={hintId ?? undefined}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId ?? undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What an InputField passes on to its `<input>` (the Field sets the id and ties the hint and error). */
type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'className' | 'children'
>;

export type InputFieldProps = Omit<FieldProps, 'children'> &
  InputAttributes & {
    readonly value: string;
    readonly onChange: (value: string) => void;
  };

/**
 * A Field holding one `<input>` bound to a string. An `aria-describedby` of the caller (e.g. the
 * password rules below the field) is read after the field's own hint and error.
 */
export function InputField({
  label,
  hint,
  error,
  className,
  value,
  onChange,
  'aria-describedby': describedBy,
  ...input
}: InputFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <input
          {...input}
          {...control}
          aria-describedby={[control['aria-describedby'], describedBy].filter(Boolean).join(' ') || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The message of a failed call's 400 issue about one body field (`body.name`), to show under that field. */
export function issueFor(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const match = error.issues.find((i) => i.path === `body.${field}` || i.path.startsWith(`body.${field}.`));
  return match ? match.message : null;
}
