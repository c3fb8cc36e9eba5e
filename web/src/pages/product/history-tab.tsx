/**
 * The product's audit trail, newest first: who changed what, when, from which value to which.
 * Narrowed to one requirement or one guideline's attestation by the address (?requirement=…).
 */
import type { HistoryEvent } from '../../api/api-types.js';
import { useApi } from '../../app/app-context.js';
import { ErrorNotice, Loading } from '../../components/notices.js';
import { Pager } from '../../components/pager.js';
import { useProfileQuestions } from '../../lib/catalog.js';
import { describeValue, formatDateTime, plural } from '../../lib/format.js';
import { changesOf, type FieldChange } from '../../lib/history-diff.js';
import { Link, useSearchParams } from '../../lib/router.js';
import { useResource } from '../../lib/use-resource.js';
import type { TabProps } from './product-page.js';
import { productPath, requirementPath } from './product-paths.js';

const PAGE_SIZE = 50;

export function HistoryTab({ detail }: TabProps) {
  const api = useApi();
  const productId = detail.product.id;
  const [params, setParams] = useSearchParams();
  const requirement = params.get('requirement') ?? undefined;
  const guideline = params.get('guideline') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const questions = useProfileQuestions();
  const history = useResource(
    () => api.products.history(productId, { page, pageSize: PAGE_SIZE, requirement, guideline }),
    [api, productId, page, requirement, guideline, detail.product.updatedAt],
  );
  const questionText = new Map((questions.data?.items ?? []).map((q) => [q.id, q.question]));

  return (
    <section aria-labelledby="history-title" className="history">
      <div className="section-head">
        <h2 id="history-title" className="section-title">
          {requirement
            ? `History of requirement ${requirement}`
            : guideline
              ? `History of the guideline ${guideline} attestation`
              : 'History'}
          <span className="section-title__note">every change, kept for good</span>
        </h2>
        {requirement || guideline ? (
          <div className="button-row">
            <Link
              to={
                requirement
                  ? requirementPath(productId, requirement)
                  : productPath(productId, 'checklist', { guideline, open: `guideline:${guideline}` })
              }
              className="button"
            >
              Open in the checklist
            </Link>
            <Link to={productPath(productId, 'history')} className="button button--ghost">
              Whole product history
            </Link>
          </div>
        ) : null}
      </div>
      <ErrorNotice error={history.error} />
      {!history.data ? (
        history.error ? null : (
          <Loading label="Loading the history…" />
        )
      ) : history.data.items.length === 0 ? (
        <p className="empty">No changes recorded{requirement || guideline ? ' for this yet' : ''}.</p>
      ) : (
        <>
          <p className="result-count">{plural(history.data.total, 'change')}</p>
          <div className="table-scroll">
            <table className="table history-table">
              <caption className="visually-hidden">Changes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {history.data.items.map((event) => (
                  <HistoryRows
                    key={event.id}
                    event={event}
                    productId={productId}
                    questionText={questionText}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="History pages"
            page={history.data.page}
            pageSize={history.data.pageSize}
            total={history.data.total}
            onPage={(p) => setParams({ page: p === 1 ? null : p }, { replace: false })}
          />
        </>
      )}
    </section>
  );
}

function HistoryRows({
  event,
  productId,
  questionText,
}: {
  event: HistoryEvent;
  productId: string;
  questionText: ReadonlyMap<string, string>;
}) {
  // Internal ids say nothing to a reader; the rest of the value is shown.
  const changes = changesOf(event.before, event.after).filter((c) => c.field !== 'id');
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </td>
      <td>{event.actor.label}</td>
      <td>
        <TargetLabel target={event.target} productId={productId} questionText={questionText} />
        <span className="history-table__action">{event.action}</span>
      </td>
      <td className="history-table__value history-table__value--before">
        <ChangeList changes={changes} side="before" />
      </td>
      <td className="history-table__value">
        <ChangeList changes={changes} side="after" />
      </td>
    </tr>
  );
}

const LONG = 180;

function ChangeList({ changes, side }: { changes: readonly FieldChange[]; side: 'before' | 'after' }) {
  const shown = changes.filter((c) => c[side] !== null && c[side] !== undefined);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="change-list">
      {shown.map((c) => {
        const text = describeValue(c[side]);
        return (
          <div key={c.field ?? ''} className="change-list__item">
            {c.field ? <dt>{c.field}</dt> : null}
            <dd>
              {text.length > LONG ? (
                <details>
                  <summary>
                    {text.slice(0, LONG)}…<span className="change-list__more">show all</span>
                  </summary>
                  {text}
                </details>
              ) : (
                text
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** `requirement:2.4.7.13`, `profile.mqtt`, `product.name`, `guideline:10`, `evidence:…` in words. */
function TargetLabel({
  target,
  productId,
  questionText,
}: {
  target: string;
  productId: string;
  questionText: ReadonlyMap<string, string>;
}) {
  if (target === 'product') return <span>Product</span>;
  const requirement = /^requirement:(.+)$/.exec(target);
  if (requirement?.[1])
    return (
      <Link to={requirementPath(productId, requirement[1])}>
        Requirement <span className="mono">{requirement[1]}</span>
      </Link>
    );
  const guideline = /^guideline:(.+)$/.exec(target);
  if (guideline?.[1]) return <span>Guideline {guideline[1]} attestation</span>;
  const profile = /^profile\.(.+)$/.exec(target);
  if (profile?.[1]) return <span>Profile: {questionText.get(profile[1]) ?? profile[1]}</span>;
  const field = /^product\.(.+)$/.exec(target);
  if (field?.[1]) return <span>Product {field[1]}</span>;
  return <span className="mono">{target}</span>;
}
