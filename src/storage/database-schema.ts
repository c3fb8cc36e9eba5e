/**
 * The database tables as kysely types: one interface per table, column names as stored. Times are
 * ISO-8601 UTC text (`Date#toISOString()`): the same type on SQLite and PostgreSQL, and it sorts
 * as it reads. Booleans are 0/1 integers for the same reason (SQLite has no boolean type). Each
 * table's comment says why it looks the way it does; CHECK constraints in the migration keep the
 * states these types exclude out of the database too.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** Who may do what on the team server (issue 3): administrators manage users and settings. */
export const ROLES = ['administrator', 'assessor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** 0 or 1: a boolean stored the same way on both databases. */
export type Flag = 0 | 1;

/** An ISO-8601 UTC timestamp, as written by `Date#toISOString()`. */
export type Timestamp = string;

export interface UsersTable {
  /** Random UUID: ids are never reused and reveal nothing about how many users exist. */
  id: string;
  /** As the administrator typed it, for display. */
  username: string;
  /** NFKC + lower case: the unique key, so "Alice" and "alice" cannot both exist. */
  username_key: string;
  display_name: string;
  role: Role;
  /** The server's password hash string (algorithm and parameters included); never the password. */
  password_hash: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
  password_changed_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session token: a copy of the database does not hold usable sessions. */
  token_hash: string;
  user_id: string;
  /** Sent back in a header on every unsafe request (synchronizer token); useless without the cookie. */
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  /** SHA-256 (hex) of the token; the token itself is shown once, when it is created. */
  token_hash: string;
  role: Role;
  /** The user who created it. */
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  /** `account:<username key>` or `address:<ip>`. */
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface SetupTokensTable {
  /** SHA-256 (hex) of the one-time setup token printed at first start. */
  token_hash: string;
  created_at: Timestamp;
  /** Set once, atomically, by the request that creates the first administrator. */
  consumed_at: Timestamp | null;
  consumed_by: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: Timestamp;
}

export interface ProductsTable {
  id: string;
  name: string;
  model: string | null;
  version: string | null;
  manufacturer: string | null;
  description: string | null;
  /** JSON array of CoP stakeholder roles, in the order given. */
  roles: string;
  archived_at: Timestamp | null;
  /** Optimistic concurrency for the product's fields and profile; +1 on each such write. */
  revision: number;
  /**
   * Source of record revisions: each record write takes the next number, so a record deleted and
   * created again never reuses a revision a client may still hold.
   */
  record_sequence: number;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  /** Lower-cased name, model and manufacturer: case-insensitive search the same way on both databases. */
  search_key: string;
  /** Lower-cased manufacturer, for the manufacturer filter. */
  manufacturer_key: string | null;
  // The cached evaluation, recomputed by the core engine in the transaction of every write, so that
  // the portfolio of thousands of products is read from columns and never evaluated on read.
  /** One letter per guideline, in the target framework's order (see outcome-codes.ts). */
  outcome_codes: string;
  guidelines_met: number;
  top_priority_met: Flag;
  applicable_requirements: number;
  compliant_requirements: number;
  /** Which catalog the cache was computed with; a different catalog makes it stale. */
  evaluated_with: string;
}

export interface ProfileAnswersTable {
  product_id: string;
  fact_id: string;
  /** An unanswered question has no row (the core's "absent means unanswered"). */
  answer: Flag;
}

export const RECORD_SCOPES = ['requirement', 'guideline'] as const;
/** A requirement record, or a guideline-level attestation (same shape: the core's RequirementRecord). */
export type RecordScope = (typeof RECORD_SCOPES)[number];

export interface AssessmentRecordsTable {
  product_id: string;
  scope: RecordScope;
  /** A source requirement id (internal, e.g. 2.4.3.13/2) or a target guideline id. */
  item_id: string;
  status: 'compliant' | 'partially-compliant' | 'non-compliant' | 'not-applicable' | 'not-assessed';
  justification: string | null;
  profile_override: Flag;
  assessor: string | null;
  /** YYYY-MM-DD. */
  assessed_on: string | null;
  /** Optimistic concurrency per record: taken from the product's record_sequence. */
  revision: number;
  updated_at: Timestamp;
  updated_by: string;
}

export const EVIDENCE_KINDS = ['file', 'url', 'note'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceTable {
  id: string;
  product_id: string;
  scope: RecordScope;
  item_id: string;
  /** Order within the record (files list evidence in order; the round trip keeps it). */
  position: number;
  kind: EvidenceKind;
  /** file and url only. */
  title: string | null;
  url: string | null;
  note: string | null;
  blob_sha256: string | null;
  /** The uploaded file's own name, as given (sanitised only when written to a path). */
  file_name: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface BlobsTable {
  /** SHA-256 (hex) of the bytes: the content address, so one file backing many records is stored once. */
  sha256: string;
  size: number;
  /** Sniffed from the bytes (file-type), never taken from the uploader. */
  media_type: string;
  /** In the database, so that a backup of the database is a complete backup. */
  bytes: Uint8Array;
  created_at: Timestamp;
}

export const ACTOR_KINDS = ['user', 'api-token', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Append-only: triggers refuse UPDATE and DELETE (see migrations/0001-initial.ts). */
export interface AuditEventsTable {
  /** Increasing: the order events happened in (newest first = id descending). */
  id: Generated<number>;
  at: Timestamp;
  actor_kind: ActorKind;
  /** User id or API token id; null for the system. */
  actor_id: string | null;
  /** User name or token name at the time, kept even if the user is later renamed. */
  actor_label: string;
  product_id: string | null;
  /** What changed: product, profile, requirement, guideline, user, api-token, session, setup, settings. */
  target_kind: string;
  /** Field name, fact id, requirement id, guideline id, user id, token id…; null for the whole target. */
  target_id: string | null;
  action: string;
  /** JSON text of the value before and after; null when there was none (created / removed). */
  before_json: string | null;
  after_json: string | null;
}

export interface DatabaseSchema {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  setup_tokens: SetupTokensTable;
  settings: SettingsTable;
  products: ProductsTable;
  profile_answers: ProfileAnswersTable;
  assessment_records: AssessmentRecordsTable;
  evidence: EvidenceTable;
  blobs: BlobsTable;
  audit_events: AuditEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ProductRow = Selectable<ProductsTable>;
export type RecordRow = Selectable<AssessmentRecordsTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;

/** Tables in an order that satisfies every foreign key (parents first): for backup and restore. */
export const TABLES_IN_DEPENDENCY_ORDER = [
  'settings',
  'setup_tokens',
  'users',
  'sessions',
  'api_tokens',
  'login_throttle',
  'blobs',
  'products',
  'profile_answers',
  'assessment_records',
  'evidence',
  'audit_events',
] as const satisfies readonly (keyof DatabaseSchema)[];
