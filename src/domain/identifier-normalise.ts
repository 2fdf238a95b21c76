/**
 * Identifiers of the accused, reduced to one canonical form each so that two reporters who
 * write the same person differently still match. Pure; the blind index hashes the result.
 *
 * Decisions (docs/decisions/008-blind-index.md):
 * - e-mail: trimmed, lower case, a "+alias" suffix of the local part dropped. Dots are KEPT:
 *   institutional (Exchange) mailboxes treat `j.jansen` and `jjansen` as different people,
 *   and a false match costs more than a missed one.
 * - student/staff number: whitespace, dots and dashes removed, lower case.
 * - name with unit: diacritics removed, lower case, punctuation to spaces, tokens sorted (so
 *   "Jansen, Jan" matches "Jan Jansen"); the unit is normalised the same way and is part of it.
 * - social media: a profile URL and a handle of the same platform meet in `social:<platform>:<handle>`;
 *   scheme, www., m., trailing slash, query and fragment are ignored. Other URLs: `url:<host><path>`.
 */

export const IDENTIFIER_KINDS = ['email', 'person_number', 'name_unit', 'social'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const SOCIAL_PLATFORMS = [
  'instagram',
  'x',
  'tiktok',
  'facebook',
  'linkedin',
  'snapchat',
  'github',
  'other',
] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export interface IdentifierInput {
  kind: IdentifierKind;
  value: string;
  /** name_unit: the faculty or unit; social: the platform when a bare handle is given. */
  qualifier?: string;
}

const HOSTS: Record<string, SocialPlatform> = {
  'instagram.com': 'instagram',
  'x.com': 'x',
  'twitter.com': 'x',
  'tiktok.com': 'tiktok',
  'facebook.com': 'facebook',
  'fb.com': 'facebook',
  'linkedin.com': 'linkedin',
  'snapchat.com': 'snapchat',
  'github.com': 'github',
};

/** Path prefixes before the handle on some platforms (linkedin.com/in/<handle>, snapchat.com/add/<handle>). */
const PREFIXES: Partial<Record<SocialPlatform, string>> = { linkedin: 'in', snapchat: 'add' };

export function normaliseEmail(value: string): string | undefined {
  const trimmed = value.trim().toLowerCase();
  const match = /^([^@\s]+)@([^@\s]+\.[^@\s]+)$/.exec(trimmed);
  if (!match) return undefined;
  const local = match[1]!.split('+')[0]!;
  return local ? `${local}@${match[2]}` : undefined;
}

export function normalisePersonNumber(value: string): string | undefined {
  const compact = value.replace(/[\s.\-_]/g, '').toLowerCase();
  return /^[a-z]{0,3}\d{4,12}$/.test(compact) ? compact : undefined;
}

export function normaliseText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normaliseNameUnit(name: string, unit = ''): string | undefined {
  const tokens = normaliseText(name).split(' ').filter(Boolean).sort();
  if (tokens.length === 0) return undefined;
  return `${tokens.join(' ')}|${normaliseText(unit)}`;
}

function cleanHandle(handle: string): string | undefined {
  const h = handle.trim().replace(/^@/, '').toLowerCase();
  return /^[\p{L}\p{N}._-]{1,100}$/u.test(h) ? h : undefined;
}

/** `social:<platform>:<handle>` or `url:<host><path>`; undefined for something unusable. */
export function normaliseSocial(value: string, platform?: string): string | undefined {
  const trimmed = value.trim();
  const looksLikeUrl =
    /^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/|$)/i.test(trimmed) && !trimmed.startsWith('@');
  if (!looksLikeUrl) {
    const handle = cleanHandle(trimmed);
    const wanted = platform
      ?.trim()
      .toLowerCase()
      .replace(/^twitter$/, 'x');
    const p = SOCIAL_PLATFORMS.find((s) => s === wanted);
    return handle && p ? `social:${p}:${handle}` : undefined;
  }
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const knownHost = Object.keys(HOSTS).find((k) => host === k || host.endsWith(`.${k}`)); // nl.linkedin.com
  const known = knownHost ? HOSTS[knownHost] : undefined;
  if (known) {
    const prefix = PREFIXES[known];
    const rest = prefix && segments[0]?.toLowerCase() === prefix ? segments.slice(1) : segments;
    if (known === 'facebook' && rest[0] === 'profile.php') {
      const id = url.searchParams.get('id');
      return id && /^\d+$/.test(id) ? `social:facebook:${id}` : undefined;
    }
    const handle = rest[0] ? cleanHandle(rest[0]) : undefined;
    if (handle) return `social:${known}:${handle}`;
  }
  const path = segments.map((s) => s.toLowerCase()).join('/');
  return `url:${host}${path ? `/${path}` : ''}`;
}

/** The canonical form of one identifier, prefixed with its kind; undefined when unusable. */
export function normaliseIdentifier(input: IdentifierInput): string | undefined {
  switch (input.kind) {
    case 'email': {
      const e = normaliseEmail(input.value);
      return e && `email:${e}`;
    }
    case 'person_number': {
      const n = normalisePersonNumber(input.value);
      return n && `number:${n}`;
    }
    case 'name_unit': {
      const n = normaliseNameUnit(input.value, input.qualifier);
      return n && `name:${n}`;
    }
    case 'social':
      return normaliseSocial(input.value, input.qualifier);
  }
}

/** A reporter's contact (e-mail, phone or anything else), for counting a named reporter once. */
export function normaliseReporterContact(contact: string): string {
  const email = normaliseEmail(contact);
  if (email) return `email:${email}`;
  const digits = contact.replace(/[^\d+]/g, '');
  if (/^\+?\d{8,15}$/.test(digits)) return `phone:${digits.replace(/^\+31|^0031/, '0')}`;
  return `text:${normaliseText(contact)}`;
}
