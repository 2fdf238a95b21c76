import { sql, type Kysely } from 'kysely';

// Row-level security on the accounts (issue 22, decision 036), now that an account carries its
// institution (`app_user.institution_id`, NULL for the platform operator). The account tables get
// the same two policies as every other protected table: an institution's context sees and writes
// its own accounts and their credentials; the platform operator's (institution NULL) only the
// platform context does. Each credential table gets `institution_id`, always the account's
// (a trigger: the account decides, whatever a context or a restore says), and follows a move of
// the account. The `institution` table itself: an institution's context sees only its own row.

/** The account's own tables, each with `user_id`. */
const OF_ACCOUNT = [
  'session',
  'user_totp',
  'webauthn_credential',
  'webauthn_challenge',
  'recovery_code',
  'password_reset_token',
  'sso_identity',
  'saved_inbox_filter',
];

const POLICIES = (table: string, own: string) =>
  `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;
   ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;
   CREATE POLICY institution_isolation ON "${table}"
     USING (${own} = meldpunt_institution())
     WITH CHECK (${own} = meldpunt_institution());
   CREATE POLICY platform_context ON "${table}"
     USING (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app')
     WITH CHECK (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app');`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of OF_ACCOUNT) {
    await sql
      .raw(
        `ALTER TABLE "${table}" ADD COLUMN institution_id uuid REFERENCES institution(id);
         UPDATE "${table}" t SET institution_id = u.institution_id FROM app_user u WHERE u.id = t.user_id;
         CREATE INDEX ${table}_institution_idx ON "${table}" (institution_id);
         CREATE FUNCTION meldpunt_fill_institution_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           -- The account's institution; under a context that cannot see the account, NULL, which
           -- the policy then refuses.
           NEW.institution_id := (SELECT u.institution_id FROM app_user u WHERE u.id = NEW.user_id);
           RETURN NEW;
         END $$;
         CREATE TRIGGER fill_institution BEFORE INSERT OR UPDATE OF user_id, institution_id ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION meldpunt_fill_institution_${table}();`,
      )
      .execute(db);
  }
  // An account moved to another institution (the platform's work) takes its credentials along.
  await sql
    .raw(
      `CREATE FUNCTION meldpunt_move_account() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         ${OF_ACCOUNT.map(
           (t) => `UPDATE "${t}" SET institution_id = NEW.institution_id WHERE user_id = NEW.id;`,
         ).join('\n         ')}
         RETURN NEW;
       END $$;
       CREATE TRIGGER move_account AFTER UPDATE OF institution_id ON app_user
         FOR EACH ROW WHEN (OLD.institution_id IS DISTINCT FROM NEW.institution_id)
         EXECUTE FUNCTION meldpunt_move_account();`,
    )
    .execute(db);
  for (const table of ['app_user', ...OF_ACCOUNT]) {
    await sql.raw(POLICIES(table, 'institution_id')).execute(db);
  }
  await sql.raw(POLICIES('institution', 'id')).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['institution', 'app_user', ...OF_ACCOUNT]) {
    await sql
      .raw(
        `DROP POLICY institution_isolation ON "${table}";
         DROP POLICY platform_context ON "${table}";
         ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY;
         ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY;`,
      )
      .execute(db);
  }
  await sql`
    DROP TRIGGER move_account ON app_user;
    DROP FUNCTION meldpunt_move_account();
  `.execute(db);
  for (const table of OF_ACCOUNT) {
    await sql
      .raw(
        `DROP TRIGGER fill_institution ON "${table}";
         DROP FUNCTION meldpunt_fill_institution_${table}();
         ALTER TABLE "${table}" DROP COLUMN institution_id;`,
      )
      .execute(db);
  }
}
