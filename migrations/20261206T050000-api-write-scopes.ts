import { sql, type Kysely } from 'kysely';

// The integration API writes (issue 22): scopes renamed to resource:action (an existing token
// keeps exactly what it could do: `statistics` → `statistics:read`, `cases:metadata` →
// `cases:read`); an Idempotency-Key per token so a retried registration makes one case; a status
// change may be made by an API token instead of a staff member (exactly one of the two).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE api_token SET scopes = array_to_string(ARRAY(
      SELECT CASE s WHEN 'statistics' THEN 'statistics:read'
                    WHEN 'cases:metadata' THEN 'cases:read' ELSE s END
      FROM unnest(string_to_array(scopes, ' ')) AS s), ' ');

    CREATE TABLE api_idempotency (
      token_id uuid NOT NULL REFERENCES api_token(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      request_hash bytea NOT NULL,
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (token_id, key)
    );

    ALTER TABLE case_status_change
      ALTER COLUMN changed_by DROP NOT NULL,
      ADD COLUMN changed_by_token uuid REFERENCES api_token(id),
      ADD CONSTRAINT case_status_change_by_one
        CHECK ((changed_by IS NULL) <> (changed_by_token IS NULL));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM case_status_change WHERE changed_by IS NULL;
    ALTER TABLE case_status_change
      DROP CONSTRAINT case_status_change_by_one,
      DROP COLUMN changed_by_token,
      ALTER COLUMN changed_by SET NOT NULL;
    DROP TABLE api_idempotency;
    UPDATE api_token SET scopes = array_to_string(ARRAY(
      SELECT CASE s WHEN 'statistics:read' THEN 'statistics'
                    WHEN 'cases:read' THEN 'cases:metadata' ELSE s END
      FROM unnest(string_to_array(scopes, ' ')) AS s
      WHERE s IN ('statistics:read', 'cases:read')), ' ');
  `.execute(db);
}
