import { sql, type Kysely } from 'kysely';

// Team configuration, integration tokens and single sign-on links (issue 9).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Categories are versioned: an edit adds a version, so a case keeps the wording that was
    -- valid when it was received (the version valid at the case's created_at).
    CREATE TABLE category_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      key text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      valid_from timestamptz NOT NULL DEFAULT now(),
      label_nl text NOT NULL,
      label_en text NOT NULL,
      definition_nl text NOT NULL DEFAULT '',
      definition_en text NOT NULL DEFAULT '',
      subtypes jsonb NOT NULL DEFAULT '[]',
      is_retired boolean NOT NULL DEFAULT false,
      sort integer NOT NULL DEFAULT 0,
      UNIQUE (team_id, key, version)
    );

    CREATE TABLE referral_partner (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      key text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('internal', 'external')),
      name_nl text NOT NULL,
      name_en text NOT NULL,
      phone text,
      url text,
      is_active boolean NOT NULL DEFAULT true,
      sort integer NOT NULL DEFAULT 0,
      UNIQUE (team_id, key)
    );

    CREATE TABLE guide_content (
      team_id uuid NOT NULL REFERENCES team(id),
      lang text NOT NULL CHECK (lang IN ('nl', 'en')),
      body text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (team_id, lang)
    );

    CREATE TABLE adviser_profile (
      user_id uuid NOT NULL REFERENCES app_user(id),
      team_id uuid NOT NULL REFERENCES team(id),
      languages text NOT NULL DEFAULT '',
      locations text NOT NULL DEFAULT '',
      intro_nl text NOT NULL DEFAULT '',
      intro_en text NOT NULL DEFAULT '',
      is_visible boolean NOT NULL DEFAULT true,
      PRIMARY KEY (user_id, team_id)
    );

    -- Bearer tokens for /api/v1; only a SHA-256 of the token is stored.
    CREATE TABLE api_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES team(id),
      name text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      scopes text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    -- Links a staff account to a subject at an identity provider (OIDC or SAML).
    CREATE TABLE sso_identity (
      provider text NOT NULL,
      subject text NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (provider, subject)
    );

    ALTER TABLE setup_token ADD COLUMN locale text CHECK (locale IN ('nl', 'en'));
    ALTER TABLE setup_token ADD COLUMN display_name text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE setup_token DROP COLUMN locale, DROP COLUMN display_name;
    DROP TABLE sso_identity, api_token, adviser_profile, guide_content, referral_partner, category_version;
  `.execute(db);
}
