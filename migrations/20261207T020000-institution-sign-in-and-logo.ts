import { sql, type Kysely } from 'kysely';

// Each institution its own sign-in and look (issue 22, decision 038): an identity provider per
// institution (OpenID Connect and/or SAML, with its own role map; the client secret sealed with
// the keyring's master key) and a logo (PNG or JPEG, re-encoded on upload). Both are institution
// data behind row-level security, as every such table (decision 036): one row per institution.

const POLICIES = (table: string) => `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY institution_isolation ON ${table}
      USING (institution_id = meldpunt_institution())
      WITH CHECK (institution_id = meldpunt_institution());
    CREATE POLICY platform_context ON ${table}
      USING (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app')
      WITH CHECK (meldpunt_institution() IS NULL AND current_user <> 'meldpunt_app');`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE institution_sign_in (
      institution_id uuid PRIMARY KEY DEFAULT meldpunt_institution()
        REFERENCES institution(id) ON DELETE CASCADE,
      oidc_issuer text,
      oidc_client_id text,
      oidc_client_secret bytea,
      oidc_secret_key_id text,
      oidc_roles_claim text NOT NULL DEFAULT 'meldpunt_roles',
      saml_entry_point text,
      saml_idp_cert text,
      saml_idp_issuer text,
      saml_email_attribute text NOT NULL DEFAULT 'urn:mace:dir:attribute-def:mail',
      saml_name_attribute text NOT NULL DEFAULT 'urn:mace:dir:attribute-def:displayName',
      saml_roles_attribute text NOT NULL DEFAULT 'urn:mace:dir:attribute-def:eduPersonEntitlement',
      role_map jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((oidc_issuer IS NULL) = (oidc_client_id IS NULL)),
      CHECK ((oidc_issuer IS NULL) = (oidc_client_secret IS NULL)),
      CHECK ((oidc_client_secret IS NULL) = (oidc_secret_key_id IS NULL)),
      CHECK ((saml_entry_point IS NULL) = (saml_idp_cert IS NULL))
    );
    ${POLICIES('institution_sign_in')}

    CREATE TABLE institution_logo (
      institution_id uuid PRIMARY KEY DEFAULT meldpunt_institution()
        REFERENCES institution(id) ON DELETE CASCADE,
      content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
      body bytea NOT NULL CHECK (octet_length(body) <= 524288),
      sha256 text NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    ${POLICIES('institution_logo')}
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE institution_logo; DROP TABLE institution_sign_in;`.execute(db);
}
