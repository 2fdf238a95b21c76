import { sql, type Kysely } from 'kysely';

// A master key per institution (issue 22, decision 037): 32 random bytes per institution, kept
// here wrapped (AES-256-GCM, associated data naming the institution) by the platform master key
// from the key files. New case data keys and the institution's other sealed records are wrapped
// by it, so one institution can be exported, handed over or erased (crypto-shredded) on its own.
// The row is created by the application (a migration cannot reach the key files): at start-up
// and on first use, race-safe through the primary key. Row-level security as every institution
// table (decision 036): under one institution's context only its own key row is visible.
// `master_key_id` names the platform key that wraps it (the column name keeps the backup's
// listing of master keys in use covering it); `key_id` ('inst-' + a fingerprint) is what
// case_key.master_key_id and the other `*_key_id` columns hold for data wrapped by it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE institution_key (
      institution_id uuid PRIMARY KEY DEFAULT meldpunt_institution() REFERENCES institution(id),
      key_id text NOT NULL UNIQUE CHECK (key_id LIKE 'inst-%'),
      master_key_id text NOT NULL CHECK (master_key_id NOT LIKE 'inst-%'),
      wrapped_key bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE institution_key ENABLE ROW LEVEL SECURITY;
    ALTER TABLE institution_key FORCE ROW LEVEL SECURITY;
    CREATE POLICY institution_isolation ON institution_key
      USING (institution_id = meldpunt_institution())
      WITH CHECK (institution_id = meldpunt_institution());
    CREATE POLICY platform_context ON institution_key
      USING (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app')
      WITH CHECK (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app');
    GRANT SELECT, INSERT, UPDATE, DELETE ON institution_key TO meldpunt_app;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE institution_key`.execute(db);
}
