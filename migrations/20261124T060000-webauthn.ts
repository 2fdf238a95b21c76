import { sql, type Kysely } from 'kysely';

// WebAuthn (passkeys / security keys) as a second factor beside TOTP (issue 6).
// Credentials: the public key and signature counter per user (no secret is stored).
// Challenges: single use (deleted when taken), short-lived, bound to a user and a purpose.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webauthn_credential (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      credential_id text NOT NULL UNIQUE,
      public_key bytea NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    );
    CREATE INDEX webauthn_credential_user ON webauthn_credential (user_id);
    CREATE TABLE webauthn_challenge (
      challenge text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX webauthn_challenge_expires ON webauthn_challenge (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webauthn_challenge; DROP TABLE webauthn_credential`.execute(db);
}
