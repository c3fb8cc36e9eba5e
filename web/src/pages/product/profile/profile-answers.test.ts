import { describe, expect, it } from 'vitest';
import { profileQuestionsFixture } from '../../../test-support/catalog-fixture.js';
import { answersFrom, countAnswered, gateReason, resolveAnswers, sameAnswers } from './profile-answers.js';

const questions = profileQuestionsFixture();

describe('profile answers with the catalog gates', () => {
  it('does not ask about WPS for a device without Wi-Fi, and says why', () => {
    // The bundled fact set asks "wps" only when "wifi" holds (data/profile/iotassure-product-facts.yaml).
    const wps = questions.items.find((q) => q.id === 'wps');
    expect(wps?.askWhen).toEqual({ fact: 'wifi' });
    const resolved = resolveAnswers(questions, { ...answersFrom({}, questions), wifi: false, wps: true });
    const fact = resolved.facts.get('wps');
    expect(fact?.origin).toBe('gated');
    expect(fact?.value).toBe(false);
    expect(fact?.contradicted).toBe(true);
    expect(gateReason(questions, resolved, 'wps')).toBe('the device does not use Wi-Fi');
  });

  it('asks about WPS once Wi-Fi is answered yes', () => {
    const resolved = resolveAnswers(questions, { ...answersFrom({}, questions), wifi: true });
    expect(resolved.facts.get('wps')?.origin).toBe('unanswered');
  });

  it('counts asked and answered questions, leaving gated ones out', () => {
    const none = resolveAnswers(questions, answersFrom({}, questions));
    const gatedWhenUnknown = questions.items.filter((q) => none.facts.get(q.id)?.origin === 'gated').length;
    expect(countAnswered(questions, none)).toEqual({
      asked: questions.items.length - gatedWhenUnknown,
      answered: 0,
    });
    const answers = { ...answersFrom({}, questions), wifi: false };
    const gatedByNoWifi = questions.items.filter(
      (q) => JSON.stringify(q.askWhen) === JSON.stringify({ fact: 'wifi' }),
    ).length;
    expect(gatedByNoWifi).toBeGreaterThan(0);
    const counted = countAnswered(questions, resolveAnswers(questions, answers));
    expect(counted.answered).toBe(1);
    expect(counted.asked).toBeLessThanOrEqual(questions.items.length - gatedByNoWifi);
  });

  it('treats a missing answer and null alike', () => {
    expect(sameAnswers({ wifi: null }, {})).toBe(true);
    expect(sameAnswers({ wifi: false }, {})).toBe(false);
  });
});
