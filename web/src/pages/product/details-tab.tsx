/** The product's own fields (edit) and archiving; viewers see the fields read-only. */
import { useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import type { Product } from '../../api/api-types.js';
import { useApi, useCan } from '../../app/app-context.js';
import { ConflictNotice } from '../../components/conflict-notice.js';
import { ErrorNotice, Notice } from '../../components/notices.js';
import { formatDateTime } from '../../lib/format.js';
import { STAKEHOLDER_LABEL } from '../../lib/labels.js';
import { changedFields, fieldsOf, ProductForm } from './product-form.js';
import type { TabProps } from './product-page.js';

export function DetailsTab({ detail, resource }: TabProps) {
  const api = useApi();
  const canEdit = useCan('assessor');
  const { product } = detail;
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [archiveError, setArchiveError] = useState<unknown>(null);
  const [archiving, setArchiving] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const reloadAll = async () => {
    await resource.reload();
    setError(null);
    setFormKey((k) => k + 1);
  };

  const conflictOf = (e: unknown) =>
    e instanceof ApiError && e.isStale ? (e.current as Product | null) : null;

  return (
    <div className="details-layout">
      <section className="card" aria-labelledby="fields-title">
        <h2 id="fields-title" className="card__title">
          Product details
        </h2>
        {canEdit ? (
          <>
            {conflictOf(error) !== null || (error instanceof ApiError && error.isStale) ? (
              <ConflictNotice
                what="the product details"
                current={<ProductSummary product={conflictOf(error)} />}
                onReload={reloadAll}
              />
            ) : null}
            <ProductForm
              key={`${product.id}:${formKey}`}
              initial={fieldsOf(product)}
              submitLabel="Save details"
              busyLabel="Saving…"
              error={error instanceof ApiError && error.isStale ? null : error}
              onChange={() => setSaved(false)}
              onSubmit={async (fields) => {
                setError(null);
                setSaved(false);
                const changes = changedFields(fieldsOf(product), fields);
                if (Object.keys(changes).length === 0) {
                  setSaved(true);
                  return;
                }
                try {
                  await api.products.update(product.id, { expectedRevision: product.revision, ...changes });
                  await resource.reload();
                  setSaved(true);
                } catch (caught) {
                  setError(caught);
                }
              }}
            />
            <p role="status" aria-live="polite" className="save-status save-status--saved">
              {saved ? 'Details saved.' : ''}
            </p>
          </>
        ) : (
          <ProductSummary product={product} />
        )}
      </section>
      <div className="details-side">
        <section className="card" aria-labelledby="archive-title">
          <h2 id="archive-title" className="card__title">
            {product.archivedAt ? 'Archived' : 'Archive'}
          </h2>
          {product.archivedAt ? (
            <p>
              Archived {formatDateTime(product.archivedAt)}. It is hidden from the portfolio unless you show
              archived products; nothing is deleted.
            </p>
          ) : (
            <p>
              Archiving hides the product from the portfolio (e.g. at its end of support). Its assessment,
              evidence and history stay, and it can be restored.
            </p>
          )}
          {canEdit ? (
            <>
              {archiveError instanceof ApiError && archiveError.isStale ? (
                <ConflictNotice
                  what="this product"
                  current={<ProductSummary product={archiveError.current as Product | null} />}
                  onReload={async () => {
                    await reloadAll();
                    setArchiveError(null);
                  }}
                />
              ) : (
                <ErrorNotice error={archiveError} />
              )}
              <button
                type="button"
                className={product.archivedAt ? 'button' : 'button button--danger'}
                disabled={archiving}
                onClick={async () => {
                  setArchiving(true);
                  setArchiveError(null);
                  try {
                    if (product.archivedAt) await api.products.unarchive(product.id, product.revision);
                    else await api.products.archive(product.id, product.revision);
                    await resource.reload();
                  } catch (caught) {
                    setArchiveError(caught);
                  } finally {
                    setArchiving(false);
                  }
                }}
              >
                {product.archivedAt ? 'Restore the product' : 'Archive the product'}
              </button>
            </>
          ) : null}
        </section>
        <section className="card" aria-labelledby="record-title">
          <h2 id="record-title" className="card__title">
            Record
          </h2>
          <dl className="facts">
            <dt>Created</dt>
            <dd>
              {formatDateTime(product.createdAt)} by {product.createdBy}
            </dd>
            <dt>Last changed</dt>
            <dd>
              {formatDateTime(product.updatedAt)} by {product.updatedBy}
            </dd>
            <dt>Revision</dt>
            <dd>{product.revision}</dd>
          </dl>
        </section>
      </div>
    </div>
  );
}

function ProductSummary({ product }: { product: Product | null }) {
  if (!product) return <Notice>The current version could not be shown; reload to see it.</Notice>;
  return (
    <dl className="facts">
      <dt>Name</dt>
      <dd>{product.name}</dd>
      <dt>Manufacturer</dt>
      <dd>{product.manufacturer ?? '—'}</dd>
      <dt>Model</dt>
      <dd>{product.model ?? '—'}</dd>
      <dt>Version</dt>
      <dd>{product.version ?? '—'}</dd>
      <dt>Description</dt>
      <dd className="prewrap">{product.description ?? '—'}</dd>
      <dt>Roles</dt>
      <dd>{product.roles.length > 0 ? product.roles.map((r) => STAKEHOLDER_LABEL[r]).join(', ') : '—'}</dd>
      <dt>Changed</dt>
      <dd>
        {formatDateTime(product.updatedAt)} by {product.updatedBy}
      </dd>
    </dl>
  );
}
