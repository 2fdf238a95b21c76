import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { openText, seal } from '../crypto/seal.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  parseCertificate,
  parseRoleMap,
  type InstitutionSignInValues,
} from './institution-sign-in.schemas.js';

/**
 * An institution's own identity provider (issue 22, decision 038), in `institution_sign_in`
 * (row-level security). The OIDC client secret is sealed with the keyring's current master key,
 * bound to its institution; it is opened only to talk to the IdP, never presented, logged or
 * audited.
 */
const secretAad = (institutionId: string) => `institution-oidc-secret:${institutionId}`;

/** What the settings pages show: everything but the secret, of which only its presence. */
export interface InstitutionSignInView {
  oidcIssuer: string;
  oidcClientId: string;
  hasClientSecret: boolean;
  oidcRolesClaim: string;
  samlEntryPoint: string;
  samlIdpCert: string;
  samlIdpIssuer: string;
  samlEmailAttribute: string;
  samlNameAttribute: string;
  samlRolesAttribute: string;
  roleMap: string;
}

/** What sign-in uses: the IdP(s) with the secret opened, the role map, and a version for caches. */
export interface InstitutionIdp {
  oidc?: { issuer: string; clientId: string; clientSecret: string; rolesClaim: string };
  saml?: {
    entryPoint: string;
    idpCert: string;
    idpIssuer?: string;
    emailAttribute: string;
    nameAttribute: string;
    rolesAttribute: string;
  };
  roleMap: Record<string, string[]>;
  version: string;
}

