/** The server's password rules, shown before anyone types (GET /api/v1/password-policy). */
import { useApi } from '../app/app-context.js';
import { useResource } from '../lib/use-resource.js';

export function PasswordRules({ id }: { id: string }) {
  const api = useApi();
  const policy = useResource(() => api.passwordPolicy(), [api]);
  if (!policy.data)
    return (
      <p id={id} className="field__hint">
        Loading the password rules…
      </p>
    );
  return (
    <div id={id} className="password-rules">
      <p className="password-rules__title">The password must follow these rules:</p>
      <ul>
        {policy.data.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </div>
  );
}
