/**
 * The API's request and response types, inferred from the server's own zod schemas
 * (src/server/api/*-schemas.ts): the contract has one source, so a changed field fails this
 * app's typecheck instead of failing in a browser. Type-only imports: no server code is bundled.
 * Responses are not re-validated here: the server serialises every answer through the same
 * schemas (an allow-list), so the shapes below are what arrives.
 */
import type { z } from 'zod';
import type { Stakeholder } from '../../../src/core/catalog/catalog-types.js';
import type { Outcome } from '../../../src/core/outcome/outcome-types.js';
import type {
  catalogGuidelinesSchema,
  catalogRequirementsSchema,
  profileQuestionSchema,
  profileQuestionsSchema,
} from '../../../src/server/api/catalog-schemas.js';
import type { errorBodySchema, fieldIssueSchema } from '../../../src/server/api/common-schemas.js';
import type { importDiagnosticSchema, importResultSchema } from '../../../src/server/api/exchange-schemas.js';
import type {
  historyEventSchema,
  historyQuerySchema,
  historySchema,
} from '../../../src/server/api/history-schemas.js';
import type {
  createProductBodySchema,
  portfolioQuerySchema,
  portfolioRowSchema,
  portfolioSchema,
  productDetailSchema,
  productSchema,
  updateProductBodySchema,
} from '../../../src/server/api/product-schemas.js';
import type {
  profileSchema,
  putProfileBodySchema,
  putProfileResponseSchema,
} from '../../../src/server/api/profile-schemas.js';
import type {
  addEvidenceBodySchema,
  evidenceItemSchema,
  evidenceTargetSchema,
  putRecordBodySchema,
  putRecordResponseSchema,
  recordStateSchema,
  warningSchema,
} from '../../../src/server/api/record-schemas.js';
import type {
  effectiveStatusSchema,
  reportSchema,
  statusSchema,
} from '../../../src/server/api/report-schemas.js';
import type {
  changePasswordBodySchema,
  passwordPolicySchema,
  roleSchema,
  sessionSchema,
  setupBodySchema,
  setupStatusSchema,
  userSchema,
} from '../../../src/server/api/session-schemas.js';
import type {
  apiTokenSchema,
  createdTokenSchema,
  createTokenBodySchema,
  createUserBodySchema,
  updateUserBodySchema,
} from '../../../src/server/api/user-schemas.js';

export type { Outcome, Stakeholder };
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export type Role = z.infer<typeof roleSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type User = z.infer<typeof userSchema>;
export type SetupStatus = z.infer<typeof setupStatusSchema>;
export type SetupBody = z.input<typeof setupBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type CreateTokenBody = z.input<typeof createTokenBodySchema>;

export type CatalogGuidelines = z.infer<typeof catalogGuidelinesSchema>;
export type CatalogRequirements = z.infer<typeof catalogRequirementsSchema>;
export type ProfileQuestion = z.infer<typeof profileQuestionSchema>;
export type ProfileQuestions = z.infer<typeof profileQuestionsSchema>;

export type Product = z.infer<typeof productSchema>;
export type CreateProductBody = z.input<typeof createProductBodySchema>;
export type UpdateProductBody = z.input<typeof updateProductBodySchema>;
export type PortfolioQuery = Partial<z.input<typeof portfolioQuerySchema>>;
export type Portfolio = z.infer<typeof portfolioSchema>;
export type PortfolioRow = z.infer<typeof portfolioRowSchema>;
export type ProductDetail = z.infer<typeof productDetailSchema>;
export type Report = z.infer<typeof reportSchema>;
export type ReportGuideline = Report['guidelines'][number];
export type ReportRequirement = Report['requirements'][number];
export type ReportGap = Report['gaps'][number];

export type Profile = z.infer<typeof profileSchema>;
export type PutProfileBody = z.input<typeof putProfileBodySchema>;
export type PutProfileResponse = z.infer<typeof putProfileResponseSchema>;

export type Status = z.infer<typeof statusSchema>;
export type EffectiveStatus = z.infer<typeof effectiveStatusSchema>;
export type RecordState = z.infer<typeof recordStateSchema>;
export type PutRecordBody = z.input<typeof putRecordBodySchema>;
export type PutRecordResponse = z.infer<typeof putRecordResponseSchema>;
export type Warning = z.infer<typeof warningSchema>;
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;
export type EvidenceTarget = z.infer<typeof evidenceTargetSchema>;
export type AddEvidenceBody = z.input<typeof addEvidenceBodySchema>;

export type HistoryQuery = Partial<z.input<typeof historyQuerySchema>>;
export type History = z.infer<typeof historySchema>;
export type HistoryEvent = z.infer<typeof historyEventSchema>;

export type ImportDiagnostic = z.infer<typeof importDiagnosticSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
