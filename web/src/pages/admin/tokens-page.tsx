/**
 * Administration: API tokens for CI and scripts. A new token's secret is shown once, here, with a
 * copy button; the server keeps only its hash. Revoking stops it at once.
 */
import { type FormEvent, useState } from 'react';
import { ROLES, roleAtLeast } from '../../../../src/server/access/roles.js';
import type { ApiToken, CreatedToken, Role } from '../../api/api-types.js';
import { effectiveRole, useApi, useSession } from '../../app/app-context.js';
import { CopyButton } from '../../components/copy-button.js';
import { InputField, issueFor } from '../../components/field.js';
import { ErrorNotice, Loading } from '../../components/notices.js';
import { PageHeader } from '../../components/page-header.js';
import { RoleField } from '../../components/role-field.js';
import { formatDateTime } from '../../lib/format.js';
import { ROLE_LABEL, tokenState } from '../../lib/labels.js';
import { useFormAction } from '../../lib/use-form-action.js';
import { useResource } from '../../lib/use-resource.js';
import { AdminNav } from './admin-nav.js';

export function TokensPage() {
  const api = useApi();
  const tokens = useResource(() => api.tokens.list(), [api]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const revoke = async (token: ApiToken) => {
    if (!window.confirm(`Revoke “${token.name}”? Scripts using it stop working at once.`)) return;
    setRevokeError(null);
    try {
      await api.tokens.revoke(token.id);
      await tokens.reload();
      setStatus(`“${token.name}” revoked.`);
    } catch (error) {
      setRevokeError(error);
    }
  };

  return (
    <div className="page">
      <PageHeader title="Administration" documentTitle="API tokens · Administration" />
      <AdminNav />
      {created ? <NewSecret created={created} onDone={() => setCreated(null)} /> : null}
      <div className="admin-layout">
        <section className="card" aria-labelledby="tokens-title">
          <h2 id="tokens-title" className="card__title">
            API tokens
          </h2>
          <p className="muted">
            Send a token as <code>Authorization: Bearer iot_…</code>. It acts with its role, never above its
            creator's.
          </p>
          <p role="status" aria-live="polite" className="save-status save-status--saved">
            {status}
          </p>
          <ErrorNotice error={tokens.error ?? revokeError} />
          {!tokens.data ? (
            tokens.error ? null : (
              <Loading />
            )
          ) : tokens.data.items.length === 0 ? (
            <p className="empty">No API tokens yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">API tokens</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.items.map((token) => (
                    <tr key={token.id} className={token.revokedAt ? 'row--disabled' : ''}>
                      <th scope="row">{token.name}</th>
                      <td>{ROLE_LABEL[token.role].label}</td>
                      <td>
                        {formatDateTime(token.createdAt)}
                        {token.createdBy ? (
                          <span className="muted"> by {token.createdBy.username}</span>
                        ) : null}
                      </td>
                      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                      <td>
                        {tokenState(token) === 'revoked' ? (
                          <span className="tag tag--archived">Revoked {formatDateTime(token.revokedAt)}</span>
                        ) : (
                          <>
                            <span className="tag tag--ok">Active</span>{' '}
                            <button
                              type="button"
                              className="button button--small button--danger-ghost"
                              onClick={() => revoke(token)}
                            >
                              Revoke<span className="visually-hidden"> {token.name}</span>
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <CreateToken
          onCreated={async (c) => {
            setCreated(c);
            setStatus('');
            await tokens.reload();
          }}
        />
      </div>
    </div>
  );
}

function NewSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const secretId = 'new-token-secret';
  return (
    <div className="notice notice--success secret" role="alert">
      <p className="notice__title">Token “{created.token.name}” created — copy it now</p>
      <p>This is the only time the secret is shown. Store it in your CI's secret store.</p>
      <div className="secret__value">
        <code id={secretId}>{created.secret}</code>
        <CopyButton text={created.secret} targetId={secretId} label="Copy token" />
      </div>
      <button type="button" className="button button--ghost" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}

function CreateToken({ onCreated }: { onCreated: (created: CreatedToken) => Promise<void> }) {
  const api = useApi();
  const myRole = effectiveRole(useSession());
  const allowed = ROLES.filter((r) => roleAtLeast(myRole, r));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const { busy, error, run } = useFormAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const created = await api.tokens.create({ name, role });
      setName('');
      await onCreated(created);
    });
  };

  return (
    <section className="card" aria-labelledby="new-token-title">
      <h2 id="new-token-title" className="card__title">
        New API token
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <InputField
          label="Name"
          hint="What uses it, e.g. “release pipeline”."
          error={issueFor(error, 'name')}
          type="text"
          autoComplete="off"
          value={name}
          onChange={setName}
        />
        <RoleField role={role} roles={allowed} error={issueFor(error, 'role')} onChange={setRole} />
        <ErrorNotice error={error} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
    </section>
  );
}
