import { sql, type Kysely } from 'kysely';

// Case handling (issue 4): assignment, conflicts of interest, contacts, tasks, links, status
// history, deadlines and reminders. Content columns (notes, task titles, reasons) are sealed
// with the case's data key by the application; this file only shapes the tables.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE "case"
      ADD COLUMN registered_by uuid REFERENCES app_user(id),
      ADD COLUMN preferred_adviser_id uuid REFERENCES app_user(id),
      ADD COLUMN support_for_case_id uuid REFERENCES "case"(id),
      ADD COLUMN acknowledged_on date,
      ADD COLUMN feedback_given_on date,
      ADD COLUMN next_due_on date,
      ADD COLUMN aftercare_every_weeks integer CHECK (aftercare_every_weeks BETWEEN 1 AND 52),
      ADD COLUMN next_checkin_on date;

    -- A third party who brought the report in (association contact person, staff member, …).
    ALTER TABLE case_party DROP CONSTRAINT case_party_party_check;
    ALTER TABLE case_party ADD CONSTRAINT case_party_party_check CHECK (party IN ('reporter', 'accused', 'intermediary'));

    ALTER TABLE team ADD COLUMN reminder_lead_days integer NOT NULL DEFAULT 2 CHECK (reminder_lead_days >= 0);

    -- The earliest open deadline of a case, kept by the application, so that the due and
    -- overdue views are one index range.
    UPDATE "case" SET next_due_on = ack_due_on WHERE status <> 'closed';

    -- Inbox: keyset pagination on (received_on DESC, id DESC) within a team, with or without
    -- one of the common filters.
    CREATE INDEX case_inbox ON "case" (team_id, received_on DESC, id DESC);
    CREATE INDEX case_inbox_status ON "case" (team_id, status, received_on DESC, id DESC);
    CREATE INDEX case_inbox_category ON "case" (team_id, category, received_on DESC, id DESC);
    CREATE INDEX case_inbox_adviser ON "case" (team_id, assigned_adviser_id, received_on DESC, id DESC);
    CREATE INDEX case_inbox_due ON "case" (team_id, next_due_on) WHERE next_due_on IS NOT NULL;
    -- When many open deadlines match (overdue is common), walking cases with a deadline in
    -- inbox order beats sorting them all.
    CREATE INDEX case_inbox_open_deadline ON "case" (team_id, received_on DESC, id DESC) WHERE next_due_on IS NOT NULL;
    CREATE INDEX case_reference_prefix ON "case" (team_id, reference text_pattern_ops);
    CREATE INDEX case_checkin ON "case" (next_checkin_on) WHERE next_checkin_on IS NOT NULL;
    CREATE INDEX case_support_for ON "case" (support_for_case_id) WHERE support_for_case_id IS NOT NULL;

    CREATE TABLE case_assignment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      adviser_id uuid NOT NULL REFERENCES app_user(id),
      assigned_by uuid NOT NULL REFERENCES app_user(id),
      reason bytea,
      assigned_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_assignment_case ON case_assignment (case_id, assigned_at);

    CREATE TABLE case_conflict (
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id),
      declared_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, user_id)
    );

    CREATE TABLE case_contact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      occurred_on date NOT NULL,
      channel text NOT NULL,
      participants bytea NOT NULL,
      notes bytea NOT NULL,
      is_feedback boolean NOT NULL DEFAULT false,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_contact_case ON case_contact (case_id, occurred_on, created_at);

    CREATE TABLE case_task (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      title bytea NOT NULL,
      due_on date NOT NULL,
      done_at timestamptz,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_task_case ON case_task (case_id, due_on);
    CREATE INDEX case_task_open_due ON case_task (due_on) WHERE done_at IS NULL;

    -- A link is stored once, with the smaller id first.
    CREATE TABLE case_link (
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      linked_case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, linked_case_id),
      CHECK (case_id < linked_case_id)
    );
    CREATE INDEX case_link_linked ON case_link (linked_case_id);

    CREATE TABLE case_status_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      from_status text NOT NULL,
      to_status text NOT NULL,
      reason bytea,
      changed_by uuid NOT NULL REFERENCES app_user(id),
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_status_change_case ON case_status_change (case_id, changed_at);

    -- One row per reminder ever sent: the key makes each reminder happen once, however many
    -- processes run the job at the same time.
    CREATE TABLE deadline_reminder (
      key text PRIMARY KEY,
      case_id uuid REFERENCES "case"(id) ON DELETE CASCADE,
      kind text NOT NULL,
      recipient_id uuid NOT NULL REFERENCES app_user(id),
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX deadline_reminder_case ON deadline_reminder (case_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE deadline_reminder, case_status_change, case_link, case_task, case_contact, case_conflict, case_assignment;
    DROP INDEX case_inbox, case_inbox_status, case_inbox_category, case_inbox_adviser, case_inbox_due, case_inbox_open_deadline,
      case_reference_prefix, case_checkin, case_support_for;
    ALTER TABLE team DROP COLUMN reminder_lead_days;
    DELETE FROM case_party WHERE party = 'intermediary';
    ALTER TABLE case_party DROP CONSTRAINT case_party_party_check;
    ALTER TABLE case_party ADD CONSTRAINT case_party_party_check CHECK (party IN ('reporter', 'accused'));
    ALTER TABLE "case" DROP COLUMN registered_by, DROP COLUMN preferred_adviser_id, DROP COLUMN support_for_case_id,
      DROP COLUMN acknowledged_on, DROP COLUMN feedback_given_on, DROP COLUMN next_due_on,
      DROP COLUMN aftercare_every_weeks, DROP COLUMN next_checkin_on;
  `.execute(db);
}