async function findRow(db: Db, institutionId: string) {
  return db
    .selectFrom('institution_sign_in')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

export async function findInstitutionSignInView(
  db: Db,
  institutionId: string,
): Promise<InstitutionSignInView | undefined> {
  const r = await findRow(db, institutionId);
  if (!r) return undefined;
  return {
    oidcIssuer: r.oidc_issuer ?? '',
    oidcClientId: r.oidc_client_id ?? '',
    hasClientSecret: r.oidc_client_secret !== null,
    oidcRolesClaim: r.oidc_roles_claim,
    samlEntryPoint: r.saml_entry_point ?? '',
    samlIdpCert: r.saml_idp_cert ?? '',
    samlIdpIssuer: r.saml_idp_issuer ?? '',
    samlEmailAttribute: r.saml_email_attribute,
    samlNameAttribute: r.saml_name_attribute,
    samlRolesAttribute: r.saml_roles_attribute,
    roleMap: Object.keys(r.role_map).length ? JSON.stringify(r.role_map, null, 2) : '',
  };
}

export async function findInstitutionIdp(
  db: Db,
  keyring: Keyring,
  institutionId: string,
): Promise<InstitutionIdp | undefined> {
  const r = await findRow(db, institutionId);
  if (!r || (!r.oidc_issuer && !r.saml_entry_point)) return undefined;
  return {
    oidc:
      r.oidc_issuer && r.oidc_client_id && r.oidc_client_secret && r.oidc_secret_key_id
        ? {
            issuer: r.oidc_issuer,
            clientId: r.oidc_client_id,
            clientSecret: openText(
              keyring.masterKey(r.oidc_secret_key_id),
              r.oidc_client_secret,
              secretAad(institutionId),
            ),
            rolesClaim: r.oidc_roles_claim,
          }
        : undefined,
    saml:
      r.saml_entry_point && r.saml_idp_cert
        ? {
            entryPoint: r.saml_entry_point,
            idpCert: r.saml_idp_cert,
            idpIssuer: r.saml_idp_issuer ?? undefined,
            emailAttribute: r.saml_email_attribute,
            nameAttribute: r.saml_name_attribute,
            rolesAttribute: r.saml_roles_attribute,
          }
        : undefined,
    roleMap: r.role_map,
    version: new Date(r.updated_at).toISOString(),
  };
}

export type SetSignInResult = { ok: true } | { ok: false; field: 'oidcClientSecret' };

/**
 * Stores (or, with neither an issuer nor an entry point, removes) the institution's IdP. The
 * values were checked by InstitutionSignInInput; an empty secret keeps the stored one, and a new
 * OIDC client without any secret is refused. Audited without any value of the settings.
 */
export async function setInstitutionSignIn(
  trx: Db,
  keyring: Keyring,
  institutionId: string,
  v: InstitutionSignInValues,
  actor: AuditActor,
): Promise<SetSignInResult> {
  const current = await findRow(trx, institutionId);
  let secret: { sealed: Buffer; keyId: string } | null = null;
  if (v.oidcIssuer) {
    if (v.oidcClientSecret) {
      const keyId = keyring.currentMasterKeyId;
      secret = {
        sealed: seal(keyring.masterKey(keyId), v.oidcClientSecret, secretAad(institutionId)),
        keyId,
      };
    } else if (current?.oidc_client_secret && current.oidc_secret_key_id) {
      secret = { sealed: current.oidc_client_secret, keyId: current.oidc_secret_key_id };
    } else return { ok: false, field: 'oidcClientSecret' };
  }
  const values = {
    institution_id: institutionId,
    oidc_issuer: v.oidcIssuer || null,
    oidc_client_id: v.oidcIssuer ? v.oidcClientId : null,
    oidc_client_secret: secret?.sealed ?? null,
    oidc_secret_key_id: secret?.keyId ?? null,
    oidc_roles_claim: v.oidcRolesClaim,
    saml_entry_point: v.samlEntryPoint || null,
    saml_idp_cert: v.samlEntryPoint ? (parseCertificate(v.samlIdpCert) ?? null) : null,
    saml_idp_issuer: v.samlEntryPoint && v.samlIdpIssuer ? v.samlIdpIssuer : null,
    saml_email_attribute: v.samlEmailAttribute,
    saml_name_attribute: v.samlNameAttribute,
    saml_roles_attribute: v.samlRolesAttribute,
    role_map: JSON.stringify(parseRoleMap(v.roleMap) ?? {}),
    updated_at: new Date(),
  };
  if (!v.oidcIssuer && !v.samlEntryPoint)
    await trx
      .deleteFrom('institution_sign_in')
      .where('institution_id', '=', institutionId)
      .execute();
  else if (current)
    await trx
      .updateTable('institution_sign_in')
      .set(values)
      .where('institution_id', '=', institutionId)
      .execute();
  else await trx.insertInto('institution_sign_in').values(values).execute();
  await recordAudit(trx, {
    type: 'INSTITUTION_SIGN_IN_CHANGED',
    actor,
    detail: {
      institutionId,
      oidc: Boolean(v.oidcIssuer),
      saml: Boolean(v.samlEntryPoint),
      secretReplaced: Boolean(v.oidcIssuer && v.oidcClientSecret),
    },
  });
  return { ok: true };
}

/** An institution that signs in through its own IdP on its own host (the platform host's choice). */
export interface SignInChoice {
  key: string;
  name: string;
  host: string;
  kind: 'oidc' | 'saml';
}

/** The institutions with their own host and IdP, by name (read in the platform context). */
export async function listSignInChoices(db: Db): Promise<SignInChoice[]> {
  const rows = await db
    .selectFrom('institution as i')
    .innerJoin('institution_sign_in as s', 's.institution_id', 'i.id')
    .select(['i.key', 'i.name', 'i.host', 's.oidc_issuer', 's.saml_entry_point'])
    .where('i.host', 'is not', null)
    .orderBy('i.name')
    .execute();
  return rows.flatMap((r) =>
    r.host && (r.oidc_issuer || r.saml_entry_point)
      ? [{ key: r.key, name: r.name, host: r.host, kind: r.oidc_issuer ? 'oidc' : 'saml' }]
      : [],
  );
}
