/** The applicability the server derived from the saved profile: each conditional requirement and why. */
import { useState } from 'react';
import type { Profile, ProfileQuestions } from '../../../api/api-types.js';
import { FilterSelect } from '../../../components/filter-bar.js';
import { plural } from '../../../lib/format.js';

type Kind = Profile['applicability'][number]['kind'];

const KIND_LABEL: Record<Kind, string> = {
  applies: 'Applies',
  'not-applicable': 'Does not apply',
  unknown: 'Unknown',
};

export function ApplicabilityTable({
  profile,
  questions,
  stale,
}: {
  profile: Profile;
  questions: ProfileQuestions;
  stale: boolean;
}) {
  const [kind, setKind] = useState<Kind | ''>('');
  const questionText = new Map(questions.items.map((q) => [q.id, q.question]));
  const counts = { applies: 0, 'not-applicable': 0, unknown: 0 } satisfies Record<Kind, number>;
  for (const a of profile.applicability) counts[a.kind] += 1;
  const rows = profile.applicability.filter((a) => !kind || a.kind === kind);
  return (
    <section className="card applicability-card" aria-labelledby="applicability-title">
      <h2 id="applicability-title" className="card__title">
        Derived applicability
      </h2>
      <p className="muted">
        {plural(profile.applicability.length, 'conditional requirement')}: {counts.applies} apply,{' '}
        {counts['not-applicable']} do not, {counts.unknown} unknown. Requirements without a condition always
        apply.
      </p>
      {stale ? (
        <p className="notice notice--info" role="status">
          This is the applicability of the saved answers; save the profile to see the effect of your changes.
        </p>
      ) : null}
      <div className="filters filters--inline">
        <FilterSelect
          label="Show"
          value={kind}
          any={`All (${profile.applicability.length})`}
          options={(Object.keys(KIND_LABEL) as Kind[]).map((k) => ({
            value: k,
            label: `${KIND_LABEL[k]} (${counts[k]})`,
          }))}
          onChange={(value) => setKind(value as Kind | '')}
        />
      </div>
      <div className="table-scroll applicability-scroll">
        <table className="table table--compact">
          <caption className="visually-hidden">Applicability of each conditional requirement</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Applicability</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.requirement}>
                <th scope="row" className="mono">
                  {a.requirement}
                </th>
                <td>
                  <span className={`applicability applicability--${a.kind}`}>{KIND_LABEL[a.kind]}</span>
                </td>
                <td>
                  {a.reason}
                  {a.missing.length > 0 ? (
                    <span className="muted">
                      {' '}
                      — answer: {a.missing.map((m) => questionText.get(m) ?? m).join('; ')}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
