import { sql, type Kysely } from 'kysely';

// The team's own work (issue 11): protocols (versioned checklists) attached to cases with their
// ticked steps; the sealed safety plan of a case; urgent alerts with an on-call rota per team and
// escalation notices; team activities and training hours; objectives and recommendations per year.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE team ADD COLUMN urgent_escalation_minutes integer NOT NULL DEFAULT 30
      CHECK (urgent_escalation_minutes BETWEEN 1 AND 1440);

    CREATE TABLE protocol (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (team_id, key)
    );

    CREATE TABLE protocol_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      protocol_id uuid NOT NULL REFERENCES protocol(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      title_nl text NOT NULL,
      title_en text NOT NULL,
      categories jsonb NOT NULL DEFAULT '[]',
      steps jsonb NOT NULL,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (protocol_id, version)
    );

    CREATE TABLE case_protocol (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      protocol_id uuid NOT NULL REFERENCES protocol(id),
      protocol_version_id uuid NOT NULL REFERENCES protocol_version(id),
      attached_via text NOT NULL CHECK (attached_via IN ('category', 'choice')),
      attached_by uuid REFERENCES app_user(id),
      attached_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, protocol_id)
    );

    CREATE TABLE case_protocol_step (
      case_protocol_id uuid NOT NULL REFERENCES case_protocol(id) ON DELETE CASCADE,
      step_key text NOT NULL,
      done_by uuid NOT NULL REFERENCES app_user(id),
      done_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_protocol_id, step_key)
    );

    CREATE TABLE safety_plan (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      content bytea NOT NULL,
      updated_by uuid REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE on_call_slot (
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position >= 1),
      user_id uuid NOT NULL REFERENCES app_user(id),
      PRIMARY KEY (team_id, position),
      UNIQUE (team_id, user_id)
    );

    CREATE TABLE urgent_alert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL UNIQUE REFERENCES "case"(id) ON DELETE CASCADE,
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      raised_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES app_user(id)
    );
    CREATE INDEX urgent_alert_open ON urgent_alert (team_id) WHERE acknowledged_at IS NULL;

    CREATE TABLE urgent_alert_notice (
      alert_id uuid NOT NULL REFERENCES urgent_alert(id) ON DELETE CASCADE,
      level integer NOT NULL CHECK (level >= 1),
      user_id uuid NOT NULL REFERENCES app_user(id),
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (alert_id, level)
    );

    CREATE TABLE team_activity (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('workshop', 'presentation', 'campaign', 'event', 'meeting_internal', 'meeting_external', 'peer_consultation', 'training')),
      title text NOT NULL,
      held_on date NOT NULL,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
      participants integer CHECK (participants >= 0),
      partner text,
      adviser_id uuid REFERENCES app_user(id),
      minutes integer CHECK (minutes >= 0),
      notes text,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX team_activity_team_date ON team_activity (team_id, held_on);

    CREATE TABLE team_objective (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      kind text NOT NULL CHECK (kind IN ('objective', 'recommendation')),
      title text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'partly', 'carried_over')),
      notes text,
      carried_from_id uuid UNIQUE REFERENCES team_objective(id) ON DELETE SET NULL,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX team_objective_team_year ON team_objective (team_id, year);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE team_objective, team_activity, urgent_alert_notice, urgent_alert, on_call_slot, safety_plan,
      case_protocol_step, case_protocol, protocol_version, protocol;
    ALTER TABLE team DROP COLUMN urgent_escalation_minutes;
  `.execute(db);
}
