/**
 * The catalog as the API shows it, built once per assessment context: the CoP guidelines, the CF
 * requirements and the profile questions, with the catalog's own texts.
 */
import { factsOf } from '../../core/applicability/condition.js';
import type { AssessmentContext } from '../../core/assessment/assessment-context.js';
import { STAKEHOLDERS, type Stakeholder } from '../../core/catalog/catalog-types.js';

function frameworkView(fw: AssessmentContext['source']) {
  return {
    id: fw.id,
    title: fw.title,
    shortTitle: fw.shortTitle,
    version: fw.version,
    publisher: fw.publisher,
  };
}

export function catalogGuidelines(ctx: AssessmentContext) {
  return {
    framework: frameworkView(ctx.target),
    items: ctx.target.items.map((g) => ({
      id: g.id,
      number: g.number,
      title: g.title,
      statement: g.text,
      stakeholders: [...g.stakeholders],
      topPriority: g.priority === 'top',
      requirements: [...(ctx.sourcesOf.get(g.id) ?? [])],
      unmappedNote: ctx.unmappedTargets.get(g.id)?.note ?? null,
      notes: [...g.notes],
    })),
  };
}

export function catalogRequirements(ctx: AssessmentContext) {
  const stakeholdersOfTarget = new Map(ctx.target.items.map((g) => [g.id, new Set(g.stakeholders)]));
  return {
    framework: frameworkView(ctx.source),
    sections: ctx.source.groups.map((g) => ({ id: g.id, number: g.number, title: g.title })),
    items: ctx.source.items.map((r) => {
      const guidelines = ctx.targetsOf.get(r.id) ?? [];
      // Derived: the CF names no stakeholders; the CoP does, per guideline.
      const stakeholders: Stakeholder[] = STAKEHOLDERS.filter((s) =>
        guidelines.some((g) => stakeholdersOfTarget.get(g)?.has(s)),
      );
      const rule = ctx.ruleOf.get(r.id);
      return {
        id: r.id,
        number: r.number,
        section: r.group,
        text: r.text,
        variants: [...r.variants],
        guidelines: [...guidelines],
        stakeholders,
        condition: rule ? { basis: rule.basis, quote: rule.quote, facts: factsOf(rule.when) } : null,
        notes: [...r.notes],
      };
    }),
  };
}

export function profileQuestions(ctx: AssessmentContext) {
  return {
    factSet: { id: ctx.facts.id, title: ctx.facts.title },
    items: ctx.facts.facts.map((f) => ({
      id: f.id,
      question: f.question,
      help: f.help,
      askWhen: f.askWhen,
      whenTrue: f.whenTrue,
      whenFalse: f.whenFalse,
    })),
  };
}
