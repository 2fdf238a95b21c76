import { sql, type Kysely } from 'kysely';

// Repeated reports about the same person (issue 8): identifiers of the accused, sealed with the
// case key AND as a blind index (HMAC under a key outside the database); a keyed fingerprint
// of a named reporter so that one reporter counts once; the reporter's escrow choice.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE team ADD COLUMN pattern_threshold integer NOT NULL DEFAULT 2 CHECK (pattern_threshold >= 2);

    CREATE TABLE accused_identifier (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('email', 'person_number', 'name_unit', 'social')),
      identity bytea NOT NULL,
      blind_index bytea NOT NULL,
      key_id text NOT NULL,
      added_by text NOT NULL CHECK (added_by IN ('adviser', 'reporter')),
      added_by_user_id uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, blind_index)
    );
    CREATE INDEX accused_identifier_blind_index ON accused_identifier (blind_index);

    CREATE TABLE reporter_fingerprint (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      fingerprint bytea NOT NULL,
      key_id text NOT NULL
    );
    CREATE INDEX reporter_fingerprint_value ON reporter_fingerprint (fingerprint);

    CREATE TABLE pattern_escrow (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      state text NOT NULL DEFAULT 'dormant' CHECK (state IN ('dormant', 'matched', 'released', 'declined')),
      created_at timestamptz NOT NULL DEFAULT now(),
      matched_at timestamptz,
      notified_at timestamptz,
      decided_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE pattern_escrow, reporter_fingerprint, accused_identifier;
    ALTER TABLE team DROP COLUMN pattern_threshold;
  `.execute(db);
}
