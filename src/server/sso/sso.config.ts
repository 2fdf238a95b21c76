import { z } from 'zod';
import { ROLES, type Role } from '../../domain/roles.js';
import { readPemSetting, readSigningPair, type SamlSigningPair } from './saml-signing.js';

/**
 * Single sign-on settings from the environment (docs/operations.md). Staff roles come from
 * the identity provider: each value of the roles claim/attribute is either `team:role`
 * (e.g. `students:confidential_adviser`) or a group name that MELDPUNT_SSO_ROLE_MAP maps
 * to one or more `team:role` values.
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  rolesClaim: string;
  allowHttp: boolean;
}

export interface SamlConfig {
  /** The IdP's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: string;
  /** The IdP's signing certificate(s), PEM. */
  idpCert: string;
  /** Our entity id (default `${baseUrl}/sso/saml/metadata`). */
  entityId: string;
  /** The IdP's entity id; when set, assertions from another issuer are refused. */
  idpIssuer?: string;
  emailAttribute: string;
  nameAttribute: string;
  rolesAttribute: string;
  /** Our key pair: when set, AuthnRequests are signed (RSA-SHA256) and the certificate is in our metadata. */
  signing?: SamlSigningPair;
}

export interface SsoConfig {
  baseUrl: string;
  oidc?: OidcConfig;
  saml?: SamlConfig;
  roleMap: Record<string, string[]>;
  /** Our SAML key pair, also for the institutions' own SAML IdPs (decision 038). */
  spSigning?: SamlSigningPair;
}

const RoleMap = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export function readSsoConfig(env: NodeJS.ProcessEnv, baseUrl: string): SsoConfig {
  const roleMap: Record<string, string[]> = {};
  if (env.MELDPUNT_SSO_ROLE_MAP) {
    const parsed = RoleMap.safeParse(JSON.parse(env.MELDPUNT_SSO_ROLE_MAP));
    if (!parsed.success)
      throw new Error(
        'MELDPUNT_SSO_ROLE_MAP must be a JSON object of group → "team:role" (or a list of them)',
      );
    for (const [group, v] of Object.entries(parsed.data))
      roleMap[group] = Array.isArray(v) ? v : [v];
  }
  const oidc = env.MELDPUNT_OIDC_ISSUER
    ? {
        issuer: env.MELDPUNT_OIDC_ISSUER,
        clientId: required(env, 'MELDPUNT_OIDC_CLIENT_ID'),
        clientSecret: required(env, 'MELDPUNT_OIDC_CLIENT_SECRET'),
        rolesClaim: env.MELDPUNT_OIDC_ROLES_CLAIM ?? 'meldpunt_roles',
        allowHttp: env.MELDPUNT_OIDC_ALLOW_HTTP === 'true',
      }
    : undefined;
  const spSigning = readSigningPair(env);
  const saml = env.MELDPUNT_SAML_ENTRY_POINT
    ? {
        entryPoint: env.MELDPUNT_SAML_ENTRY_POINT,
        idpCert: readPemSetting(required(env, 'MELDPUNT_SAML_IDP_CERT'), 'MELDPUNT_SAML_IDP_CERT'),
        entityId: env.MELDPUNT_SAML_ENTITY_ID ?? `${baseUrl}/sso/saml/metadata`,
        idpIssuer: env.MELDPUNT_SAML_IDP_ISSUER,
        emailAttribute: env.MELDPUNT_SAML_EMAIL_ATTRIBUTE ?? 'urn:mace:dir:attribute-def:mail',
        nameAttribute: env.MELDPUNT_SAML_NAME_ATTRIBUTE ?? 'urn:mace:dir:attribute-def:displayName',
        rolesAttribute:
          env.MELDPUNT_SAML_ROLES_ATTRIBUTE ?? 'urn:mace:dir:attribute-def:eduPersonEntitlement',
        signing: spSigning,
      }
    : undefined;
  return { baseUrl, oidc, saml, roleMap, spSigning };
}

/** Whether any sign-in through the institution is configured (the login page links to it). */
export function isSsoConfigured(sso: SsoConfig): boolean {
  return Boolean(sso.oidc || sso.saml);
}

/** A certificate given inline (PEM, or bare base64) or as a path to a PEM file. */
function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v) throw new Error(`${name} is required for single sign-on`);
  return v;
}

export interface Grant {
  teamKey: string;
  role: Role;
}

/** Pure: the team roles that the IdP's values grant; unknown values grant nothing. */
export function mapRoles(values: readonly string[], roleMap: Record<string, string[]>): Grant[] {
  const grants = new Map<string, Grant>();
  for (const value of values) {
    for (const target of roleMap[value] ?? [value]) {
      const [teamKey, role] = target.split(':') as [string, string | undefined];
      if (teamKey && role && (ROLES as readonly string[]).includes(role))
        grants.set(target, { teamKey, role: role as Role });
    }
  }
  return [...grants.values()];
}
