/** Choosing a role for a new user or API token, with what the chosen role may do as the hint. */
import type { Role } from '../api/api-types.js';
import { ROLE_LABEL } from '../lib/labels.js';
import { Field } from './field.js';

export function RoleField({
  role,
  roles,
  error,
  onChange,
}: {
  role: Role;
  /** The roles offered, lowest first. */
  roles: readonly Role[];
  error: string | null;
  onChange: (role: Role) => void;
}) {
  return (
    <Field label="Role" hint={`${ROLE_LABEL[role].label}: ${ROLE_LABEL[role].can}.`} error={error}>
      {(p) => (
        <select {...p} value={role} onChange={(e) => onChange(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r].label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
