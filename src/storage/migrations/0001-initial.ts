/**
 * The initial schema. Portable schema-builder code except where the two databases differ in kind:
 * the byte column type, the auto-numbered audit id, and the append-only triggers. A released
 * migration never changes; a later change is a new file in migration-list.ts.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

const ROLE_CHECK = sql`role in ('administrator', 'assessor', 'viewer')`;
const STATUS_CHECK = sql`status in ('compliant', 'partially-compliant', 'non-compliant', 'not-applicable', 'not-assessed')`;

async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const schema = db.schema;

  await schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('consumed_by', 'text')
    .execute();

  await schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLE_CHECK))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLE_CHECK))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`length(sha256) = 64`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('version', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('description', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('record_sequence', 'integer', (c) => c.notNull().check(sql`record_sequence >= 0`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('manufacturer_key', 'text')
    .addColumn('outcome_codes', 'text', (c) => c.notNull())
    .addColumn('guidelines_met', 'integer', (c) => c.notNull())
    .addColumn('top_priority_met', 'integer', (c) => c.notNull().check(sql`top_priority_met in (0, 1)`))
    .addColumn('applicable_requirements', 'integer', (c) => c.notNull())
    .addColumn('compliant_requirements', 'integer', (c) => c.notNull())
    .addColumn('evaluated_with', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('products_name').on('products').columns(['search_key', 'id']).execute();
  await schema.createIndex('products_manufacturer').on('products').column('manufacturer_key').execute();
  await schema.createIndex('products_archived').on('products').column('archived_at').execute();
  await schema.createIndex('products_updated').on('products').columns(['updated_at', 'id']).execute();

  await schema
    .createTable('profile_answers')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('fact_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'integer', (c) => c.notNull().check(sql`answer in (0, 1)`))
    .addPrimaryKeyConstraint('profile_answers_pk', ['product_id', 'fact_id'])
    .execute();

  await schema
    .createTable('assessment_records')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('requirement', 'guideline')`))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(STATUS_CHECK))
    .addColumn('justification', 'text')
    .addColumn('profile_override', 'integer', (c) => c.notNull().check(sql`profile_override in (0, 1)`))
    .addColumn('assessor', 'text')
    .addColumn('assessed_on', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_records_pk', ['product_id', 'scope', 'item_id'])
    // An override is a deliberate decision: it always carries its reason (as check-assessment requires).
    .addCheckConstraint(
      'override_needs_justification',
      sql`profile_override = 0 or justification is not null`,
    )
    .execute();

  await schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('url', 'text')
    .addColumn('note', 'text')
    .addColumn('blob_sha256', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('file_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addForeignKeyConstraint(
      'evidence_record',
      ['product_id', 'scope', 'item_id'],
      'assessment_records',
      ['product_id', 'scope', 'item_id'],
      (fk) => fk.onDelete('cascade'),
    )
    // Exactly the fields of its kind: a file has bytes and a name, a url an address, a note its text.
    .addCheckConstraint(
      'evidence_kind_fields',
      sql`(kind = 'file' and blob_sha256 is not null and file_name is not null and url is null and note is null)
        or (kind = 'url' and url is not null and blob_sha256 is null and file_name is null and note is null)
        or (kind = 'note' and note is not null and title is null and url is null and blob_sha256 is null and file_name is null)`,
    )
    .execute();
  await schema
    .createIndex('evidence_record')
    .on('evidence')
    .columns(['product_id', 'scope', 'item_id', 'position'])
    .execute();
  await schema.createIndex('evidence_blob').on('evidence').column('blob_sha256').execute();

  await schema
    .createTable('audit_events')
    .addColumn('id', 'integer', (c) =>
      dialect === 'postgres' ? c.generatedByDefaultAsIdentity().primaryKey() : c.autoIncrement().primaryKey(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) =>
      c.notNull().check(sql`actor_kind in ('user', 'api-token', 'system')`),
    )
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await schema.createIndex('audit_product').on('audit_events').columns(['product_id', 'id']).execute();
  await schema
    .createIndex('audit_target')
    .on('audit_events')
    .columns(['product_id', 'target_kind', 'target_id', 'id'])
    .execute();

  // The audit trail is append-only, enforced by the database itself so that no code path (and no
  // one with the application's credentials) can rewrite history. Raw SQL: triggers are not portable.
  if (dialect === 'postgres') {
    await sql`create function iotassure_audit_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only: % refused', tg_op;
      end
    $$`.execute(db);
    await sql`create trigger audit_events_append_only before update or delete on audit_events
      for each row execute function iotassure_audit_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function iotassure_audit_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only: UPDATE refused'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only: DELETE refused'); end`.execute(db);
  }
}

export const initialMigration: Migration = {
  up,
  // No down: dropping the audit trail is not something a migration may do.
};
