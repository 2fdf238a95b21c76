import type { Via } from './taxonomy.js';

/** On whose behalf the public form is filled in; each maps to a case.via value. */
export const BEHALF_CHOICES = [
  'self',
  'friend',
  'colleague',
  'manager',
  'association',
  'bystander',
] as const;
export type Behalf = (typeof BEHALF_CHOICES)[number];

const VIA_BY_BEHALF: Record<Behalf, Via> = {
  self: 'self',
  friend: 'other',
  colleague: 'staff_member',
  manager: 'staff_member',
  association: 'board_or_association_contact',
  bystander: 'other',
};

export function viaForBehalf(behalf: Behalf | undefined): Via {
  return VIA_BY_BEHALF[behalf ?? 'self'];
}

/** How the reporter would like to be in touch; the mailbox works for anonymous reporters too. */
export const PREFERRED_CHANNELS = [
  'mailbox',
  'email',
  'phone',
  'in_person',
  'online_meeting',
] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/**
 * "When did it happen?": day optional, month and year together, not in the future and not
 * before 1950. Returns 'YYYY-MM-DD' or 'YYYY-MM', undefined when left empty, 'invalid' otherwise.
 */
export function parseHappened(
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
  now: Date,
): string | undefined | 'invalid' {
  const [d, m, y] = [day, month, year].map((s) => (s ?? '').trim());
  if (!d && !m && !y) return undefined;
  if (!/^\d{4}$/.test(y!) || !/^\d{1,2}$/.test(m!) || (d && !/^\d{1,2}$/.test(d))) return 'invalid';
  const yy = Number(y);
  const mm = Number(m);
  if (yy < 1950 || mm < 1 || mm > 12) return 'invalid';
  const monthText = `${y}-${String(mm).padStart(2, '0')}`;
  const today = now.toISOString().slice(0, 10);
  if (!d) return monthText <= today.slice(0, 7) ? monthText : 'invalid';
  const dd = Number(d);
  const date = new Date(Date.UTC(yy, mm - 1, dd));
  if (date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return 'invalid';
  const text = `${monthText}-${String(dd).padStart(2, '0')}`;
  return text <= today ? text : 'invalid';
}

/**
 * Whether a reporter's contact detail is something we can use: an e-mail address
 * (name@domain.tld) or a phone number (8 to 15 digits, with +, spaces, dashes, brackets).
 */
export function isEmailOrPhone(value: string): boolean {
  const v = value.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v)) return true;
  if (!/^\+?[0-9 ()-]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}
