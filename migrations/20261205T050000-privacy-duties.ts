import { sql, type Kysely } from 'kysely';

// The controller's legal duties (issue 23, docs/decisions/032-privacy-duties.md):
// - privacy_setting: per team, the data protection officer's contact and the text an
//   administrator or coordinator adds to the generated privacy statement (the facts stay generated),
//   and whom to contact about accessibility;
// - breach: the breach register (GDPR art. 33/34): a (suspected) personal-data breach, its
//   assessment and whether the Autoriteit Persoonsgegevens and the people concerned were told.
//   Its 72-hour reminders go through deadline_reminder (case_id NULL) like every other reminder.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE privacy_setting (
      team_id uuid PRIMARY KEY REFERENCES team(id) ON DELETE CASCADE,
      dpo_contact text CHECK (length(dpo_contact) <= 500),
      accessibility_contact text CHECK (length(accessibility_contact) <= 500),
      intro_nl text CHECK (length(intro_nl) <= 4000),
      intro_en text CHECK (length(intro_en) <= 4000),
      extra_nl text CHECK (length(extra_nl) <= 8000),
      extra_en text CHECK (length(extra_en) <= 8000),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE breach (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      seq integer NOT NULL,
      description text NOT NULL CHECK (length(description) <= 4000),
      found_at timestamptz NOT NULL,
      case_refs text CHECK (length(case_refs) <= 1000),
      people_count integer CHECK (people_count >= 0),
      risk text NOT NULL CHECK (risk IN ('unknown', 'none', 'risk', 'high')),
      risk_notes text CHECK (length(risk_notes) <= 4000),
      ap_notified_at timestamptz,
      ap_reason text CHECK (length(ap_reason) <= 2000),
      subjects_notified_at timestamptz,
      subjects_reason text CHECK (length(subjects_reason) <= 2000),
      measures text CHECK (length(measures) <= 4000),
      closed_at timestamptz,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (team_id, seq)
    );
    CREATE INDEX breach_open ON breach (found_at) WHERE ap_notified_at IS NULL AND ap_reason IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE breach, privacy_setting`.execute(db);
}
