/** Previous / next and "page N of M" for long lists (the portfolio holds thousands of products). */
export interface PagerProps {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly label: string;
}

export function Pager({ page, pageSize, total, onPage, label }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager__range">
        {total === 0
          ? 'Nothing to show'
          : `${first.toLocaleString('en-GB')}–${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`}
      </p>
      <div className="pager__buttons">
        <button type="button" className="button" onClick={() => onPage(1)} disabled={page <= 1}>
          First
        </button>
        <button type="button" className="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span className="pager__page">
          Page {page.toLocaleString('en-GB')} of {pages.toLocaleString('en-GB')}
        </span>
        <button type="button" className="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
          Next
        </button>
        <button type="button" className="button" onClick={() => onPage(pages)} disabled={page >= pages}>
          Last
        </button>
      </div>
    </nav>
  );
}
