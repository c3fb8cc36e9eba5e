/** The signed-in person's account: who they are, and changing their password. */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { effectiveRole, useApp, useSession } from '../app/app-context.js';
import { InputField, issueFor } from '../components/field.js';
import { NewPasswordField } from '../components/new-password-field.js';
import { ErrorNotice, Notice } from '../components/notices.js';
import { PageHeader } from '../components/page-header.js';
import { formatDateTime } from '../lib/format.js';
import { ROLE_LABEL } from '../lib/labels.js';
import { useFormAction } from '../lib/use-form-action.js';

export function AccountPage() {
  const session = useSession();
  const role = effectiveRole(session);
  return (
    <div className="page page--narrow">
      <PageHeader title="Your account" />
      <section className="card" aria-labelledby="account-details">
        <h2 id="account-details" className="card__title">
          Details
        </h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{session.user.displayName}</dd>
          <dt>User name</dt>
          <dd>{session.user.username}</dd>
          <dt>Role</dt>
          <dd>
            {ROLE_LABEL[role].label} — {ROLE_LABEL[role].can}
          </dd>
          <dt>Password last changed</dt>
          <dd>{formatDateTime(session.user.passwordChangedAt)}</dd>
          {session.expiresAt ? (
            <>
              <dt>This session ends</dt>
              <dd>{formatDateTime(session.expiresAt)} at the latest</dd>
            </>
          ) : null}
        </dl>
      </section>
      {session.via === 'session' ? <ChangePassword /> : null}
    </div>
  );
}

function ChangePassword() {
  const { api, refresh } = useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useFormAction();

  const weak = error instanceof ApiError && error.code === 'weak-password' ? error.message : null;
  const wrongCurrent =
    error instanceof ApiError &&
    (error.code === 'bad-credentials' || error.code === 'invalid-current-password')
      ? error.message
      : issueFor(error, 'currentPassword');
  const mismatch = confirm !== '' && confirm !== next ? 'The two new passwords are not the same.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (next !== confirm) {
      setError(new Error('The two new passwords are not the same: type the new password twice.'));
      return;
    }
    await run(async () => {
      await api.changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      // The server ends every other session and may issue a new CSRF token for this one.
      await refresh();
    });
  };

  return (
    <section className="card" aria-labelledby="change-password">
      <h2 id="change-password" className="card__title">
        Change your password
      </h2>
      <form onSubmit={submit} className="form" noValidate>
        <InputField
          label="Current password"
          error={wrongCurrent}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          required
        />
        <NewPasswordField
          label="New password"
          error={weak ?? issueFor(error, 'newPassword')}
          value={next}
          onChange={setNext}
          required
        />
        <InputField
          label="New password again"
          error={mismatch}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          required
        />
        <ErrorNotice error={error} />
        {done ? (
          <Notice tone="success" title="Password changed">
            <p>Your other sessions were logged out; this one continues.</p>
          </Notice>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
