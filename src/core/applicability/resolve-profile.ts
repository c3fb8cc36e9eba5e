import { type Condition, evaluateCondition, type FactValues, type Truth } from './condition.js';
import type { Fact, FactSet } from './fact-types.js';

export interface ResolvedFact {
  readonly fact: Fact;
  readonly value: Truth;
  /** 'answered': the profile says so; 'gated': false because its askWhen is false; 'unanswered'. */
  readonly origin: 'answered' | 'gated' | 'unanswered';
  /** True when the profile answered yes but the gate makes the fact false. */
  readonly contradicted: boolean;
}

export interface ResolvedProfile {
  readonly values: FactValues;
  readonly facts: ReadonlyMap<string, ResolvedFact>;
}

/**
 * Applies askWhen gates in file order: a fact whose gate is false is false whatever was answered
 * (no WPS without Wi-Fi); the contradiction is reported by the caller.
 */
export function resolveProfile(set: FactSet, answers: ReadonlyMap<string, boolean>): ResolvedProfile {
  const values = new Map<string, boolean>();
  const facts = new Map<string, ResolvedFact>();
  for (const fact of set.facts) {
    const answer = answers.get(fact.id);
    const gate: Truth = fact.askWhen ? evaluateCondition(fact.askWhen, values) : true;
    let resolved: ResolvedFact;
    if (gate === false) {
      resolved = { fact, value: false, origin: 'gated', contradicted: answer === true };
    } else if (answer === undefined) {
      resolved = { fact, value: 'unknown', origin: 'unanswered', contradicted: false };
    } else {
      resolved = { fact, value: answer, origin: 'answered', contradicted: false };
    }
    if (resolved.value !== 'unknown') values.set(fact.id, resolved.value);
    facts.set(fact.id, resolved);
  }
  return { values, facts };
}

/**
 * The phrases that justify why `condition` has the value it has, e.g. ["the product does not use MQTT"].
 * A fact that is false only because of its gate is explained by the gate ("the device does not use Wi-Fi").
 */
export function explainCondition(condition: Condition, profile: ResolvedProfile): string[] {
  const phrases: string[] = [];
  explainInto(condition, evaluateCondition(condition, profile.values), profile, phrases);
  return phrases;
}

function pushUnique(phrases: string[], phrase: string): void {
  if (!phrases.includes(phrase)) phrases.push(phrase);
}

function explainInto(c: Condition, wanted: Truth, profile: ResolvedProfile, phrases: string[]): void {
  if ('fact' in c) {
    const r = profile.facts.get(c.fact);
    if (!r) pushUnique(phrases, `"${c.fact}" is not a known fact`);
    else if (r.value === 'unknown') pushUnique(phrases, `unanswered: ${r.fact.question}`);
    else if (r.origin === 'gated' && r.fact.askWhen) explainInto(r.fact.askWhen, false, profile, phrases);
    else pushUnique(phrases, r.value ? r.fact.whenTrue : r.fact.whenFalse);
    return;
  }
  if ('not' in c) {
    explainInto(c.not, wanted === 'unknown' ? 'unknown' : !wanted, profile, phrases);
    return;
  }
  const parts = 'all' in c ? c.all : c.any;
  // A false part settles `all`; a true part settles `any`: one such part is the whole explanation.
  const decisive = !('all' in c);
  if (wanted === decisive) {
    const part = parts.find((p) => evaluateCondition(p, profile.values) === decisive);
    if (part) explainInto(part, decisive, profile, phrases);
    return;
  }
  for (const p of parts) {
    const v = evaluateCondition(p, profile.values);
    if (v === wanted) explainInto(p, v, profile, phrases);
  }
}
