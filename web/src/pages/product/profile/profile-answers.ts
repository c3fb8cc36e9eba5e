/**
 * The profile questionnaire's working state: answers as edited, and what they resolve to with
 * the catalog's askWhen gates — the core's own resolveProfile, so the form greys out exactly the
 * questions the server will treat as "no" (no WPS question without Wi-Fi).
 */
import {
  explainCondition,
  type ResolvedProfile,
  resolveProfile,
} from '../../../../../src/core/applicability/resolve-profile.js';
import type { ProfileQuestions } from '../../../api/api-types.js';

export type Answer = boolean | null;
export type Answers = Readonly<Record<string, Answer>>;

export function answersFrom(saved: Readonly<Record<string, boolean>>, questions: ProfileQuestions): Answers {
  return Object.fromEntries(questions.items.map((q) => [q.id, saved[q.id] ?? null]));
}

export function resolveAnswers(questions: ProfileQuestions, answers: Answers): ResolvedProfile {
  const given = new Map<string, boolean>();
  for (const [id, value] of Object.entries(answers)) if (value !== null) given.set(id, value);
  return resolveProfile(
    { id: questions.factSet.id, title: questions.factSet.title, facts: questions.items },
    given,
  );
}

/** Why a gated question is not asked, e.g. "the device does not use Wi-Fi". */
export function gateReason(questions: ProfileQuestions, resolved: ResolvedProfile, id: string): string {
  const question = questions.items.find((q) => q.id === id);
  if (!question?.askWhen) return '';
  return explainCondition(question.askWhen, resolved).join('; ');
}

export function sameAnswers(a: Answers, b: Answers): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  return true;
}

export function countAnswered(
  questions: ProfileQuestions,
  resolved: ResolvedProfile,
): { asked: number; answered: number } {
  let asked = 0;
  let answered = 0;
  for (const q of questions.items) {
    const r = resolved.facts.get(q.id);
    if (!r || r.origin === 'gated') continue;
    asked += 1;
    if (r.origin === 'answered') answered += 1;
  }
  return { asked, answered };
}
