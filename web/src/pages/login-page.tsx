/** Log in with a user name and password; after too many failures the server says how long to wait. */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app/app-context.js';
import { InputField } from '../components/field.js';
import { ErrorNotice, Notice } from '../components/notices.js';
import { PageHeader } from '../components/page-header.js';
import { useNavigate, useSearchParams } from '../lib/router.js';
import { useFormAction } from '../lib/use-form-action.js';
import { AuthLayout } from './auth-layout.js';

/** Where to go after logging in: a path in this app only (never `//host`, never another origin). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/setup')) return '/';
  return next;
}

export function LoginPage() {
  const { api, signedIn, state } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useFormAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const session = await api.login(username, password).catch((caught: unknown) => {
        if (caught instanceof ApiError && caught.code === 'bad-credentials') setPassword('');
        throw caught;
      });
      signedIn(session);
      navigate(safeNext(params.get('next')), { replace: true });
    });
  };

  return (
    <AuthLayout>
      <PageHeader title="Log in" subtitle="Use the account an administrator created for you." />
      {state.kind === 'anonymous' && state.ended ? (
        <Notice tone="warning" title="Your session has ended">
          <p>
            You were logged out (the session expired, or your password or account changed). Log in again to
            continue.
          </p>
        </Notice>
      ) : null}
      {state.kind === 'anonymous' && state.setupRequired ? (
        <Notice tone="info" title="This server has no administrator yet">
          <p>
            Open the one-time setup link the server printed when it started (it ends in{' '}
            <code>/setup#token=…</code>).
          </p>
        </Notice>
      ) : null}
      <form onSubmit={submit} className="form" noValidate>
        <InputField
          label="User name"
          type="text"
          name="username"
          autoComplete="username"
          spellCheck={false}
          value={username}
          onChange={setUsername}
          required
        />
        <InputField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          required
        />
        <ErrorNotice error={error} />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthLayout>
  );
}
