import { sql, type Kysely } from 'kysely';

// Isolation in depth between institutions (issue 22, decision 036). Every table with institution
// data gets `institution_id` (backfilled from its team or case, NOT NULL, indexed, defaulting to the
// institution of the connection's context), row-level security enabled AND forced, and two
// permissive policies: rows of the institution in `meldpunt.institution`, and the platform context
// (no institution set, any role but the application role: migrations, platform jobs, the CLI's
// maintenance). The application works under an institution as role `meldpunt_app`, which owns
// nothing and so cannot bypass the policies; without an institution it sees nothing.
//
// A BEFORE INSERT trigger fills `institution_id` from the row's parent when no context set it
// (tests, the CLI, restores), so existing inserts need no change, and refuses a row whose parent
// (team, case, …) belongs to another institution. The tables that carry no
// institution data are listed in src/server/db/tenancy.ts (PLATFORM_TABLES); test/rls.test.ts
// fails for any table that is neither protected nor listed there.

/** Tables whose institution follows from `team_id`. */
const VIA_TEAM = [
  'case',
  'adviser_profile',
  'api_token',
  'board_advice',
  'breach',
  'category_version',
  'deletion_log',
  'escalation_request',
  'expert_consultation',
  'expert_member_discipline',
  'guide_content',
  'mdo_meeting',
  'on_call_slot',
  'org_unit',
  'partner_count',
  'privacy_setting',
  'procedure_complaint',
  'protocol',
  'referral_partner',
  'rights_request',
  'team_activity',
  'team_membership',
  'team_objective',
  'meeting_location',
  'urgent_alert',
  'setup_token',
];

/** Tables whose institution follows from `case_id`. */
const VIA_CASE = [
  'accused_identifier',
  'accused_information',
  'appointment',
  'case_assignment',
  'case_attachment',
  'case_conflict',
  'case_contact',
  'case_key',
  'case_link',
  'case_message',
  'case_minutes',
  'case_party',
  'case_protocol',
  'case_status_change',
  'case_task',
  'consent_grant',
  'consent_override',
  'deadline_reminder',
  'escalation_skip',
  'escalation_step',
  'external_share',
  'framework2_assessment',
  'identity_access',
  'mdo_item',
  'pattern_escrow',
  'plan_agreement',
  'plan_step',
  'police_report',
  'referral',
  'reporter_fingerprint',
  'reporter_notification',
  'reporter_session',
  'risk_assessment',
  'safety_plan',
  'threat_checkin',
  'threat_comms_action',
  'threat_evidence',
  'threat_log_grant',
  'threat_support',
  'threat_work_impact',
];

/** [table, foreign key, parent]: the parent is filled before the child. */
const VIA_OTHER: [string, string, string][] = [
  ['case_protocol_step', 'case_protocol_id', 'case_protocol'],
  ['expert_advice', 'consultation_id', 'expert_consultation'],
  ['expert_consultation_discipline', 'consultation_id', 'expert_consultation'],
  ['protocol_version', 'protocol_id', 'protocol'],
  ['urgent_alert_notice', 'alert_id', 'urgent_alert'],
];

/** Rows that may exist without a parent: their institution comes from the context. */
const NO_PARENT = ['intake_verification'];

/** Parent column may be NULL (a reminder of no case, an invitation of no team). */
const NULLABLE_PARENT = new Set(['deadline_reminder', 'setup_token']);

const FILLED: [string, string | null, string | null][] = [
  ...VIA_TEAM.map((t): [string, string, string] => [t, 'team_id', 'team']),
  ...VIA_CASE.map((t): [string, string, string] => [t, 'case_id', 'case']),
  ...VIA_OTHER,
  ...NO_PARENT.map((t): [string, null, null] => [t, null, null]),
];

/** Every protected table: the ones above, the team itself and the audit trail. */
const PROTECTED = ['team', 'audit_event', ...FILLED.map(([t]) => t)];

