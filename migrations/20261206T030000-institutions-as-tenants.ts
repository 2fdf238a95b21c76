import { sql, type Kysely } from 'kysely';

// Institutions as tenants (issue 22, decision 035): an institution's host name (host mode), its
// primary colour (checked for WCAG AA contrast by the application before it is stored), the
// institution of every staff account (backfilled to the first institution), and the platform
// operator: the one kind of account without an institution, who creates institutions.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE institution
      ADD COLUMN host text CHECK (host IS NULL OR host ~ '^[a-z0-9.-]+(:[0-9]+)?$'),
      ADD COLUMN colour_primary text CHECK (colour_primary IS NULL OR colour_primary ~ '^#[0-9a-f]{6}$');
    CREATE UNIQUE INDEX institution_host ON institution (host) WHERE host IS NOT NULL;

    ALTER TABLE app_user
      ADD COLUMN institution_id uuid REFERENCES institution(id),
      ADD COLUMN platform_operator boolean NOT NULL DEFAULT false;
    UPDATE app_user
       SET institution_id = (SELECT id FROM institution ORDER BY created_at, id LIMIT 1);
    ALTER TABLE app_user
      ADD CONSTRAINT app_user_institution_or_operator
      CHECK ((platform_operator AND institution_id IS NULL)
          OR (NOT platform_operator AND institution_id IS NOT NULL));
    CREATE INDEX app_user_institution ON app_user (institution_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE app_user DROP CONSTRAINT app_user_institution_or_operator;
    ALTER TABLE app_user DROP COLUMN platform_operator, DROP COLUMN institution_id;
    ALTER TABLE institution DROP COLUMN colour_primary, DROP COLUMN host;
  `.execute(db);
}
