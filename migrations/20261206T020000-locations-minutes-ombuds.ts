import { sql, type Kysely } from 'kysely';

// Issue 21's remainder: where a conversation takes place (meeting locations per team, chosen in
// the appointment request and carried on the .ics), the zorgoverleg's minutes (sealed with the
// master key: a meeting has no case key) and the outcome of a complaint about procedure as a
// category the ombudsperson's aggregates can count. Imports nothing from src/.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A team's own locations; a team without rows offers the shipped defaults (seeds/001:
    -- Binnenstad SSC, Randwyck PHS, online via Teams). Not case content: addresses and directions.
    CREATE TABLE meeting_location (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      key text NOT NULL,
      label_nl text NOT NULL,
      label_en text NOT NULL,
      instructions_nl text NOT NULL DEFAULT '',
      instructions_en text NOT NULL DEFAULT '',
      sort integer NOT NULL DEFAULT 0,
      is_active boolean NOT NULL DEFAULT true,
      UNIQUE (team_id, key)
    );
    -- The location the reporter chose, by the team's key (the label may change later).
    ALTER TABLE appointment ADD COLUMN location_key text;

    -- The minutes of a zorgoverleg as a whole: sealed, refused while the PII detector finds anything.
    ALTER TABLE mdo_meeting ADD COLUMN minutes bytea;
    ALTER TABLE mdo_meeting ADD COLUMN minutes_key_id text;

    -- How a complaint about procedure ended, so the ombudsperson can count outcomes.
    ALTER TABLE procedure_complaint ADD COLUMN outcome_kind text
      CHECK (outcome_kind IN ('upheld', 'partly_upheld', 'not_upheld', 'withdrawn'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE procedure_complaint DROP COLUMN outcome_kind;
    ALTER TABLE mdo_meeting DROP COLUMN minutes_key_id;
    ALTER TABLE mdo_meeting DROP COLUMN minutes;
    ALTER TABLE appointment DROP COLUMN location_key;
    DROP TABLE meeting_location;
  `.execute(db);
}
