/**
 * The product profile: ~24 yes/no questions a product manager can answer, each with its help
 * text; questions that do not arise (WPS without Wi-Fi) are shown as such and count as "no". Below
 * it, the applicability the server derives from the saved answers.
 */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/api-error.js';
import type { Profile, ProfileQuestions, Warning } from '../../../api/api-types.js';
import { useApi, useCan } from '../../../app/app-context.js';
import { ConflictNotice } from '../../../components/conflict-notice.js';
import { ErrorNotice, Loading, type SaveState, SaveStatus } from '../../../components/notices.js';
import { useProfileQuestions } from '../../../lib/catalog.js';
import { useResource } from '../../../lib/use-resource.js';
import type { TabProps } from '../product-page.js';
import { ApplicabilityTable } from './applicability-table.js';
import {
  type Answer,
  type Answers,
  answersFrom,
  countAnswered,
  gateReason,
  resolveAnswers,
  sameAnswers,
} from './profile-answers.js';

export function ProfileTab({ detail, resource }: TabProps) {
  const api = useApi();
  const productId = detail.product.id;
  const questions = useProfileQuestions();
  const profile = useResource(() => api.products.profile(productId), [api, productId]);
  if (questions.error || profile.error) return <ErrorNotice error={questions.error ?? profile.error} />;
  if (!questions.data || !profile.data) return <Loading label="Loading the profile…" />;
  return (
    <ProfileForm
      productId={productId}
      questions={questions.data}
      profile={profile.data}
      onSaved={(next) => {
        profile.set(next);
        void resource.reload();
      }}
      reloadProfile={async () => {
        await Promise.all([profile.reload(), resource.reload()]);
      }}
    />
  );
}

interface ProfileFormProps {
  readonly productId: string;
  readonly questions: ProfileQuestions;
  readonly profile: Profile;
  readonly onSaved: (profile: Profile) => void;
  readonly reloadProfile: () => Promise<void>;
}

function ProfileForm({ productId, questions, profile, onSaved, reloadProfile }: ProfileFormProps) {
  const api = useApi();
  const canEdit = useCan('assessor');
  const saved = answersFrom(profile.answers, questions);
  const [answers, setAnswers] = useState<Answers>(saved);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [warnings, setWarnings] = useState<readonly Warning[]>([]);
  const [conflict, setConflict] = useState<Profile | null>(null);
  const [reloading, setReloading] = useState(false);

  // A newer saved profile (after a save or a reload) replaces the form's answers. Adjusted while
  // rendering, not in an effect: an effect that ran after the reader's first click would undo it.
  const savedKey = `${profile.revision}:${JSON.stringify(saved)}`;
  const [shownKey, setShownKey] = useState(savedKey);
  if (shownKey !== savedKey) {
    setShownKey(savedKey);
    setAnswers(saved);
  }

  const resolved = resolveAnswers(questions, answers);
  const dirty = !sameAnswers(answers, saved);
  const { asked, answered } = countAnswered(questions, resolved);

  const set = (id: string, value: Answer) => {
    setAnswers({ ...answers, [id]: value });
    setSave({ kind: 'dirty' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSave({ kind: 'saving' });
    setConflict(null);
    try {
      const answer = await api.products.putProfile(productId, {
        expectedRevision: profile.revision,
        answers: { ...answers },
      });
      setWarnings(answer.warnings);
      onSaved(answer.profile);
      setSave({ kind: 'saved', at: new Date() });
    } catch (caught) {
      setSave({ kind: 'failed', error: caught });
      if (caught instanceof ApiError && caught.isStale) setConflict(currentProfile(caught.current));
    }
  };

  return (
    <div className="profile-layout">
      <form className="questionnaire card" onSubmit={submit} noValidate aria-labelledby="profile-title">
        <div className="questionnaire__head">
          <h2 id="profile-title" className="card__title">
            Product profile
          </h2>
          <p className="muted">
            {answered} of {asked} questions answered. Unanswered questions leave the requirements that depend
            on them “applicability unknown”.
          </p>
        </div>
        {conflict || (save.kind === 'failed' && save.error instanceof ApiError && save.error.isStale) ? (
          <ConflictNotice
            what="this product or its profile"
            current={
              conflict ? (
                <AnswersSummary questions={questions} answers={answersFrom(conflict.answers, questions)} />
              ) : (
                <p>—</p>
              )
            }
            reloading={reloading}
            onReload={async () => {
              setReloading(true);
              try {
                await reloadProfile();
                setConflict(null);
                setSave({ kind: 'idle' });
              } finally {
                setReloading(false);
              }
            }}
          />
        ) : null}
        <ol className="questions">
          {questions.items.map((q) => {
            const r = resolved.facts.get(q.id);
            const gated = r?.origin === 'gated';
            const value = answers[q.id] ?? null;
            const name = `profile-${q.id}`;
            return (
              <li key={q.id} className={gated ? 'question question--gated' : 'question'} data-question={q.id}>
                <fieldset disabled={!canEdit || gated}>
                  <legend className="question__text">{q.question}</legend>
                  <p className="question__help" id={`${name}-help`}>
                    {q.help}
                  </p>
                  {gated ? (
                    <p className="question__gate">
                      Not asked: {gateReason(questions, resolved, q.id)} — counts as “no”.
                      {r?.contradicted ? ' It was answered “yes”, which the earlier answer rules out.' : ''}
                    </p>
                  ) : null}
                  <div className="answer-group" role="radiogroup" aria-describedby={`${name}-help`}>
                    {(
                      [
                        [true, 'Yes'],
                        [false, 'No'],
                        [null, 'Not answered'],
                      ] as const
                    ).map(([option, label]) => (
                      <label key={label} className="answer">
                        <input
                          type="radio"
                          name={name}
                          checked={value === option}
                          onChange={() => set(q.id, option)}
                        />
                        <span>{label}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        {canEdit ? (
          <div className="sticky-actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={!dirty || save.kind === 'saving'}
            >
              Save the profile
            </button>
            <button
              type="button"
              className="button button--ghost"
              disabled={!dirty}
              onClick={() => {
                setAnswers(saved);
                setSave({ kind: 'idle' });
              }}
            >
              Undo changes
            </button>
            <SaveStatus state={save} />
          </div>
        ) : null}
        {save.kind === 'failed' && !(save.error instanceof ApiError && save.error.isStale) ? (
          <ErrorNotice error={save.error} />
        ) : null}
        {warnings.length > 0 ? (
          <div className="notice notice--warning" role="status">
            <p className="notice__title">The saved answers contradict some recorded statuses</p>
            <ul className="plain-list">
              {warnings.map((w) => (
                <li key={`${w.code}:${w.path}`}>
                  {w.message}
                  {w.hint ? <span className="muted"> — {w.hint}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
      <ApplicabilityTable profile={profile} questions={questions} stale={dirty} />
    </div>
  );
}

function currentProfile(current: unknown): Profile | null {
  if (typeof current !== 'object' || current === null) return null;
  const c = current as Partial<Profile>;
  return typeof c.revision === 'number' && typeof c.answers === 'object' && c.answers !== null
    ? (current as Profile)
    : null;
}

function AnswersSummary({ questions, answers }: { questions: ProfileQuestions; answers: Answers }) {
  return (
    <ul className="plain-list">
      {questions.items
        .filter((q) => answers[q.id] !== null && answers[q.id] !== undefined)
        .map((q) => (
          <li key={q.id}>
            {q.question} <strong>{answers[q.id] ? 'Yes' : 'No'}</strong>
          </li>
        ))}
    </ul>
  );
}
