import { mapRoles } from './sso.config.js';
import type { SsoIdentity } from './sso.service.js';

/** Where an identity provider puts the staff member's e-mail, name and roles. */
export interface AttributeNames {
  email: string;
  name: string;
  roles: string;
}

/** Pure: an attribute value (list, or space/comma separated string) as a list of strings. */
export function readValues(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String).filter(Boolean);
  return typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : [];
}

/**
 * Pure: the identity that OpenID Connect claims or SAML attributes describe, with team roles
 * mapped through MELDPUNT_SSO_ROLE_MAP; undefined without an e-mail address.
 */
export function identityFromAttributes(
  provider: SsoIdentity['provider'],
  subject: string,
  attributes: Record<string, unknown>,
  names: AttributeNames,
  roleMap: Record<string, string[]>,
  mfa: boolean,
): SsoIdentity | undefined {
  const email = readValues(attributes[names.email])[0];
  if (!email || !subject) return undefined;
  const name = attributes[names.name];
  const displayName = Array.isArray(name)
    ? String(name[0] ?? '')
    : typeof name === 'string'
      ? name
      : '';
  return {
    provider,
    subject,
    email,
    displayName: displayName || email,
    grants: mapRoles(readValues(attributes[names.roles]), roleMap),
    mfa,
  };
}

/** REFEDS MFA profile: what we ask the IdP for, and the assertion we accept as multi-factor. */
export const REFEDS_MFA = 'https://refeds.org/profile/mfa';

/** Pure: whether OIDC ID-token claims say multi-factor (acr REFEDS MFA, or amr "mfa" per RFC 8176). */
export function isOidcMfa(idClaims: Record<string, unknown>): boolean {
  return (
    idClaims.acr === REFEDS_MFA || (Array.isArray(idClaims.amr) && idClaims.amr.includes('mfa'))
  );
}

/** Pure: whether a (verified) SAML assertion's AuthnContextClassRef is REFEDS MFA. */
export function isSamlMfa(assertionXml: string | undefined): boolean {
  const ref = /<(?:[\w-]+:)?AuthnContextClassRef>\s*([^<\s]+)\s*</.exec(assertionXml ?? '')?.[1];
  return ref === REFEDS_MFA;
}
