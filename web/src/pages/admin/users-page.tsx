/** Administration: the user accounts, their roles, disabling them, and creating new ones. */
import { type FormEvent, useState } from 'react';
import { ROLES } from '../../../../src/server/access/roles.js';
import { ApiError } from '../../api/api-error.js';
import type { Role, User } from '../../api/api-types.js';
import { useApi, useSession } from '../../app/app-context.js';
import { InputField, issueFor } from '../../components/field.js';
import { NewPasswordField } from '../../components/new-password-field.js';
import { ErrorNotice, Loading, Notice } from '../../components/notices.js';
import { PageHeader } from '../../components/page-header.js';
import { RoleField } from '../../components/role-field.js';
import { formatDateTime } from '../../lib/format.js';
import { ROLE_LABEL } from '../../lib/labels.js';
import { useFormAction } from '../../lib/use-form-action.js';
import { useResource } from '../../lib/use-resource.js';
import { AdminNav } from './admin-nav.js';

export function UsersPage() {
  const api = useApi();
  const me = useSession().user;
  const users = useResource(() => api.users.list(), [api]);
  const [rowError, setRowError] = useState<{ id: string; error: unknown } | null>(null);
  const [status, setStatus] = useState('');

  const update = async (user: User, change: { role?: Role; disabled?: boolean }, done: string) => {
    setRowError(null);
    setStatus('');
    try {
      await api.users.update(user.id, change);
      await users.reload();
      setStatus(done);
    } catch (error) {
      setRowError({ id: user.id, error });
    }
  };

  return (
    <div className="page">
      <PageHeader title="Administration" documentTitle="Users · Administration" />
      <AdminNav />
      <div className="admin-layout">
        <section className="card" aria-labelledby="users-title">
          <h2 id="users-title" className="card__title">
            Users
          </h2>
          <p role="status" aria-live="polite" className="save-status save-status--saved">
            {status}
          </p>
          <ErrorNotice error={users.error} />
          {!users.data ? (
            users.error ? null : (
              <Loading />
            )
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">User accounts</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Password changed</th>
                    <th scope="col">Account</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => {
                    const self = user.id === me.id;
                    return (
                      <tr key={user.id} className={user.disabled ? 'row--disabled' : ''}>
                        <th scope="row">
                          <span className="user-name">{user.displayName}</span>
                          <span className="muted mono">{user.username}</span>
                          {self ? <span className="tag">You</span> : null}
                          {rowError?.id === user.id ? <ErrorNotice error={rowError.error} /> : null}
                        </th>
                        <td>
                          <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                            Role of {user.username}
                          </label>
                          <select
                            id={`role-${user.id}`}
                            value={user.role}
                            disabled={self}
                            title={self ? 'You cannot change your own role' : undefined}
                            onChange={(e) =>
                              update(
                                user,
                                { role: e.target.value as Role },
                                `${user.username} is now ${ROLE_LABEL[e.target.value as Role].label.toLowerCase()}.`,
                              )
                            }
                          >
                            {ROLES.map((r) => (
                              <option key={r} value={r}>
                                {ROLE_LABEL[r].label}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>{formatDateTime(user.passwordChangedAt)}</td>
                        <td>
                          {user.disabled ? (
                            <span className="tag tag--archived">Disabled</span>
                          ) : (
                            <span className="tag tag--ok">Active</span>
                          )}{' '}
                          {self ? null : (
                            <button
                              type="button"
                              className={
                                user.disabled
                                  ? 'button button--small'
                                  : 'button button--small button--danger-ghost'
                              }
                              onClick={() => {
                                if (
                                  !user.disabled &&
                                  !window.confirm(
                                    `Disable ${user.username}? Their sessions end and their API tokens stop working.`,
                                  )
                                )
                                  return;
                                void update(
                                  user,
                                  { disabled: !user.disabled },
                                  `${user.username} is ${user.disabled ? 'enabled' : 'disabled'}.`,
                                );
                              }}
                            >
                              {user.disabled ? 'Enable' : 'Disable'}
                              <span className="visually-hidden"> {user.username}</span>
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <CreateUser onCreated={users.reload} />
      </div>
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('assessor');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<User | null>(null);
  const { busy, error, run } = useFormAction();
  const weak = error instanceof ApiError && error.code === 'weak-password' ? error.message : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    await run(async () => {
      const user = await api.users.create({ username, displayName, role, password });
      setCreated(user);
      setUsername('');
      setDisplayName('');
      setPassword('');
      await onCreated();
    });
  };

  return (
    <section className="card" aria-labelledby="new-user-title">
      <h2 id="new-user-title" className="card__title">
        New user
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <InputField
          label="Name"
          error={issueFor(error, 'displayName')}
          type="text"
          autoComplete="off"
          value={displayName}
          onChange={setDisplayName}
        />
        <InputField
          label="User name"
          hint="Letters, digits and . _ - @; at least 3 characters."
          error={issueFor(error, 'username')}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={username}
          onChange={setUsername}
        />
        <RoleField role={role} roles={ROLES} error={issueFor(error, 'role')} onChange={setRole} />
        <NewPasswordField
          label="First password"
          hint="Give it to them privately; they should change it after logging in."
          error={weak ?? issueFor(error, 'password')}
          value={password}
          onChange={setPassword}
        />
        <ErrorNotice error={error} />
        {created ? (
          <Notice tone="success" title="User created">
            <p>
              {created.displayName} ({created.username}) can now log in as{' '}
              {ROLE_LABEL[created.role].label.toLowerCase()}.
            </p>
          </Notice>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create user'}
          </button>
        </div>
      </form>
    </section>
  );
}
