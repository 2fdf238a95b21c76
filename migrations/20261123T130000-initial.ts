import { sql, type Kysely } from 'kysely';

// Migrations import nothing from src/: they describe the database as it was on their date.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE institution (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE team (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      institution_id uuid NOT NULL REFERENCES institution(id),
      key text NOT NULL UNIQUE,
      name_nl text NOT NULL,
      name_en text NOT NULL,
      ack_days integer NOT NULL DEFAULT 7 CHECK (ack_days > 0),
      feedback_days integer NOT NULL DEFAULT 91 CHECK (feedback_days > 0),
      retention_months integer NOT NULL DEFAULT 60 CHECK (retention_months > 0),
      case_counter integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE org_unit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      key text NOT NULL,
      label_nl text NOT NULL,
      label_en text NOT NULL,
      UNIQUE (team_id, key)
    );

    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      display_name text NOT NULL,
      password_hash text,
      locale text NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

    CREATE TABLE team_membership (
      user_id uuid NOT NULL REFERENCES app_user(id),
      team_id uuid NOT NULL REFERENCES team(id),
      role text NOT NULL CHECK (role IN ('confidential_adviser', 'safety_coordinator', 'ombudsperson',
        'support_officer', 'expert_team_member', 'board', 'partner_service', 'administrator')),
      PRIMARY KEY (user_id, team_id, role)
    );

    CREATE TABLE session (
      id_hash bytea PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX session_by_user ON session (user_id);

    CREATE TABLE setup_token (
      token_hash bytea PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('first_admin', 'invite')),
      team_id uuid REFERENCES team(id),
      role text,
      email text,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL
    );

    CREATE TABLE "case" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      reference text NOT NULL,
      source text NOT NULL CHECK (source IN ('intake', 'staff', 'import')),
      received_on date NOT NULL,
      channel text NOT NULL,
      via text NOT NULL,
      reporter_role text NOT NULL,
      reporter_gender text NOT NULL,
      org_unit_key text,
      category text NOT NULL,
      subtype text,
      location text NOT NULL DEFAULT 'unknown',
      accused_role text NOT NULL,
      reporter_goal text,
      status text NOT NULL DEFAULT 'received',
      follow_up text,
      closed_on date,
      is_anonymous boolean NOT NULL DEFAULT false,
      is_urgent boolean NOT NULL DEFAULT false,
      form_version text,
      receipt_hash bytea UNIQUE,
      idempotency_key text UNIQUE,
      assigned_adviser_id uuid REFERENCES app_user(id),
      ack_due_on date,
      feedback_due_on date,
      summary bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (team_id, reference),
      CHECK (closed_on IS NULL OR closed_on >= received_on)
    );
    CREATE INDEX case_team_received ON "case" (team_id, received_on DESC, id);
    CREATE INDEX case_team_status ON "case" (team_id, status, received_on DESC);
    CREATE INDEX case_assigned ON "case" (assigned_adviser_id, received_on DESC);

    -- The per-case data key, wrapped by a master key that is never in the database.
    CREATE TABLE case_key (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      master_key_id text NOT NULL,
      wrapped_key bytea NOT NULL
    );

    -- Identities of reporter and accused, apart from the case and encrypted.
    CREATE TABLE case_party (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      party text NOT NULL CHECK (party IN ('reporter', 'accused')),
      identity bytea NOT NULL,
      UNIQUE (case_id, party)
    );

    CREATE TABLE partner_count (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      year integer NOT NULL,
      service text NOT NULL,
      category text,
      count integer NOT NULL CHECK (count >= 0)
    );
    CREATE UNIQUE INDEX partner_count_unique ON partner_count (team_id, year, service, coalesce(category, ''));

    -- Append-only, hash-chained trail of every read and change. Ids and codes only, no content.
    CREATE TABLE audit_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      type text NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'reporter', 'system', 'cli')),
      actor_user_id uuid,
      team_id uuid,
      case_id uuid,
      detail jsonb NOT NULL DEFAULT '{}',
      prev_hash bytea NOT NULL,
      hash bytea NOT NULL
    );
    CREATE INDEX audit_event_case ON audit_event (case_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_event, partner_count, case_party, case_key, "case", throttle, setup_token,
      session, team_membership, app_user, org_unit, team, institution;
  `.execute(db);
}
