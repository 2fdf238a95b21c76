import crypto from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';

/**
 * An institution's own identity provider as the operator or its administrator enters it (issue
 * 22, decision 038): one schema for the two pages and the CLI. Empty issuer: no OpenID Connect;
 * empty entry point: no SAML. An empty client secret keeps the stored one. Error messages are
 * i18n keys (`validation.sso.*`).
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on this machine only (a local test IdP). */
function isIdpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

const optionalUrl = z
  .string()
  .trim()
  .max(500, { error: 'validation.tooLong' })
  .refine((v) => v === '' || isIdpUrl(v), { error: 'validation.sso.url' });
const name = (fallback: string) =>
  z
    .string()
    .trim()
    .max(200, { error: 'validation.tooLong' })
    .regex(/^[^\s]*$/, { error: 'validation.sso.attribute' })
    .transform((v) => v || fallback);

/** PEM or bare base64 of an X.509 certificate, as SAML metadata gives it; normalised to PEM. */
export function parseCertificate(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const pem = text.includes('-----BEGIN CERTIFICATE-----')
    ? text
    : `-----BEGIN CERTIFICATE-----\n${text.replace(/\s+/g, '')}\n-----END CERTIFICATE-----`;
  try {
    return new crypto.X509Certificate(pem).toString();
  } catch {
    return undefined;
  }
}

const TARGET = /^[a-z0-9][a-z0-9_-]{0,62}:[a-z_]+$/;

/** The role map as JSON text: group → "team:role" or a list of them, every role a known one. */
export function parseRoleMap(text: string): Record<string, string[]> | undefined {
  if (!text.trim()) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [group, value] of Object.entries(raw as Record<string, unknown>)) {
    const targets = Array.isArray(value) ? value : [value];
    if (!group || targets.length === 0) return undefined;
    for (const t of targets) {
      if (typeof t !== 'string' || !TARGET.test(t)) return undefined;
      if (!(ROLES as readonly string[]).includes(t.split(':')[1]!)) return undefined;
    }
    out[group] = targets as string[];
  }
  return out;
}

export const InstitutionSignInInput = z
  .object({
    oidcIssuer: optionalUrl.default(''),
    oidcClientId: z.string().trim().max(200, { error: 'validation.tooLong' }).default(''),
    oidcClientSecret: z.string().max(500, { error: 'validation.tooLong' }).default(''),
    oidcRolesClaim: name('meldpunt_roles').default(''),
    samlEntryPoint: optionalUrl.default(''),
    samlIdpCert: z.string().max(20_000, { error: 'validation.tooLong' }).default(''),
    samlIdpIssuer: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
    samlEmailAttribute: name('urn:mace:dir:attribute-def:mail').default(''),
    samlNameAttribute: name('urn:mace:dir:attribute-def:displayName').default(''),
    samlRolesAttribute: name('urn:mace:dir:attribute-def:eduPersonEntitlement').default(''),
    roleMap: z.string().max(20_000, { error: 'validation.tooLong' }).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.oidcIssuer && !v.oidcClientId)
      ctx.addIssue({ code: 'custom', path: ['oidcClientId'], message: 'validation.required' });
    if (!v.oidcIssuer && (v.oidcClientId || v.oidcClientSecret))
      ctx.addIssue({ code: 'custom', path: ['oidcIssuer'], message: 'validation.required' });
    if (v.samlEntryPoint && !parseCertificate(v.samlIdpCert))
      ctx.addIssue({
        code: 'custom',
        path: ['samlIdpCert'],
        message: 'validation.sso.certificate',
      });
    if (!v.samlEntryPoint && v.samlIdpCert.trim())
      ctx.addIssue({ code: 'custom', path: ['samlEntryPoint'], message: 'validation.required' });
    if (!parseRoleMap(v.roleMap))
      ctx.addIssue({ code: 'custom', path: ['roleMap'], message: 'validation.sso.roleMap' });
  });
export type InstitutionSignInValues = z.output<typeof InstitutionSignInInput>;
