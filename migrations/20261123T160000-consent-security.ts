import { sql, type Kysely } from 'kysely';

// Issue 6: consent ledger, identity access, two-factor sign-in, retention.
// Migrations import nothing from src/: they describe the database as it was on their date.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Each consent a reporter gives, and its withdrawal. Codes only; the optional note is sealed
    -- with the case's data key.
    CREATE TABLE consent_grant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      info text NOT NULL,
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('role', 'person', 'partner')),
      recipient text NOT NULL,
      purpose text NOT NULL,
      obtained_via text NOT NULL,
      note bytea,
      recorded_by uuid REFERENCES app_user(id),
      granted_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      withdrawn_by uuid REFERENCES app_user(id),
      withdrawn_via text
    );
    CREATE INDEX consent_grant_case ON consent_grant (case_id, granted_at);

    -- A share without consent under acute risk; the reason is sealed with the case's data key.
    CREATE TABLE consent_override (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      info text NOT NULL,
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('role', 'person', 'partner')),
      recipient text NOT NULL,
      purpose text NOT NULL,
      reason bytea NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX consent_override_case ON consent_override (case_id);

    -- Staff members other than the assigned adviser and the coordinator who may see identities.
    CREATE TABLE identity_access (
      case_id uuid NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id),
      granted_by uuid NOT NULL REFERENCES app_user(id),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, user_id)
    );

    -- Two-factor sign-in. The TOTP secret is sealed under a master key (re-wrapped by keys rotate).
    CREATE TABLE user_totp (
      user_id uuid PRIMARY KEY REFERENCES app_user(id),
      master_key_id text NOT NULL,
      secret bytea NOT NULL,
      confirmed_at timestamptz,
      last_step bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE recovery_code (
      user_id uuid NOT NULL REFERENCES app_user(id),
      code_hash bytea NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (user_id, code_hash)
    );
    ALTER TABLE institution ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;
    ALTER TABLE session ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
    ALTER TABLE session ADD COLUMN mfa_state text NOT NULL DEFAULT 'complete'
      CHECK (mfa_state IN ('complete', 'pending_code', 'pending_enrol'));

    -- Retention: a hold stops erasure; erased cases keep only their statistical columns.
    ALTER TABLE "case" ADD COLUMN retention_hold boolean NOT NULL DEFAULT false;
    ALTER TABLE "case" ADD COLUMN erased_at timestamptz;
    CREATE TABLE deletion_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL,
      team_id uuid NOT NULL,
      reference text NOT NULL,
      closed_on date,
      erased_at timestamptz NOT NULL,
      reason text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE deletion_log, recovery_code, user_totp, identity_access, consent_override, consent_grant;
    ALTER TABLE "case" DROP COLUMN erased_at, DROP COLUMN retention_hold;
    ALTER TABLE session DROP COLUMN mfa_state, DROP COLUMN id;
    ALTER TABLE institution DROP COLUMN require_two_factor;
  `.execute(db);
}
