/**
 * The workspace's public interface: the team server's use cases, with no HTTP. Each function takes
 * the Workspace first and, for a change, the Actor making it. Errors are WorkspaceError subclasses
 * with stable codes (workspace-errors.ts).
 */
export type { Actor } from './actor.js';
export { SYSTEM_ACTOR } from './actor.js';
export * from './api-tokens.js';
export { type BlobInfo, readBlob, sniffMediaType } from './blobs.js';
export { refreshStaleEvaluations } from './evaluation-cache.js';
export { addEvidence, type EvidenceInput, readEvidenceFile, removeEvidence } from './evidence.js';
export { evidenceFilePath, safeFileName } from './evidence-paths.js';
export * from './history.js';
export * from './login-throttle.js';
export { type OpenWorkspaceOptions, openWorkspace } from './open-workspace.js';
export {
  MAX_PAGE_SIZE,
  type PortfolioPage,
  type PortfolioQuery,
  type PortfolioRow,
  queryPortfolio,
} from './portfolio.js';
export { getProductDetail, type ProductDetail } from './product-detail.js';
export type { EvidenceTarget, EvidenceView, ProductView, RecordState } from './product-state.js';
export {
  archiveProduct,
  createProduct,
  getProduct,
  type ProductChanges,
  type ProductFieldsInput,
  unarchiveProduct,
  updateProduct,
} from './products.js';
export { getProfile, type ProfileView, setProfileAnswers } from './profile.js';
export {
  type RecordInput,
  type RecordWriteResult,
  setGuidelineAttestation,
  setRecord,
  setRequirementRecord,
} from './records.js';
export * from './sessions.js';
export * from './settings.js';
export * from './setup-token.js';
export * from './users.js';
export { createWorkspace, type Workspace } from './workspace.js';
export * from './workspace-errors.js';
