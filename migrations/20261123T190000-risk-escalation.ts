import { sql, type Kysely } from 'kysely';

// Issue 5: risk assessment, plan of action, escalation ladder, external sharing, referrals,
// police reports, threat evidence log, anonymised expert consultations, multidisciplinary
// consultation. Codes, dates and ids in the clear; everything a person wrote is sealed with the
// case's data key (bytea). Migrations import nothing from src/.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE risk_assessment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      level text NOT NULL CHECK (level IN ('low', 'medium', 'high', 'acute')),
      computed_level text NOT NULL CHECK (computed_level IN ('low', 'medium', 'high', 'acute')),
      answers bytea NOT NULL,
      reasoning bytea NOT NULL,
      reassess_on date,
      reminder_sent_at timestamptz,
      assessed_by uuid NOT NULL REFERENCES app_user(id),
      assessed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX risk_assessment_case ON risk_assessment (case_id, assessed_at);
    CREATE INDEX risk_assessment_due ON risk_assessment (reassess_on) WHERE reminder_sent_at IS NULL;

    CREATE TABLE plan_step (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      action bytea NOT NULL,
      owner bytea NOT NULL,
      due_on date NOT NULL,
      done_at timestamptz,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX plan_step_case ON plan_step (case_id, due_on);

    CREATE TABLE plan_agreement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      agreed_on date NOT NULL,
      via text NOT NULL,
      note bytea,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE escalation_step (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      step text NOT NULL CHECK (step IN ('discuss_with_person', 'collegial_consultation', 'scale_up', 'mdo', 'board')),
      occurred_on date NOT NULL,
      who bytea NOT NULL,
      why bytea NOT NULL,
      outcome bytea,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX escalation_step_case ON escalation_step (case_id, occurred_on);

    -- Sharing outside the institution: weighing framework 2 and the board's consent, or an
    -- acute-risk override; the consent-ledger basis is kept beside it.
    CREATE TABLE external_share (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      partner_key text NOT NULL,
      info text NOT NULL,
      basis text NOT NULL CHECK (basis IN ('framework2_board', 'acute_override')),
      all_options_used boolean NOT NULL,
      consent_efforts_made boolean NOT NULL,
      necessary_for_risk boolean NOT NULL,
      board_consent_on date,
      ledger_basis text NOT NULL,
      ledger_basis_id uuid NOT NULL,
      note bytea,
      shared_on date NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      partner_key text NOT NULL,
      info text NOT NULL,
      ledger_basis text NOT NULL,
      ledger_basis_id uuid NOT NULL,
      is_warm_handover boolean NOT NULL,
      referred_on date NOT NULL,
      outcome bytea,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE police_report (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('offered', 'declined', 'filed')),
      offered_on date,
      declined_reason bytea,
      filed_on date,
      filed_by text CHECK (filed_by IN ('reporter', 'employer')),
      employer_address bytea,
      police_reference bytea,
      follow_up bytea,
      updated_by uuid NOT NULL REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE threat_evidence (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      platform text NOT NULL,
      link bytea NOT NULL,
      seen_on date NOT NULL,
      note bytea,
      screenshot bytea,
      screenshot_type text,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX threat_evidence_case ON threat_evidence (case_id, seen_on);

    -- A communications officer who keeps the evidence log for one case, and sees nothing else.
    CREATE TABLE threat_log_grant (
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id),
      granted_by uuid NOT NULL REFERENCES app_user(id),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, user_id)
    );

    CREATE TABLE threat_support (
      case_id uuid PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
      statement_status text NOT NULL CHECK (statement_status IN ('none', 'requested', 'published', 'declined')),
      statement_on date,
      other_employers bytea,
      checkin_every_weeks integer,
      next_checkin_on date,
      updated_by uuid NOT NULL REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE threat_checkin (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      occurred_on date NOT NULL,
      note bytea NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );

    -- Anonymised consultation of the expert team. The summary and the detector's confirmed
    -- findings are sealed; experts read the consultation, never the case.
    CREATE TABLE expert_consultation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      team_id uuid NOT NULL REFERENCES team(id),
      summary bytea NOT NULL,
      confirmed bytea NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    );
    CREATE INDEX expert_consultation_team ON expert_consultation (team_id, status);

    CREATE TABLE expert_advice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      consultation_id uuid NOT NULL REFERENCES expert_consultation(id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES app_user(id),
      advice bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE mdo_meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      held_on date NOT NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE mdo_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES mdo_meeting(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      summary bytea NOT NULL,
      decision bytea,
      decided_at timestamptz,
      added_by uuid NOT NULL REFERENCES app_user(id),
      UNIQUE (meeting_id, case_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE mdo_item; DROP TABLE mdo_meeting; DROP TABLE expert_advice; DROP TABLE expert_consultation;
    DROP TABLE threat_checkin; DROP TABLE threat_support; DROP TABLE threat_log_grant; DROP TABLE threat_evidence;
    DROP TABLE police_report; DROP TABLE referral; DROP TABLE external_share; DROP TABLE escalation_step;
    DROP TABLE plan_agreement; DROP TABLE plan_step; DROP TABLE risk_assessment;
  `.execute(db);
}
