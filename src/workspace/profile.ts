/** The product profile: answers to the questions, and the applicability the core derives from them. */
import type { Applicability } from '../core/applicability/applicability.js';
import type { Finding } from '../core/assessment/check-assessment.js';
import { evaluate } from '../core/outcome/evaluate.js';
import type { Evaluation } from '../core/outcome/outcome-types.js';
import { nearest } from '../diagnostics/nearest.js';
import type { Actor } from './actor.js';
import { loadProductState, type ProductState } from './product-state.js';
import { writeProduct } from './product-write.js';
import type { Workspace } from './workspace.js';
import { type InputIssue, InvalidInputError } from './workspace-errors.js';

export interface ProfileView {
  /** The product's revision (the profile shares it with the product's fields). */
  readonly revision: number;
  readonly answers: Readonly<Record<string, boolean>>;
  readonly facts: readonly {
    readonly id: string;
    readonly question: string;
    readonly answer: boolean | null;
    readonly value: boolean | 'unknown';
    readonly origin: 'answered' | 'gated' | 'unanswered';
    readonly contradicted: boolean;
  }[];
  /** Every conditional requirement, in catalog order, with its derived applicability. */
  readonly applicability: readonly {
    readonly requirement: string;
    readonly kind: Exclude<Applicability['kind'], 'always'>;
    readonly reason: string;
    readonly missing: readonly string[];
  }[];
}

export function profileView(state: ProductState, evaluation: Evaluation): ProfileView {
  const answers = state.assessment.profile;
  return {
    revision: state.product.revision,
    answers: Object.fromEntries(answers),
    facts: [...evaluation.profile.facts.values()].map((f) => ({
      id: f.fact.id,
      question: f.fact.question,
      answer: answers.get(f.fact.id) ?? null,
      value: f.value,
      origin: f.origin,
      contradicted: f.contradicted,
    })),
    applicability: evaluation.requirements.flatMap((r) => {
      const a = r.applicability;
      if (a.kind === 'always') return [];
      return [
        { requirement: r.id, kind: a.kind, reason: a.reason, missing: a.kind === 'unknown' ? a.missing : [] },
      ];
    }),
  };
}

export async function getProfile(ws: Workspace, productId: string): Promise<ProfileView> {
  const state = await loadProductState(ws.db, productId, { evidence: false });
  return profileView(state, evaluate(ws.ctx, state.assessment));
}

/**
 * Replaces the profile: `answers` is every answer the profile should have afterwards (null or absent
 * = unanswered). One audit event per question whose answer changed. Refused if a record then breaks
 * a rule (a hand-set not-applicable with no justification on a requirement that now applies).
 */
export async function setProfileAnswers(
  ws: Workspace,
  actor: Actor,
  productId: string,
  expectedRevision: number,
  answers: Readonly<Record<string, boolean | null | undefined>>,
): Promise<{ profile: ProfileView; findings: readonly Finding[] }> {
  const factIds = ws.ctx.facts.facts.map((f) => f.id);
  const issues: InputIssue[] = [];
  const wanted = new Map<string, boolean>();
  for (const [id, answer] of Object.entries(answers)) {
    if (!factIds.includes(id)) {
      const near = nearest(id, factIds);
      issues.push({
        path: ['profile', id],
        code: 'unknown-fact',
        message: `the product profile has no question "${id}"`,
        hint: near.length ? `did you mean ${near.join(', ')}?` : 'see the catalog’s profile questions',
      });
    } else if (answer === true || answer === false) wanted.set(id, answer);
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  const { state, evaluation, findings } = await writeProduct(
    ws,
    actor,
    productId,
    { expectedRevision, bumpRevision: true, touched: 'everything' },
    async (w) => {
      const current = new Map(
        (
          await w.trx
            .selectFrom('profile_answers')
            .select(['fact_id', 'answer'])
            .where('product_id', '=', productId)
            .execute()
        ).map((r) => [r.fact_id, r.answer === 1]),
      );
      for (const id of factIds) {
        const before = current.get(id) ?? null;
        const after = wanted.get(id) ?? null;
        if (before === after) continue;
        w.audit.push({ productId, target: { kind: 'profile', id }, action: 'answered', before, after });
        if (after === null) {
          await w.trx
            .deleteFrom('profile_answers')
            .where('product_id', '=', productId)
            .where('fact_id', '=', id)
            .execute();
        } else if (before === null) {
          await w.trx
            .insertInto('profile_answers')
            .values({ product_id: productId, fact_id: id, answer: after ? 1 : 0 })
            .execute();
        } else {
          await w.trx
            .updateTable('profile_answers')
            .set({ answer: after ? 1 : 0 })
            .where('product_id', '=', productId)
            .where('fact_id', '=', id)
            .execute();
        }
      }
    },
  );
  return { profile: profileView(state, evaluation), findings };
}
