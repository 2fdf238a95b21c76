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
      PRIMARY KEY (token_id, key),
      institution_id uuid NOT NULL DEFAULT meldpunt_institution() REFERENCES institution(id)
    );
    -- Row-level security as 20261206T040000 gives every table with institution data: the
    -- institution follows the case, and a row of another institution's case cannot be written.
    CREATE INDEX api_idempotency_institution_idx ON api_idempotency (institution_id);
    CREATE FUNCTION meldpunt_fill_institution_api_idempotency() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE p uuid;
    BEGIN
      p := (SELECT x.institution_id FROM "case" x WHERE x.id = NEW.case_id);
      IF NEW.institution_id IS NULL THEN NEW.institution_id := p;
      ELSIF p IS DISTINCT FROM NEW.institution_id THEN
        RAISE EXCEPTION 'api_idempotency: its case belongs to another institution'
          USING ERRCODE = '42501';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fill_institution BEFORE INSERT OR UPDATE OF case_id ON api_idempotency
      FOR EACH ROW EXECUTE FUNCTION meldpunt_fill_institution_api_idempotency();
    ALTER TABLE api_idempotency ENABLE ROW LEVEL SECURITY;
    ALTER TABLE api_idempotency FORCE ROW LEVEL SECURITY;
    CREATE POLICY institution_isolation ON api_idempotency
      USING (institution_id = meldpunt_institution())
      WITH CHECK (institution_id = meldpunt_institution());
    CREATE POLICY platform_context ON api_idempotency
      USING (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app')
      WITH CHECK (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app');

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
    DROP FUNCTION meldpunt_fill_institution_api_idempotency();
    UPDATE api_token SET scopes = array_to_string(ARRAY(
      SELECT CASE s WHEN 'statistics:read' THEN 'statistics'
                    WHEN 'cases:read' THEN 'cases:metadata' ELSE s END
      FROM unnest(string_to_array(scopes, ' ')) AS s
      WHERE s IN ('statistics:read', 'cases:read')), ' ');
  `.execute(db);
}