const q = (name: string) => `"${name}"`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The application role; roles belong to the cluster, so it may exist already (another database).
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'meldpunt_app') THEN
        BEGIN
          CREATE ROLE meldpunt_app NOLOGIN;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN NULL;
          WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'role meldpunt_app is missing and % may not create it', current_user
              USING HINT = 'as a superuser: CREATE ROLE meldpunt_app NOLOGIN; GRANT meldpunt_app TO ' || current_user || ';';
        END;
      END IF;
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         AND NOT pg_has_role(current_user, 'meldpunt_app', 'MEMBER') THEN
        EXECUTE format('GRANT meldpunt_app TO %I', current_user);
      END IF;
    END $$;
  `.execute(db);

  // The institution of the connection's context; NULL outside one.
  await sql`
    CREATE FUNCTION meldpunt_institution() RETURNS uuid LANGUAGE sql STABLE AS $$
      SELECT nullif(current_setting('meldpunt.institution', true), '')::uuid
    $$;
    CREATE FUNCTION meldpunt_default_institution() RETURNS uuid LANGUAGE sql STABLE AS $$
      SELECT coalesce(meldpunt_institution(),
        (SELECT min(id::text)::uuid FROM institution HAVING count(*) = 1))
    $$;
  `.execute(db);

  for (const [table, fk, parent] of FILLED) {
    await sql
      .raw(`ALTER TABLE ${q(table)} ADD COLUMN institution_id uuid REFERENCES institution(id)`)
      .execute(db);
    if (fk && parent) {
      await sql
        .raw(
          `UPDATE ${q(table)} t SET institution_id = p.institution_id FROM ${q(parent)} p WHERE p.id = t.${fk}`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `UPDATE ${q(table)} SET institution_id = meldpunt_default_institution() WHERE institution_id IS NULL`,
      )
      .execute(db);
    // The parent decides: a row names its institution's parent or none, so no context can
    // attach rows to another institution's case (the foreign key check ignores the policies;
    // under a context the other institution's parent is invisible here and the insert fails).
    const fill =
      fk && parent
        ? `IF NEW.${fk} IS NOT NULL THEN
             p := (SELECT x.institution_id FROM ${q(parent)} x WHERE x.id = NEW.${fk});
             IF NEW.institution_id IS NULL THEN NEW.institution_id := p;
             ELSIF p IS DISTINCT FROM NEW.institution_id THEN
               RAISE EXCEPTION '${table}: its ${parent} belongs to another institution'
                 USING ERRCODE = '42501';
             END IF;
           END IF;`
        : '';
    await sql
      .raw(
        `ALTER TABLE ${q(table)} ALTER COLUMN institution_id SET DEFAULT meldpunt_institution();
         ${NULLABLE_PARENT.has(table) || !fk ? '' : `ALTER TABLE ${q(table)} ALTER COLUMN institution_id SET NOT NULL;`}
         CREATE INDEX ${table}_institution_idx ON ${q(table)} (institution_id);
         CREATE FUNCTION meldpunt_fill_institution_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
         DECLARE p uuid;
         BEGIN
           ${fill}
           IF NEW.institution_id IS NULL THEN NEW.institution_id := meldpunt_default_institution(); END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER fill_institution BEFORE INSERT ${fk ? `OR UPDATE OF ${fk}` : ''} ON ${q(table)}
           FOR EACH ROW EXECUTE FUNCTION meldpunt_fill_institution_${table}();`,
      )
      .execute(db);
  }

  // The audit trail: one hash chain per institution from now on (audit.service.ts). The events
  // written so far form one chain across the installation; they keep it (chain_legacy), labelled
  // with their institution where a case or team names it. NULL is the platform's own chain.
  await sql`
    ALTER TABLE audit_event ADD COLUMN institution_id uuid REFERENCES institution(id);
    ALTER TABLE audit_event ADD COLUMN chain_legacy boolean NOT NULL DEFAULT false;
    UPDATE audit_event SET chain_legacy = true;
    UPDATE audit_event a SET institution_id = c.institution_id FROM "case" c WHERE c.id = a.case_id;
    UPDATE audit_event a SET institution_id = t.institution_id FROM team t
      WHERE a.institution_id IS NULL AND t.id = a.team_id;
    ALTER TABLE audit_event ALTER COLUMN institution_id SET DEFAULT meldpunt_institution();
    CREATE INDEX audit_event_institution_chain_idx ON audit_event (institution_id, id)
      WHERE NOT chain_legacy;
    CREATE INDEX team_institution_idx ON team (institution_id);
  `.execute(db);

  for (const table of PROTECTED) {
    await sql
      .raw(
        `ALTER TABLE ${q(table)} ENABLE ROW LEVEL SECURITY;
         ALTER TABLE ${q(table)} FORCE ROW LEVEL SECURITY;
         CREATE POLICY institution_isolation ON ${q(table)}
           USING (institution_id = meldpunt_institution())
           WITH CHECK (institution_id = meldpunt_institution());
         CREATE POLICY platform_context ON ${q(table)}
           USING (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app')
           WITH CHECK (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app');`,
      )
      .execute(db);
  }

  await sql`
    GRANT USAGE ON SCHEMA public TO meldpunt_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO meldpunt_app;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO meldpunt_app;
    REVOKE ALL ON kysely_migration, kysely_migration_lock FROM meldpunt_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO meldpunt_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public
      GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO meldpunt_app;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER DEFAULT PRIVILEGES IN SCHEMA public
      REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM meldpunt_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public
      REVOKE USAGE, SELECT, UPDATE ON SEQUENCES FROM meldpunt_app;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM meldpunt_app;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM meldpunt_app;
    REVOKE ALL ON SCHEMA public FROM meldpunt_app;
  `.execute(db);
  for (const table of PROTECTED) {
    await sql
      .raw(
        `DROP POLICY institution_isolation ON ${q(table)};
         DROP POLICY platform_context ON ${q(table)};
         ALTER TABLE ${q(table)} NO FORCE ROW LEVEL SECURITY;
         ALTER TABLE ${q(table)} DISABLE ROW LEVEL SECURITY;`,
      )
      .execute(db);
  }
  await sql`
    DROP INDEX team_institution_idx;
    ALTER TABLE audit_event DROP COLUMN chain_legacy;
    ALTER TABLE audit_event DROP COLUMN institution_id;
  `.execute(db);
  for (const [table] of FILLED) {
    await sql
      .raw(
        `DROP TRIGGER fill_institution ON ${q(table)};
         DROP FUNCTION meldpunt_fill_institution_${table}();
         ALTER TABLE ${q(table)} DROP COLUMN institution_id;`,
      )
      .execute(db);
  }
  await sql`
    DROP FUNCTION meldpunt_default_institution();
    DROP FUNCTION meldpunt_institution();
  `.execute(db);
}
