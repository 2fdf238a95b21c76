import { sql, type Kysely } from 'kysely';

// The rights of data subjects (issue 23): requests of the reporter and of the accused for access,
// correction and erasure, each with its legal term (one month, extendable by two), the decision and
// its reason code; and the information duty towards the accused (GDPR art. 14): informed on a
// date, or deferred with a reason and a review date. Free text is sealed with the case's data key.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rights_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      subject text NOT NULL CHECK (subject IN ('reporter', 'accused')),
      kind text NOT NULL CHECK (kind IN ('access', 'correction', 'erasure')),
      via text NOT NULL CHECK (via IN ('mailbox', 'staff')),
      requested_on date NOT NULL,
      due_on date NOT NULL,
      extended boolean NOT NULL DEFAULT false,
      details bytea,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'granted', 'refused')),
      reason text,
      outcome text CHECK (outcome IS NULL OR outcome IN ('kept', 'replaced')),
      decision_note bytea,
      disclosed bytea,
      withheld bytea,
      recorded_by uuid REFERENCES app_user(id),
      decided_by uuid REFERENCES app_user(id),
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status = 'open' OR reason IS NOT NULL)
    );
    CREATE INDEX rights_request_open ON rights_request (team_id, due_on) WHERE status = 'open';
    CREATE INDEX rights_request_case ON rights_request (case_id);

    CREATE TABLE accused_information (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      informed_on date,
      deferred_reason bytea,
      review_on date,
      recorded_by uuid REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((informed_on IS NOT NULL AND deferred_reason IS NULL AND review_on IS NULL)
          OR (informed_on IS NULL AND deferred_reason IS NOT NULL AND review_on IS NOT NULL))
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE accused_information; DROP TABLE rights_request;`.execute(db);
}
