import { sql, type Kysely } from 'kysely';

// Account recovery: a forgotten password is reset through a single-use link e-mailed to the
// account's address (docs/decisions/018-account-recovery.md). Only the SHA-256 of the link's
// token is kept, with its user and an expiry of one hour; a used link keeps its used_at until
// the next request of anyone clears expired rows.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE password_reset_token (
      token_hash bytea PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX password_reset_token_user ON password_reset_token (user_id);
    CREATE INDEX password_reset_token_expires ON password_reset_token (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE password_reset_token`.execute(db);
}
