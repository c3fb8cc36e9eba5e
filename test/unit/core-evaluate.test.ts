/**
 * The outcome rules, with expected values worked out by hand from the rules and the data:
 * effective requirement status, guideline outcomes, attestations, summary and gap ordering —
 * on small hand-built catalogs and on the real CF 1.1 → CoP catalog.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog-files/load-catalog.js';
import {
  type AssessmentContext,
  createAssessmentContext,
} from '../../src/core/assessment/assessment-context.js';
import type { Assessment, Status } from '../../src/core/assessment/assessment-types.js';
import { checkAssessment } from '../../src/core/assessment/check-assessment.js';
import { evaluate } from '../../src/core/outcome/evaluate.js';
import type { Evaluation, GuidelineResult, RequirementResult } from '../../src/core/outcome/outcome-types.js';
import { assessmentOf, type MiniSpec, miniContext, record } from '../fixtures/mini-catalog.js';

function req(ev: Evaluation, id: string): RequirementResult {
  const r = ev.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}

function guideline(ev: Evaluation, id: string): GuidelineResult {
  const g = ev.guidelines.find((x) => x.id === id);
  if (!g) throw new Error(`no result for guideline ${id}`);
  return g;
}

function run(ctx: AssessmentContext, a: Assessment) {
  const ev = evaluate(ctx, a);
  return { ev, findings: checkAssessment(ctx, a, ev) };
}

// ---------------------------------------------------------------------------------------------

describe('requirement effective status', () => {
  const spec: MiniSpec = {
    requirements: ['r-always', 'r-a', 'r-all', 'r-any', 'r-c', 'r-not'],
    guidelines: ['g1'],
    links: [
      ['r-always', 'g1'],
      ['r-a', 'g1'],
      ['r-all', 'g1'],
      ['r-any', 'g1'],
      ['r-c', 'g1'],
      ['r-not', 'g1'],
    ],
    facts: ['a', 'b', { id: 'c', askWhen: { fact: 'a' } }],
    rules: {
      'r-a': { fact: 'a' },
      'r-all': { all: [{ fact: 'a' }, { fact: 'b' }] },
      'r-any': { any: [{ fact: 'a' }, { fact: 'b' }] },
      'r-c': { fact: 'c' },
      'r-not': { not: { fact: 'a' } },
    },
  };
  let ctx: AssessmentContext;
  beforeAll(() => {
    ctx = miniContext(spec);
  });

  describe('without a recorded status', () => {
    it('a requirement with no rule always applies and is not-assessed', () => {
      const r = req(evaluate(ctx, assessmentOf()), 'r-always');
      expect(r.applicability).toEqual({ kind: 'always' });
      expect(r.effective).toBe('not-assessed');
      expect(r.notApplicableBy).toBeNull();
      expect(r.contradictsProfile).toBe(false);
      expect(r.targets).toEqual(['g1']);
    });

    it('a rule that holds → not-assessed (applies), with the reason', () => {
      const r = req(evaluate(ctx, assessmentOf({ profile: { a: true } })), 'r-a');
      expect(r.applicability.kind).toBe('applies');
      expect(r.applicability.kind === 'applies' && r.applicability.reason).toBe('a holds');
      expect(r.effective).toBe('not-assessed');
      expect(r.notApplicableBy).toBeNull();
    });

    it('a rule that fails → not-applicable by the profile, with the reason', () => {
      const r = req(evaluate(ctx, assessmentOf({ profile: { a: false } })), 'r-a');
      expect(r.effective).toBe('not-applicable');
      expect(r.notApplicableBy).toBe('profile');
      expect(r.contradictsProfile).toBe(false);
      expect(r.applicability.kind === 'not-applicable' && r.applicability.reason).toBe('a does not hold');
    });

    it('an unanswered fact → applicability-unknown, naming the missing fact', () => {
      const r = req(evaluate(ctx, assessmentOf()), 'r-a');
      expect(r.effective).toBe('applicability-unknown');
      expect(r.notApplicableBy).toBeNull();
      expect(r.applicability.kind === 'unknown' && r.applicability.missing).toEqual(['a']);
    });

    it('negation: not a with a=true → not-applicable; with a=false → applies', () => {
      expect(req(evaluate(ctx, assessmentOf({ profile: { a: true } })), 'r-not').effective).toBe(
        'not-applicable',
      );
      expect(req(evaluate(ctx, assessmentOf({ profile: { a: false } })), 'r-not').effective).toBe(
        'not-assessed',
      );
    });

    it.each([
      // [a, b, r-all, r-any]
      [true, true, 'not-assessed', 'not-assessed'],
      [true, false, 'not-applicable', 'not-assessed'],
      [false, false, 'not-applicable', 'not-applicable'],
      [false, undefined, 'not-applicable', 'applicability-unknown'],
      [true, undefined, 'applicability-unknown', 'not-assessed'],
      [undefined, false, 'not-applicable', 'applicability-unknown'],
      [undefined, true, 'applicability-unknown', 'not-assessed'],
      [undefined, undefined, 'applicability-unknown', 'applicability-unknown'],
    ] as const)('three-valued: a=%s b=%s → all:%s any:%s', (a, b, all, any) => {
      const profile: Record<string, boolean> = {};
      if (a !== undefined) profile.a = a;
      if (b !== undefined) profile.b = b;
      const ev = evaluate(ctx, assessmentOf({ profile }));
      expect(req(ev, 'r-all').effective).toBe(all);
      expect(req(ev, 'r-any').effective).toBe(any);
    });

    it('unknown lists only the facts still unanswered', () => {
      const ev = evaluate(ctx, assessmentOf({ profile: { a: false } }));
      const any = req(ev, 'r-any').applicability;
      expect(any.kind === 'unknown' && any.missing).toEqual(['b']);
      const both = req(evaluate(ctx, assessmentOf()), 'r-all').applicability;
      expect(both.kind === 'unknown' && both.missing).toEqual(['a', 'b']);
    });

    it('a recorded not-assessed is the same as no record', () => {
      const na = evaluate(
        ctx,
        assessmentOf({ profile: { a: false }, requirements: { 'r-a': 'not-assessed' } }),
      );
      expect(req(na, 'r-a').effective).toBe('not-applicable');
      expect(req(na, 'r-a').notApplicableBy).toBe('profile');
      expect(req(na, 'r-a').contradictsProfile).toBe(false);
      const unknown = evaluate(ctx, assessmentOf({ requirements: { 'r-a': 'not-assessed' } }));
      expect(req(unknown, 'r-a').effective).toBe('applicability-unknown');
      const applies = evaluate(
        ctx,
        assessmentOf({ profile: { a: true }, requirements: { 'r-a': 'not-assessed' } }),
      );
      expect(req(applies, 'r-a').effective).toBe('not-assessed');
    });
  });

  describe('with a recorded status', () => {
    it.each(['compliant', 'partially-compliant', 'non-compliant'] as const)(
      '%s against a derived not-applicable: the profile wins, flagged and warned, unless marked as an override',
      (status) => {
        const { ev, findings } = run(
          ctx,
          assessmentOf({ profile: { a: false }, requirements: { 'r-a': status } }),
        );
        const r = req(ev, 'r-a');
        expect(r.effective).toBe('not-applicable');
        expect(r.notApplicableBy).toBe('profile');
        expect(r.contradictsProfile).toBe(true);
        expect(r.applicability.kind).toBe('not-applicable');
        expect(findings).toEqual([
          expect.objectContaining({
            severity: 'warning',
            code: 'status-contradicts-profile',
            path: ['requirements', 'r-a', 'status'],
          }),
        ]);
        const overridden = run(
          ctx,
          assessmentOf({
            profile: { a: false },
            requirements: {
              'r-a': record(status, { profileOverride: true, justification: 'seen on the bench' }),
            },
          }),
        );
        expect(req(overridden.ev, 'r-a')).toMatchObject({
          effective: status,
          notApplicableBy: null,
          contradictsProfile: true,
        });
        expect(overridden.findings).toEqual([]);
      },
    );

    it.each(['compliant', 'partially-compliant', 'non-compliant'] as const)(
      '%s on an applicable or unknown requirement does not contradict the profile',
      (status) => {
        for (const profile of [{ a: true }, {}] as Record<string, boolean>[]) {
          const { ev, findings } = run(ctx, assessmentOf({ profile, requirements: { 'r-a': status } }));
          expect(req(ev, 'r-a').effective).toBe(status);
          expect(req(ev, 'r-a').contradictsProfile).toBe(false);
          expect(findings).toEqual([]);
        }
        const { ev } = run(ctx, assessmentOf({ requirements: { 'r-always': status } }));
        expect(req(ev, 'r-always').effective).toBe(status);
        expect(req(ev, 'r-always').contradictsProfile).toBe(false);
      },
    );

    it('hand-set not-applicable on an always-applicable requirement: by assessor, justification required', () => {
      const { ev, findings } = run(ctx, assessmentOf({ requirements: { 'r-always': 'not-applicable' } }));
      const r = req(ev, 'r-always');
      expect(r.effective).toBe('not-applicable');
      expect(r.notApplicableBy).toBe('assessor');
      expect(findings).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'justification-required',
          path: ['requirements', 'r-always', 'status'],
        }),
      ]);
    });

    it('hand-set not-applicable with a justification is accepted', () => {
      const { ev, findings } = run(
        ctx,
        assessmentOf({
          requirements: { 'r-always': record('not-applicable', { justification: 'no such part' }) },
        }),
      );
      expect(req(ev, 'r-always').notApplicableBy).toBe('assessor');
      expect(findings).toEqual([]);
    });

    it('not-applicable recorded where the profile also derives it: by profile, no justification needed', () => {
      const { ev, findings } = run(
        ctx,
        assessmentOf({ profile: { a: false }, requirements: { 'r-a': 'not-applicable' } }),
      );
      const r = req(ev, 'r-a');
      expect(r.effective).toBe('not-applicable');
      expect(r.notApplicableBy).toBe('profile');
      expect(r.contradictsProfile).toBe(false);
      expect(findings).toEqual([]);
    });

    it('hand-set not-applicable where applicability is unknown: by assessor, justification required', () => {
      const { ev, findings } = run(ctx, assessmentOf({ requirements: { 'r-a': 'not-applicable' } }));
      const r = req(ev, 'r-a');
      expect(r.effective).toBe('not-applicable');
      expect(r.notApplicableBy).toBe('assessor');
      expect(r.contradictsProfile).toBe(false);
      expect(findings.map((f) => f.code)).toEqual(['justification-required']);
    });

    it('hand-set not-applicable where the profile says it applies: counts as not assessed, with a warning', () => {
      const { ev, findings } = run(
        ctx,
        assessmentOf({
          profile: { a: true },
          requirements: { 'r-a': record('not-applicable', { justification: 'we disagree' }) },
        }),
      );
      const r = req(ev, 'r-a');
      expect(r.effective).toBe('not-assessed');
      expect(r.notApplicableBy).toBeNull();
      expect(r.contradictsProfile).toBe(true);
      expect(findings).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'status-contradicts-profile' }),
      ]);
    });

    it('the same, marked as a deliberate override: not applicable by the assessor, no warning', () => {
      const { ev, findings } = run(
        ctx,
        assessmentOf({
          profile: { a: true },
          requirements: {
            'r-a': record('not-applicable', { justification: 'we disagree', profileOverride: true }),
          },
        }),
      );
      expect(req(ev, 'r-a')).toMatchObject({
        effective: 'not-applicable',
        notApplicableBy: 'assessor',
        contradictsProfile: true,
      });
      expect(findings).toEqual([]);
    });
  });

  describe('askWhen gates', () => {
    it('a gated fact is false whatever was answered; answering true is a warning', () => {
      const { ev, findings } = run(ctx, assessmentOf({ profile: { a: false, c: true } }));
      expect(ev.profile.facts.get('c')).toMatchObject({ value: false, origin: 'gated', contradicted: true });
      expect(ev.profile.values.get('c')).toBe(false);
      const r = req(ev, 'r-c');
      expect(r.effective).toBe('not-applicable');
      expect(r.notApplicableBy).toBe('profile');
      // The reason is the gate, not the contradicted answer.
      expect(r.applicability.kind === 'not-applicable' && r.applicability.reason).toBe('a does not hold');
      expect(findings).toEqual([
        expect.objectContaining({
          severity: 'warning',
          code: 'fact-contradicts-profile',
          path: ['profile', 'c'],
        }),
      ]);
    });

    it.each([
      [{ a: false }, false, 'gated'],
      [{ a: false, c: false }, false, 'gated'],
      [{ a: true, c: true }, true, 'answered'],
      [{ a: true, c: false }, false, 'answered'],
      [{ a: true }, 'unknown', 'unanswered'],
      [{}, 'unknown', 'unanswered'],
    ] as const)('profile %o → c is %s (%s), no warning', (profile, value, origin) => {
      const { ev, findings } = run(ctx, assessmentOf({ profile }));
      expect(ev.profile.facts.get('c')).toMatchObject({ value, origin, contradicted: false });
      expect(findings).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('guideline outcome over mapped requirements', () => {
  // q1..q4 map to G; each has its own fact, so each can be made applicable, N/A or unknown alone.
  const ids = ['q1', 'q2', 'q3', 'q4'] as const;
  const spec: MiniSpec = {
    requirements: [...ids],
    guidelines: ['G'],
    links: ids.map((q) => [q, 'G'] as const),
    facts: ids.map((q) => `f-${q}`),
    rules: Object.fromEntries(ids.map((q) => [q, { fact: `f-${q}` }])),
  };
  let ctx: AssessmentContext;
  beforeAll(() => {
    ctx = miniContext(spec);
  });

  /**
   * c compliant · p partially · n non-compliant · a not-assessed (applies) · u applicability unknown ·
   * x not-applicable by profile · j not-applicable by assessor (a justified override of the profile)
   */
  function build(states: string): Assessment {
    const profile: Record<string, boolean> = {};
    const requirements: Record<string, ReturnType<typeof record>> = {};
    const statusOf: Record<string, Status> = { c: 'compliant', p: 'partially-compliant', n: 'non-compliant' };
    [...states].forEach((s, i) => {
      const q = ids[i]!;
      if (s === 'u') return;
      profile[`f-${q}`] = s !== 'x';
      const status = statusOf[s];
      if (status) requirements[q] = record(status);
      if (s === 'j') {
        requirements[q] = record('not-applicable', { justification: 'not built in', profileOverride: true });
      }
    });
    return assessmentOf({ profile, requirements });
  }

  it.each([
    ['xxxx', 'not-applicable'],
    ['xjxj', 'not-applicable'],
    ['nxuc', 'not-met', ['q1']],
    ['nnpa', 'not-met', ['q1', 'q2']],
    ['cuan', 'not-met', ['q4']],
    ['paux', 'incomplete', ['q2', 'q3']],
    ['uxxx', 'incomplete', ['q1']],
    ['ccac', 'incomplete', ['q3']],
    ['pcxc', 'partially-met', ['q1']],
    ['ppjc', 'partially-met', ['q1', 'q2']],
    ['ccxj', 'met', ['q1', 'q2']],
    ['cccc', 'met', ['q1', 'q2', 'q3', 'q4']],
    ['xxcx', 'met', ['q3']],
  ] as const)('states %s → %s', (states, outcome, deciding?: readonly string[]) => {
    const g = guideline(evaluate(ctx, build(states)), 'G');
    expect(g.outcome).toBe(outcome);
    expect(g.requirements).toEqual(ids);
    if (deciding) expect([...g.deciding].sort()).toEqual([...deciding].sort());
    expect(g.reason.length).toBeGreaterThan(0);
  });

  it('counts each mapped requirement under its effective status', () => {
    const g = guideline(evaluate(ctx, build('pnux')), 'G');
    expect(g.counts).toEqual({
      compliant: 0,
      'partially-compliant': 1,
      'non-compliant': 1,
      'not-assessed': 0,
      'applicability-unknown': 1,
      'not-applicable': 1,
    });
  });

  it('a requirement mapped to several guidelines counts in each', () => {
    const shared = miniContext({
      requirements: ['s', 't'],
      guidelines: ['G1', 'G2'],
      links: [
        ['s', 'G1'],
        ['s', 'G2'],
        ['t', 'G2'],
        ['s', 'G1'], // a repeated link does not count twice
      ],
    });
    const ev = evaluate(shared, assessmentOf({ requirements: { s: 'non-compliant', t: 'compliant' } }));
    expect(req(ev, 's').targets).toEqual(['G1', 'G2']);
    expect(guideline(ev, 'G1')).toMatchObject({ outcome: 'not-met', deciding: ['s'], requirements: ['s'] });
    expect(guideline(ev, 'G2')).toMatchObject({
      outcome: 'not-met',
      deciding: ['s'],
      requirements: ['s', 't'],
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('guidelines with no mapped requirement: attestations', () => {
  const spec: MiniSpec = {
    requirements: ['r1'],
    guidelines: ['G1', 'G10', 'G11'],
    links: [['r1', 'G1']],
    unmapped: { G10: 'Covered by the logging guide.' },
  };
  let ctx: AssessmentContext;
  beforeAll(() => {
    ctx = miniContext(spec);
  });

  it('without an attestation → needs-attestation, with the mapping note in the reason', () => {
    const ev = evaluate(ctx, assessmentOf());
    const g = guideline(ev, 'G10');
    expect(g.outcome).toBe('needs-attestation');
    expect(g.deciding).toEqual([]);
    expect(g.requirements).toEqual([]);
    expect(g.unmappedNote).toBe('Covered by the logging guide.');
    expect(g.reason).toContain('Covered by the logging guide.');
    // A guideline with neither links nor an unmapped note needs attestation too.
    expect(guideline(ev, 'G11').outcome).toBe('needs-attestation');
    expect(guideline(ev, 'G11').unmappedNote).toBeNull();
  });

  it.each([
    ['compliant', 'met'],
    ['partially-compliant', 'partially-met'],
    ['non-compliant', 'not-met'],
    ['not-applicable', 'not-applicable'],
    ['not-assessed', 'needs-attestation'],
  ] as const)('an attestation %s → %s', (status, outcome) => {
    const attestation = record(status, { justification: 'see the logging design', assessor: 'Ann' });
    const { ev, findings } = run(ctx, assessmentOf({ attestations: { G10: attestation } }));
    const g = guideline(ev, 'G10');
    expect(g.outcome).toBe(outcome);
    expect(g.attestation).toEqual(attestation);
    expect(findings).toEqual([]);
  });

  it('an attestation of not-applicable needs a justification', () => {
    const { ev, findings } = run(ctx, assessmentOf({ attestations: { G10: 'not-applicable' } }));
    expect(guideline(ev, 'G10').outcome).toBe('not-applicable');
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'justification-required',
        path: ['attestations', 'G10', 'status'],
      }),
    ]);
  });

  it('an attestation on a guideline with mapped requirements is an error and does not change its outcome', () => {
    const { ev, findings } = run(
      ctx,
      assessmentOf({ requirements: { r1: 'non-compliant' }, attestations: { G1: 'compliant' } }),
    );
    expect(guideline(ev, 'G1').outcome).toBe('not-met');
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'attestation-not-needed',
        path: ['attestations', 'G1'],
      }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('summary (hand-worked)', () => {
  const spec: MiniSpec = {
    requirements: ['s1', 's2', 's3', 's4', 's5', 's6', 's7'],
    guidelines: ['T1', 'T2', 'G3', 'G4'],
    top: ['T1', 'T2'],
    links: [
      ['s1', 'T1'],
      ['s2', 'T1'],
      ['s2', 'T2'],
      ['s3', 'T2'],
      ['s4', 'G3'],
      ['s5', 'G3'],
      ['s6', 'G3'],
      ['s7', 'G3'],
    ],
    unmapped: { G4: 'nothing maps here' },
    facts: ['f', 'g'],
    rules: { s6: { fact: 'f' }, s7: { fact: 'g' } },
  };
  let ctx: AssessmentContext;
  beforeAll(() => {
    ctx = miniContext(spec);
  });
  const requirements = {
    s1: 'compliant',
    s2: 'compliant',
    s3: 'compliant',
    s4: 'partially-compliant',
    s5: 'non-compliant',
  } as const;

  it('counts statuses and outcomes; applicable excludes N/A and unknown; top priority all met', () => {
    // s6 N/A (f false), s7 unknown (g unanswered).
    const ev = evaluate(ctx, assessmentOf({ profile: { f: false }, requirements }));
    expect(ev.guidelines.map((g) => g.outcome)).toEqual(['met', 'met', 'not-met', 'needs-attestation']);
    expect(ev.summary).toEqual({
      guidelinesTotal: 4,
      guidelinesMet: 2,
      outcomeCounts: {
        met: 2,
        'partially-met': 0,
        'not-met': 1,
        incomplete: 0,
        'not-applicable': 0,
        'needs-attestation': 1,
      },
      requirementsTotal: 7,
      statusCounts: {
        compliant: 3,
        'partially-compliant': 1,
        'non-compliant': 1,
        'not-assessed': 0,
        'applicability-unknown': 1,
        'not-applicable': 1,
      },
      applicableRequirements: 5,
      compliantRequirements: 3,
      compliantShare: 0.6,
      topPriority: { guidelines: ['T1', 'T2'], allMet: true },
    });
  });

  it('a not-assessed requirement counts as applicable and keeps both top guidelines from being met', () => {
    const ev = evaluate(
      ctx,
      assessmentOf({ profile: { f: false, g: true }, requirements: { ...requirements, s2: 'not-assessed' } }),
    );
    // s2 not-assessed, s7 applies and is not assessed.
    expect(ev.summary.statusCounts['not-assessed']).toBe(2);
    expect(ev.summary.applicableRequirements).toBe(6);
    expect(ev.summary.compliantRequirements).toBe(2);
    expect(ev.summary.compliantShare).toBeCloseTo(2 / 6, 12);
    expect(ev.summary.guidelinesMet).toBe(0);
    expect(ev.summary.topPriority).toEqual({ guidelines: ['T1', 'T2'], allMet: false });
  });

  it('compliantShare is null when nothing is known to apply', () => {
    const allNa = miniContext({
      requirements: ['n1', 'n2'],
      guidelines: ['G'],
      links: [
        ['n1', 'G'],
        ['n2', 'G'],
      ],
      facts: ['f', 'g'],
      rules: { n1: { fact: 'f' }, n2: { fact: 'g' } },
    });
    const ev = evaluate(allNa, assessmentOf({ profile: { f: false } })); // n2 unknown
    expect(ev.summary.applicableRequirements).toBe(0);
    expect(ev.summary.compliantShare).toBeNull();
    expect(ev.summary.topPriority).toEqual({ guidelines: [], allMet: true });
  });
});

// ---------------------------------------------------------------------------------------------

describe('gaps (hand-worked ordering)', () => {
  // Catalog order is deliberately not the expected gap order.
  const spec: MiniSpec = {
    requirements: ['A', 'H', 'F', 'D', 'C', 'B', 'J', 'K', 'E', 'N'],
    guidelines: ['G1', 'G2', 'G3', 'G4'],
    top: ['G1'],
    links: [
      ['A', 'G1'],
      ['A', 'G2'],
      ['H', 'G2'],
      ['F', 'G2'],
      ['D', 'G3'],
      ['C', 'G1'],
      ['B', 'G2'],
      ['B', 'G3'],
      ['J', 'G2'],
      ['K', 'G1'],
      ['E', 'G4'],
      ['N', 'G4'],
    ],
    facts: ['u', 'n'],
    rules: { F: { fact: 'u' }, N: { fact: 'n' } },
  };

  it('sorts by guidelines blocked, then severity, then top priority, then catalog order', () => {
    const ctx = miniContext(spec);
    const ev = evaluate(
      ctx,
      assessmentOf({
        profile: { n: false }, // F unknown, N not applicable
        requirements: {
          D: 'partially-compliant',
          C: 'partially-compliant',
          B: 'non-compliant',
          E: 'compliant',
        },
      }),
    );
    // G1: A not-assessed, C partial, K not-assessed → incomplete; G2, G3: B non-compliant → not-met;
    // G4: E compliant, N N/A → met.
    expect(ev.guidelines.map((g) => g.outcome)).toEqual(['incomplete', 'not-met', 'not-met', 'met']);
    expect(ev.gaps).toEqual([
      {
        kind: 'requirement',
        id: 'B',
        effective: 'non-compliant',
        blocks: ['G2', 'G3'],
        blocksTopPriority: false,
      },
      {
        kind: 'requirement',
        id: 'A',
        effective: 'not-assessed',
        blocks: ['G1', 'G2'],
        blocksTopPriority: true,
      },
      {
        kind: 'requirement',
        id: 'C',
        effective: 'partially-compliant',
        blocks: ['G1'],
        blocksTopPriority: true,
      },
      {
        kind: 'requirement',
        id: 'D',
        effective: 'partially-compliant',
        blocks: ['G3'],
        blocksTopPriority: false,
      },
      {
        kind: 'requirement',
        id: 'F',
        effective: 'applicability-unknown',
        blocks: ['G2'],
        blocksTopPriority: false,
      },
      { kind: 'requirement', id: 'K', effective: 'not-assessed', blocks: ['G1'], blocksTopPriority: true },
      { kind: 'requirement', id: 'H', effective: 'not-assessed', blocks: ['G2'], blocksTopPriority: false },
      { kind: 'requirement', id: 'J', effective: 'not-assessed', blocks: ['G2'], blocksTopPriority: false },
    ]);
  });

  it('has no gaps when everything applicable is compliant', () => {
    const ctx = miniContext(spec);
    const requirements = Object.fromEntries(spec.requirements.map((id) => [id, 'compliant' as const]));
    const ev = evaluate(
      ctx,
      assessmentOf({ profile: { u: true, n: false }, requirements: { ...requirements, N: 'not-assessed' } }),
    );
    expect(ev.gaps).toEqual([]);
    expect(ev.summary.guidelinesMet).toBe(4);
    expect(ev.summary.topPriority.allMet).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('on the real catalog', () => {
  let ctx: AssessmentContext;
  let factIds: string[];
  beforeAll(() => {
    ctx = createAssessmentContext(loadCatalog());
    factIds = ctx.facts.facts.map((f) => f.id);
  });
  const allFalse = () => Object.fromEntries(factIds.map((f) => [f, false]));

  it('a product that does not use MQTT: 2.4.7.13 is not applicable, with the reason', () => {
    const ev = evaluate(ctx, assessmentOf({ profile: { 'ip-network': true, mqtt: false } }));
    const r = req(ev, '2.4.7.13');
    expect(r.effective).toBe('not-applicable');
    expect(r.notApplicableBy).toBe('profile');
    expect(r.applicability.kind === 'not-applicable' && r.applicability.reason).toBe(
      'the product does not use MQTT',
    );
  });

  it('a product with no IP network: MQTT is gated off, so 2.4.7.13 is N/A for that reason', () => {
    const ev = evaluate(ctx, assessmentOf({ profile: { 'ip-network': false } }));
    expect(ev.profile.facts.get('mqtt')).toMatchObject({ value: false, origin: 'gated' });
    const r = req(ev, '2.4.7.13');
    expect(r.effective).toBe('not-applicable');
    expect(r.applicability.kind === 'not-applicable' && r.applicability.reason).toBe(
      'the device has no IP network interface',
    );
  });

  it('an unanswered MQTT question: 2.4.7.13 has unknown applicability', () => {
    const ev = evaluate(ctx, assessmentOf({ profile: { 'ip-network': true } }));
    const r = req(ev, '2.4.7.13');
    expect(r.effective).toBe('applicability-unknown');
    expect(r.applicability.kind === 'unknown' && r.applicability.missing).toEqual(['mqtt']);
    expect(r.applicability.kind === 'unknown' && r.applicability.reason).toBe(
      'unanswered: Does the product use the MQTT protocol?',
    );
  });

  it('WPS answered true without Wi-Fi: WPS is false, 2.4.7.11 is N/A, and a warning is given', () => {
    const a = assessmentOf({ profile: { wifi: false, wps: true } });
    const { ev, findings } = run(ctx, a);
    expect(ev.profile.facts.get('wps')).toMatchObject({ value: false, origin: 'gated', contradicted: true });
    const r = req(ev, '2.4.7.11');
    expect(r.effective).toBe('not-applicable');
    expect(r.applicability.kind === 'not-applicable' && r.applicability.reason).toBe(
      'the device does not use Wi-Fi',
    );
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'fact-contradicts-profile',
        path: ['profile', 'wps'],
      }),
    ]);
  });

  it('WPS with Wi-Fi: 2.4.7.11 applies, no warning', () => {
    const { ev, findings } = run(ctx, assessmentOf({ profile: { wifi: true, wps: true } }));
    expect(req(ev, '2.4.7.11').effective).toBe('not-assessed');
    expect(findings).toEqual([]);
  });

  it('2.4.5.21 (ip-network and (cloud or mobile-app)) in three-valued logic', () => {
    const eff = (profile: Record<string, boolean>) =>
      req(evaluate(ctx, assessmentOf({ profile })), '2.4.5.21').effective;
    expect(eff({ 'ip-network': true, cloud: true })).toBe('not-assessed');
    expect(eff({ 'ip-network': true, cloud: false })).toBe('applicability-unknown');
    expect(eff({ 'ip-network': true, cloud: false, 'mobile-app': false })).toBe('not-applicable');
    expect(eff({ 'ip-network': false })).toBe('not-applicable');
    expect(eff({ cloud: true })).toBe('applicability-unknown');
  });

  it('guideline 9 is not applicable when the product has no safety-critical function', () => {
    const ev = evaluate(ctx, assessmentOf({ profile: { 'safety-critical': false } }));
    const g = guideline(ev, '9');
    expect(g.requirements).toEqual(['2.4.13.20', '2.4.13.21']);
    expect(g.outcome).toBe('not-applicable');
    expect(g.counts['not-applicable']).toBe(2);
  });

  it('guideline 9 is incomplete when the safety question is unanswered', () => {
    const g = guideline(evaluate(ctx, assessmentOf()), '9');
    expect(g.outcome).toBe('incomplete');
    expect([...g.deciding].sort()).toEqual(['2.4.13.20', '2.4.13.21']);
    expect(g.counts['applicability-unknown']).toBe(2);
  });

  it('guideline 10 needs an attestation, shows the logging note, and takes one', () => {
    const g = guideline(evaluate(ctx, assessmentOf()), '10');
    expect(g.outcome).toBe('needs-attestation');
    expect(g.unmappedNote).toMatch(/Logging/);
    const { ev, findings } = run(ctx, assessmentOf({ attestations: { '10': 'compliant' } }));
    expect(guideline(ev, '10').outcome).toBe('met');
    expect(findings).toEqual([]);
  });

  it('an attestation on guideline 1 (which has requirements) is an error', () => {
    const { findings } = run(ctx, assessmentOf({ attestations: { '1': 'compliant' } }));
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['attestation-not-needed', ['attestations', '1']],
    ]);
  });

  it('the two requirements printed 2.4.3.13 are assessed separately', () => {
    const ev = evaluate(
      ctx,
      assessmentOf({ requirements: { '2.4.3.13/1': 'compliant', '2.4.3.13/2': 'non-compliant' } }),
    );
    expect(req(ev, '2.4.3.13/1').effective).toBe('compliant');
    expect(req(ev, '2.4.3.13/2').effective).toBe('non-compliant');
    expect(guideline(ev, '2').deciding).toEqual(['2.4.3.13/2']);
  });

  describe('a hand-worked assessment: every profile answer false', () => {
    // 59 requirements carry an applicability rule, all over facts without `not`, so with every fact
    // false they are all not applicable; 126 - 59 = 67 apply. Recorded below: 6 compliant,
    // 1 partially, 1 non-compliant.
    const requirements = {
      '2.4.8.12': 'compliant',
      '2.4.8.13': 'compliant',
      '2.4.5.3': 'compliant',
      '2.4.5.8': 'compliant',
      '2.4.5.10': 'compliant',
      '2.4.5.11': 'compliant',
      '2.4.5.9': 'partially-compliant',
      '2.4.3.5': 'non-compliant',
    } as const;
    let ev: Evaluation;
    let findings: ReturnType<typeof checkAssessment>;
    beforeAll(() => {
      ({ ev, findings } = run(ctx, assessmentOf({ profile: allFalse(), requirements })));
    });

    it('has 59 rules and 24 profile questions in the data', () => {
      expect(ctx.ruleOf.size).toBe(59);
      expect(factIds.length).toBe(24);
      expect(findings).toEqual([]);
    });

    it('gives the hand-worked guideline outcomes', () => {
      // 1: only 2.4.8.12 and 2.4.8.13 apply, both compliant. 2: 2.4.3.5 non-compliant.
      // 3: 2.4.5.3/8/9/10/11 apply, 2.4.5.9 partially. 9: both rules on safety-critical.
      expect(Object.fromEntries(ev.guidelines.map((g) => [g.id, g.outcome]))).toEqual({
        '1': 'met',
        '2': 'not-met',
        '3': 'partially-met',
        '4': 'incomplete',
        '5': 'incomplete',
        '6': 'incomplete',
        '7': 'incomplete',
        '8': 'incomplete',
        '9': 'not-applicable',
        '10': 'needs-attestation',
        '11': 'incomplete',
        '12': 'incomplete',
        '13': 'incomplete',
      });
      expect(guideline(ev, '1').deciding).toEqual(['2.4.8.12', '2.4.8.13']);
      expect(guideline(ev, '1').counts['not-applicable']).toBe(9);
      expect(guideline(ev, '2').deciding).toEqual(['2.4.3.5']);
      expect(guideline(ev, '3').deciding).toEqual(['2.4.5.9']);
      expect(guideline(ev, '13').deciding).toEqual(['2.4.10.10']);
    });

    it('gives the hand-worked summary', () => {
      expect(ev.summary).toEqual({
        guidelinesTotal: 13,
        guidelinesMet: 1,
        outcomeCounts: {
          met: 1,
          'partially-met': 1,
          'not-met': 1,
          incomplete: 8,
          'not-applicable': 1,
          'needs-attestation': 1,
        },
        requirementsTotal: 126,
        statusCounts: {
          compliant: 6,
          'partially-compliant': 1,
          'non-compliant': 1,
          'not-assessed': 59,
          'applicability-unknown': 0,
          'not-applicable': 59,
        },
        applicableRequirements: 67,
        compliantRequirements: 6,
        compliantShare: 6 / 67,
        topPriority: { guidelines: ['1', '2', '3'], allMet: false },
      });
    });

    it('ranks the gaps as worked out by hand', () => {
      // 3 guidelines: 2.4.12.11 and 2.4.12.12 (8, 11, 12). Then 21 not-assessed requirements mapped
      // to 2 guidelines, none of them top priority, in catalog order. Then 1 guideline: the
      // non-compliant 2.4.3.5, the partial 2.4.5.9, the not-assessed ones of top guideline 2, and
      // the remaining 25 not-assessed ones in catalog order.
      const twoBlocks = [
        '2.4.5.1',
        '2.4.5.7',
        '2.4.5.15',
        '2.4.5.19',
        '2.4.5.22',
        '2.4.6.4',
        '2.4.6.5',
        '2.4.6.8',
        '2.4.6.9',
        '2.4.6.11',
        '2.4.7.1',
        '2.4.7.2',
        '2.4.7.12',
        '2.4.7.18',
        '2.4.7.19',
        '2.4.8.9',
        '2.4.9.4',
        '2.4.9.7',
        '2.4.9.9',
        '2.4.12.9',
        '2.4.12.10',
      ];
      const guideline2 = [
        '2.4.3.6',
        '2.4.3.7',
        '2.4.3.8',
        '2.4.3.9',
        '2.4.3.11',
        '2.4.3.12',
        '2.4.3.13/1',
        '2.4.3.13/2',
        '2.4.3.14',
        '2.4.3.15',
        '2.4.3.16',
      ];
      const head = ['2.4.12.11', '2.4.12.12', ...twoBlocks, '2.4.3.5', '2.4.5.9', ...guideline2];
      // 61 requirements, plus guideline 10's missing attestation (it has no mapped requirement).
      expect(ev.gaps.length).toBe(62);
      expect(ev.gaps.slice(0, head.length).map((g) => g.id)).toEqual(head);
      expect(ev.gaps[0]).toEqual({
        kind: 'requirement',
        id: '2.4.12.11',
        effective: 'not-assessed',
        blocks: ['8', '11', '12'],
        blocksTopPriority: false,
      });
      expect(ev.gaps[23]).toEqual({
        kind: 'requirement',
        id: '2.4.3.5',
        effective: 'non-compliant',
        blocks: ['2'],
        blocksTopPriority: true,
      });
      // The attestation gap blocks one guideline, is not assessed and not top priority: it sorts
      // with the one-guideline not-assessed requirements, after them (it has no catalog position).
      expect(ev.gaps.at(-1)).toEqual({
        kind: 'attestation',
        id: '10',
        effective: 'not-assessed',
        blocks: ['10'],
        blocksTopPriority: false,
      });
      const tail = ev.gaps.slice(head.length, -1);
      expect(tail.length).toBe(25);
      const order = new Map(ctx.source.items.map((item, i) => [item.id, i]));
      for (const g of tail) {
        expect(g).toMatchObject({ effective: 'not-assessed', blocksTopPriority: false });
        expect(g.blocks.length).toBe(1);
      }
      const positions = tail.map((g) => order.get(g.id)!);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      // Not gaps: compliant and not-applicable requirements.
      const gapIds = new Set(ev.gaps.map((g) => g.id));
      for (const id of ['2.4.8.12', '2.4.5.3', '2.4.7.13', '2.4.13.20']) expect(gapIds.has(id)).toBe(false);
    });
  });
});
