/** Create a product; the next step is its profile, so that is where the form leads. */
import { useState } from 'react';
import { useApi } from '../app/app-context.js';
import { PageHeader } from '../components/page-header.js';
import { useNavigate } from '../lib/router.js';
import { createBody, EMPTY_FIELDS, ProductForm } from './product/product-form.js';
import { productPath } from './product/product-paths.js';

export function NewProductPage() {
  const api = useApi();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="page page--narrow">
      <PageHeader
        title="New product"
        crumbs={[{ label: 'Portfolio', to: '/' }]}
        subtitle="After this, answer the product profile: it decides which requirements apply."
      />
      <section className="card">
        <ProductForm
          initial={EMPTY_FIELDS}
          submitLabel="Create the product"
          busyLabel="Creating…"
          error={error}
          onSubmit={async (fields) => {
            setError(null);
            try {
              const product = await api.products.create(createBody(fields));
              navigate(productPath(product.id, 'profile'));
            } catch (caught) {
              setError(caught);
            }
          }}
        />
      </section>
    </div>
  );
}
