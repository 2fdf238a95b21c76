import { sql, type Kysely } from 'kysely';

// The reporter's side: anonymous mailbox sessions, messages and files both ways, minutes for
// the reporter to approve, an optional notification address, and appointment requests.
// Every column that could hold case content is sealed with the case's data key (bytea).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reporter_session (
      id_hash bytea PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX reporter_session_case ON reporter_session (case_id);

    CREATE TABLE case_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      author text NOT NULL CHECK (author IN ('reporter', 'adviser')),
      author_user_id uuid REFERENCES app_user(id),
      body bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_message_case ON case_message (case_id, created_at);

    CREATE TABLE case_attachment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      message_id uuid REFERENCES case_message(id) ON DELETE CASCADE,
      uploaded_by text NOT NULL CHECK (uploaded_by IN ('reporter', 'adviser')),
      media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      file_name bytea NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_attachment_case ON case_attachment (case_id, created_at);

    CREATE TABLE case_minutes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      author_user_id uuid NOT NULL REFERENCES app_user(id),
      conversation_on date NOT NULL,
      body bytea NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'correction_requested')),
      correction bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      responded_at timestamptz
    );
    CREATE INDEX case_minutes_case ON case_minutes (case_id, created_at);

    -- One optional address per case for content-free notices; removable at any time.
    CREATE TABLE reporter_notification (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      email bytea NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE appointment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('in_person', 'online_meeting', 'phone')),
      proposed_slots timestamptz[] NOT NULL CHECK (cardinality(proposed_slots) BETWEEN 1 AND 3),
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'confirmed')),
      starts_at timestamptz,
      duration_minutes integer NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 15 AND 240),
      details bytea,
      confirmed_by uuid REFERENCES app_user(id),
      ics_token_hash bytea UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz,
      CHECK (status = 'requested' OR starts_at IS NOT NULL)
    );
    CREATE INDEX appointment_case ON appointment (case_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE appointment, reporter_notification, case_minutes, case_attachment, case_message, reporter_session`.execute(
    db,
  );
}
