/**
 * The 13 guideline tiles of a product: each guideline's outcome, the engine's one-sentence reason,
 * and the requirements that decide it, each a link into the checklist. The top-priority
 * guidelines come first, in their own group. A compact strip of the same outcomes heads every
 * tab of the product page, so a status changed in the checklist shows its effect at once.
 */

import type { ReportGuideline } from '../../api/api-types.js';
import { OutcomeBadge } from '../../components/badges.js';
import { guidelineNumber, guidelineTitle, OUTCOME_STYLE } from '../../lib/labels.js';
import { Link } from '../../lib/router.js';
import { productPath, requirementPath } from './product-paths.js';

const DECIDING_SHOWN = 8;

function Tile({ productId, guideline }: { productId: string; guideline: ReportGuideline }) {
  const number = guidelineNumber(guideline);
  const deciding = guideline.deciding;
  const titleId = `tile-${guideline.id}`;
  return (
    <article
      className={`tile outcome--${guideline.outcome}`}
      aria-labelledby={titleId}
      data-guideline={guideline.id}
    >
      <header className="tile__head">
        <span className="tile__number" aria-hidden="true">
          {number}
        </span>
        <h3 id={titleId} className="tile__title">
          <span className="visually-hidden">Guideline {number}: </span>
          {guidelineTitle(guideline)}
        </h3>
      </header>
      <OutcomeBadge outcome={guideline.outcome} className="tile__outcome" />
      <p className="tile__reason">{guideline.reason}</p>
      {deciding.length > 0 ? (
        <div className="tile__deciding">
          <span className="tile__deciding-label">Decided by</span>
          <ul className="chips">
            {deciding.slice(0, DECIDING_SHOWN).map((id) => (
              <li key={id}>
                <Link to={requirementPath(productId, id, guideline.id)} className="chip chip--link">
                  {id}
                </Link>
              </li>
            ))}
            {deciding.length > DECIDING_SHOWN ? (
              <li>
                <Link
                  to={productPath(productId, 'checklist', { guideline: guideline.id })}
                  className="chip chip--more"
                >
                  +{deciding.length - DECIDING_SHOWN} more
                </Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      <footer className="tile__foot">
        <Link to={productPath(productId, 'checklist', { guideline: guideline.id })}>
          {guideline.requirements.length > 0
            ? `${guideline.requirements.length} requirement${guideline.requirements.length === 1 ? '' : 's'}`
            : 'Attestation'}
        </Link>
      </footer>
    </article>
  );
}

export function GuidelineTiles({
  productId,
  guidelines,
}: {
  productId: string;
  guidelines: readonly ReportGuideline[];
}) {
  const top = guidelines.filter((g) => g.topPriority);
  const rest = guidelines.filter((g) => !g.topPriority);
  return (
    <>
      <section className="tiles-group tiles-group--top" aria-labelledby="tiles-top">
        <h2 id="tiles-top" className="section-title">
          Top priority{' '}
          <span className="section-title__note">
            the first three guidelines, now law for UK consumer products (PSTI)
          </span>
        </h2>
        <div className="tiles tiles--top">
          {top.map((g) => (
            <Tile key={g.id} productId={productId} guideline={g} />
          ))}
        </div>
      </section>
      <section className="tiles-group" aria-labelledby="tiles-rest">
        <h2 id="tiles-rest" className="section-title">
          Other guidelines
        </h2>
        <div className="tiles">
          {rest.map((g) => (
            <Tile key={g.id} productId={productId} guideline={g} />
          ))}
        </div>
      </section>
    </>
  );
}

/** One row of 13 small outcome chips, each linking to the checklist for its guideline. */
export function GuidelineStrip({
  productId,
  guidelines,
}: {
  productId: string;
  guidelines: readonly ReportGuideline[];
}) {
  const ordered = [...guidelines.filter((g) => g.topPriority), ...guidelines.filter((g) => !g.topPriority)];
  return (
    <nav className="strip" aria-label="Guideline outcomes">
      <ul className="strip__list">
        {ordered.map((g) => {
          const style = OUTCOME_STYLE[g.outcome];
          const number = guidelineNumber(g);
          return (
            <li key={g.id} className={g.topPriority ? 'strip__item strip__item--top' : 'strip__item'}>
              <Link
                to={productPath(productId, 'checklist', { guideline: g.id })}
                className={`strip__chip outcome--${g.outcome}`}
                title={`Guideline ${number}: ${guidelineTitle(g)} — ${style.label}`}
                data-guideline={g.id}
                data-outcome={g.outcome}
              >
                <span className="strip__number">{number}</span>
                <span className="strip__glyph" aria-hidden="true">
                  {style.glyph}
                </span>
                <span className="visually-hidden">
                  {guidelineTitle(g)}: {style.label}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
