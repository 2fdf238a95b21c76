import { sql, type Kysely } from 'kysely';

// Issue 21: the careful process of seeds/004 — the escalation ladder in order (a rung skipped
// only with a recorded reason), Afwegingskader 2 as its own record, the board's approval in the
// system (an escalation request the board approves or declines with a reason), and for threats
// against scientists (seeds/003) the communications action list and the impact on work; the
// expert team by discipline.
// Everything a person wrote is sealed with the case's data key (bytea). Imports nothing from src/.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Wederhoor (hearing the accused) is a step of the formal path, recorded like the others.
    ALTER TABLE escalation_step DROP CONSTRAINT escalation_step_step_check;
    ALTER TABLE escalation_step ADD CONSTRAINT escalation_step_step_check
      CHECK (step IN ('discuss_with_person', 'collegial_consultation', 'scale_up', 'mdo', 'board', 'hearing_accused'));

    CREATE TABLE escalation_skip (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      rung text NOT NULL CHECK (rung IN ('discuss_with_person', 'collegial_consultation', 'framework1')),
      reason bytea NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, rung)
    );

    CREATE TABLE framework2_assessment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      all_options_used boolean NOT NULL,
      consent_efforts_made boolean NOT NULL,
      necessary_for_risk boolean NOT NULL,
      explanation bytea NOT NULL,
      assessed_by uuid NOT NULL REFERENCES app_user(id),
      assessed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX framework2_assessment_case ON framework2_assessment (case_id, assessed_at);

    -- The coordinator asks the board; what and why are anonymised and sealed (row-bound).
    CREATE TABLE escalation_request (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      team_id uuid NOT NULL REFERENCES team(id),
      what bytea NOT NULL,
      why bytea NOT NULL,
      partner_key text NOT NULL,
      info text NOT NULL,
      all_options_used boolean NOT NULL,
      consent_efforts_made boolean NOT NULL,
      necessary_for_risk boolean NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
      requested_by uuid NOT NULL REFERENCES app_user(id),
      requested_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES app_user(id),
      decided_at timestamptz,
      decision_reason bytea
    );
    CREATE INDEX escalation_request_team ON escalation_request (team_id, status, requested_at);
    CREATE INDEX escalation_request_case ON escalation_request (case_id);

    ALTER TABLE external_share ADD COLUMN escalation_request_id uuid REFERENCES escalation_request(id);

    CREATE TABLE threat_comms_action (
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      action text NOT NULL CHECK (action IN ('untag', 'hide_comments', 'report_platform', 'monitor', 'evidence_log')),
      done_on date NOT NULL,
      done_by uuid NOT NULL REFERENCES app_user(id),
      PRIMARY KEY (case_id, action)
    );

    -- The expert team by discipline: each member's disciplines per team, and the disciplines a
    -- consultation goes to (none: the whole expert team, as before).
    CREATE TABLE expert_member_discipline (
      team_id uuid NOT NULL REFERENCES team(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      discipline text NOT NULL CHECK (discipline IN ('psychologist', 'lawyer', 'spokesperson', 'hr', 'security')),
      PRIMARY KEY (team_id, user_id, discipline)
    );
    CREATE TABLE expert_consultation_discipline (
      consultation_id uuid NOT NULL REFERENCES expert_consultation(id) ON DELETE CASCADE,
      discipline text NOT NULL CHECK (discipline IN ('psychologist', 'lawyer', 'spokesperson', 'hr', 'security')),
      PRIMARY KEY (consultation_id, discipline)
    );

    -- The ombudsperson's own work (seeds/000, 001): complaints that a procedure was not followed,
    -- with their answer deadline, and unsolicited advice to the board with its answer. Sealed with
    -- the current master key (no case: no case key); never linked to a case.
    CREATE TABLE procedure_complaint (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES team(id),
      received_on date NOT NULL,
      respond_by date NOT NULL,
      master_key_id text NOT NULL,
      subject bytea NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      outcome bytea,
      closed_on date,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE board_advice (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES team(id),
      given_on date NOT NULL,
      master_key_id text NOT NULL,
      advice bytea NOT NULL,
      answer bytea,
      answered_on date,
      answered_by uuid REFERENCES app_user(id),
      created_by uuid NOT NULL REFERENCES app_user(id)
    );

    -- The zorgoverleg's participants by function (seeds/004: dean's office, study and career
    -- coaches, confidential advisers, mentors, legal affairs, security), comma-separated keys.
    ALTER TABLE mdo_meeting ADD COLUMN participants text NOT NULL DEFAULT '';

    CREATE TABLE threat_work_impact (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      impact bytea NOT NULL,
      temporary_contract boolean NOT NULL,
      updated_by uuid NOT NULL REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE mdo_meeting DROP COLUMN participants;
    DROP TABLE threat_work_impact; DROP TABLE board_advice; DROP TABLE procedure_complaint; DROP TABLE expert_consultation_discipline; DROP TABLE expert_member_discipline; DROP TABLE threat_comms_action;
    ALTER TABLE external_share DROP COLUMN escalation_request_id;
    DROP TABLE escalation_request; DROP TABLE framework2_assessment; DROP TABLE escalation_skip;
    DELETE FROM escalation_step WHERE step = 'hearing_accused';
    ALTER TABLE escalation_step DROP CONSTRAINT escalation_step_step_check;
    ALTER TABLE escalation_step ADD CONSTRAINT escalation_step_step_check CHECK (step IN ('discuss_with_person', 'collegial_consultation', 'scale_up', 'mdo', 'board'));
  `.execute(db);
}
