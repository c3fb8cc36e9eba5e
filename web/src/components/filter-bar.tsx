/**
 * The filter bar above a long list: labelled controls in a row, and "Clear filters" while any
 * filter is set. Filters apply as they change, so the form has nothing to submit (Enter in the
 * search box must not reload the page).
 */
import { type ReactNode, useId } from 'react';

export function FilterBar({
  label,
  onClear,
  children,
}: {
  /** The accessible name of the search landmark: "Filter products". */
  label: string;
  /** Clears every filter; null while none is set, which hides the button. */
  onClear: (() => void) | null;
  children: ReactNode;
}) {
  return (
    <search aria-label={label}>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {children}
        {onClear ? (
          <button type="button" className="button button--ghost filters__clear" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </form>
    </search>
  );
}

/** One labelled control of a filter bar; `children` gets the id its control must carry. */
export function FilterField({
  label,
  grow = false,
  children,
}: {
  label: string;
  /** Takes the room left in the row (the search box). */
  grow?: boolean;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={grow ? 'filters__field filters__field--grow' : 'filters__field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** The search box of a filter bar. */
export function FilterSearch({
  placeholder,
  value,
  onChange,
}: {
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FilterField label="Search" grow>
      {(id) => (
        <input
          id={id}
          type="search"
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FilterField>
  );
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

/** A drop-down filter; `any` labels the empty choice (no filter), when the filter has one. */
export function FilterSelect({
  label,
  value,
  any,
  options,
  onChange,
}: {
  label: string;
  value: string;
  any?: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}) {
  return (
    <FilterField label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {any === undefined ? null : <option value="">{any}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FilterField>
  );
}
