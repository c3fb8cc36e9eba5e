/**
 * First-run setup: whoever holds the one-time token the server printed creates the first
 * administrator. The token arrives in the URL fragment (#token=…), which browsers never send to
 * a server or put in a Referer; it is read once and removed from the address bar and history.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app/app-context.js';
import { InputField, issueFor } from '../components/field.js';
import { NewPasswordField } from '../components/new-password-field.js';
import { ErrorNotice, Loading, Notice } from '../components/notices.js';
import { PageHeader } from '../components/page-header.js';
import { Link, useNavigate } from '../lib/router.js';
import { useFormAction } from '../lib/use-form-action.js';
import { useResource } from '../lib/use-resource.js';
import { AuthLayout } from './auth-layout.js';

/** The token from `#token=…`, or null. */
export function tokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

function takeTokenFromAddress(): string | null {
  const token = tokenFromFragment(window.location.hash);
  if (token !== null) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

export function SetupPage() {
  const { api, signedIn } = useApp();
  const navigate = useNavigate();
  const [fromLink] = useState(takeTokenFromAddress);
  const [token, setToken] = useState(fromLink ?? '');
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useFormAction();
  const status = useResource(() => api.setupStatus(), [api]);

  const mismatch = confirm !== '' && confirm !== password ? 'The two passwords are not the same.' : null;
  const passwordError =
    error instanceof ApiError && error.code === 'weak-password' ? error.message : issueFor(error, 'password');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setError(new Error('The two passwords are not the same: type the new password twice.'));
      return;
    }
    await run(async () => {
      const session = await api.setup({ token: token.trim(), username, displayName, password });
      signedIn(session);
      navigate('/', { replace: true });
    });
  };

  let body: ReactNode;
  if (status.error) body = <ErrorNotice error={status.error} />;
  else if (!status.data) body = <Loading />;
  else if (!status.data.required)
    body = (
      <Notice tone="info" title="Setup is already done">
        <p>
          This server already has an administrator, so the setup link no longer works.{' '}
          <Link to="/login">Log in</Link> instead, or ask an administrator for an account.
        </p>
      </Notice>
    );
  else
    body = (
      <form onSubmit={submit} className="form" noValidate>
        {fromLink ? (
          <Notice tone="success">
            <p>
              Setup token received from the link. It works once: the account you create now is the first
              administrator.
            </p>
          </Notice>
        ) : (
          <InputField
            label="Setup token"
            hint="The part after #token= in the setup link the server printed when it started."
            error={issueFor(error, 'token')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={setToken}
            required
          />
        )}
        <InputField
          label="Your name"
          hint="Shown in the audit trail beside every change you make."
          error={issueFor(error, 'displayName')}
          type="text"
          autoComplete="name"
          value={displayName}
          onChange={setDisplayName}
          required
        />
        <InputField
          label="User name"
          hint="What you type to log in: letters, digits and . _ - @."
          error={issueFor(error, 'username')}
          type="text"
          autoComplete="username"
          spellCheck={false}
          value={username}
          onChange={setUsername}
          required
        />
        <NewPasswordField
          label="Password"
          error={passwordError}
          value={password}
          onChange={setPassword}
          required
        />
        <InputField
          label="Password again"
          error={mismatch}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          required
        />
        <ErrorNotice error={error} />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Creating the administrator…' : 'Create the administrator account'}
        </button>
      </form>
    );

  return (
    <AuthLayout>
      <PageHeader
        title="Set up iotassure"
        subtitle="Create the first administrator. There are no default accounts."
      />
      {body}
    </AuthLayout>
  );
}
