/**
 * The catalog as the web UI needs it: the 13 guidelines, the CF requirements with their sections
 * and stakeholders, and the product profile questions. Texts are the catalog's, verbatim.
 */
import { z } from 'zod';
import type { Condition } from '../../core/applicability/condition.js';
import { STAKEHOLDERS } from '../../core/catalog/catalog-types.js';
import { list } from './common-schemas.js';

export const stakeholderSchema = z.enum(STAKEHOLDERS);

export const noteSchema = z.object({ kind: z.enum(['note', 'defect']), text: z.string() });

export const catalogGuidelineSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    title: z.string().nullable(),
    statement: z.string().nullable(),
    stakeholders: list(stakeholderSchema),
    topPriority: z.boolean(),
    /** Ids of the requirements mapped to this guideline, in mapping order. */
    requirements: list(z.string()),
    /** For a guideline no requirement maps to: what the mapping source says instead. */
    unmappedNote: z.string().nullable(),
    notes: list(noteSchema),
  })
  .meta({ id: 'CatalogGuideline' });

export const catalogSectionSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  title: z.string(),
});

export const catalogRequirementSchema = z
  .object({
    id: z.string(),
    /** The printed number, or null when the source prints none. */
    number: z.string().nullable(),
    section: z.string().nullable().describe('Id of the CF section (see `sections`).'),
    text: z.string().nullable(),
    variants: list(z.object({ text: z.string(), source: z.string() })),
    guidelines: list(z.string()),
    /**
     * Derived, not printed by the CF: the stakeholders of the guidelines this requirement maps to
     * (the CoP names the stakeholders per guideline).
     */
    stakeholders: list(stakeholderSchema),
    /** When the requirement is conditional: the condition's grounding and the words that state it. */
    condition: z
      .object({ basis: z.enum(['explicit', 'scope']), quote: z.string(), facts: list(z.string()) })
      .nullable(),
    notes: list(noteSchema),
  })
  .meta({ id: 'CatalogRequirement' });

export const catalogFrameworkSchema = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  version: z.string(),
  publisher: z.string(),
});

export const catalogGuidelinesSchema = z.object({
  framework: catalogFrameworkSchema,
  items: list(catalogGuidelineSchema),
});

export const catalogRequirementsSchema = z.object({
  framework: catalogFrameworkSchema,
  sections: list(catalogSectionSchema),
  items: list(catalogRequirementSchema),
});

/** A condition as stored in the catalog: a fact, or all/any/not of conditions. */
export const conditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      z.object({ fact: z.string() }),
      z.object({ all: list(conditionSchema) }),
      z.object({ any: list(conditionSchema) }),
      z.object({ not: conditionSchema }),
    ]),
  )
  .meta({ id: 'Condition' });

export const profileQuestionSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    help: z.string(),
    /** Asked only when this holds; otherwise the answer is "no" without asking. */
    askWhen: conditionSchema.nullable(),
    whenTrue: z.string(),
    whenFalse: z.string(),
  })
  .meta({ id: 'ProfileQuestion' });

export const profileQuestionsSchema = z.object({
  factSet: z.object({ id: z.string(), title: z.string() }),
  items: list(profileQuestionSchema),
});
