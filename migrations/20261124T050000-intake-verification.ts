import { sql, type Kysely } from 'kysely';

// Optional verification of a named reporter through the institution's sign-in (issue 9).
// While the reporter is away at the identity provider, their intake draft — already sealed and
// bound to their browser — waits here for at most 15 minutes under the hash of a token that only
// their browser holds; the verified name and e-mail are added sealed. Taken (deleted) on return.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE intake_verification (
      id_hash bytea PRIMARY KEY,
      draft text NOT NULL,
      identity text,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX intake_verification_expires ON intake_verification (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE intake_verification`.execute(db);
}
