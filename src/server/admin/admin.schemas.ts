import { z } from 'zod';
import { NewPassword } from '../users/password-policy.js';
import { ROLES } from '../../domain/roles.js';

const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' });
const optional = (max = 200) =>
  z.string().trim().max(max, { error: 'validation.tooLong' }).optional().default('');
const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, { error: 'validation.admin.key' });
const days = (max: number) =>
  z.coerce
    .number({ error: 'validation.admin.number' })
    .int({ error: 'validation.admin.number' })
    .min(1, { error: 'validation.admin.number' })
    .max(max, { error: 'validation.admin.number' });

/** A whole number from a form field (an empty field is not 0). */
const count = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, { error: 'validation.admin.number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: 'validation.admin.number' })
        .max(max, { error: 'validation.admin.number' }),
    );

export const NewTeamInput = z.object({
  key,
  nameNl: text(),
  nameEn: text(),
  institutionKey: key,
  institutionName: optional(),
});

export const TeamSettingsInput = z.object({
  nameNl: text(),
  nameEn: text(),
  ackDays: days(365),
  feedbackDays: days(3650),
  retentionMonths: days(1200),
  // Absent (an older form) keeps the current value.
  reminderLeadDays: count(0, 60).optional(),
  patternThreshold: count(2, 50).optional(),
  suppressionThreshold: count(1, 50).optional(),
});

export const OrgUnitInput = z.object({ key, labelNl: text(), labelEn: text() });

/** Subtypes as lines `key | Dutch label | English label`. */
const subtypeLines = z
  .string()
  .optional()
  .default('')
  .transform((value, ctx) => {
    const out: { key: string; labelNl: string; labelEn: string }[] = [];
    for (const line of value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [k, nl, en] = line.split('|').map((p) => p.trim());
      if (!k || !/^[a-z0-9_]{1,63}$/.test(k) || !nl || !en) {
        ctx.addIssue({ code: 'custom', message: 'validation.admin.subtypes' });
        return z.NEVER;
      }
      out.push({ key: k, labelNl: nl, labelEn: en });
    }
    return out;
  });

export const CategoryInput = z.object({
  key,
  labelNl: text(),
  labelEn: text(),
  definitionNl: optional(2000),
  definitionEn: optional(2000),
  source: optional(500),
  subtypes: subtypeLines,
  retired: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});

export const PartnerInput = z.object({
  key,
  kind: z.enum(['internal', 'external'], { error: 'validation.choose' }),
  nameNl: text(),
  nameEn: text(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() -]{0,30}$/, { error: 'validation.admin.phone' })
    .optional()
    .default(''),
  url: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'validation.admin.url' })])
    .optional()
    .default(''),
  noteNl: optional(500),
  noteEn: optional(500),
  inactive: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});

export const GuideInput = z.object({ bodyNl: optional(20000), bodyEn: optional(20000) });

export const InviteInput = z.object({
  displayName: text(),
  email: z.email({ error: 'validation.email' }).max(320, { error: 'validation.tooLong' }),
  locale: z.enum(['nl', 'en'], { error: 'validation.choose' }),
  roles: z.array(z.enum(ROLES)).min(1, { error: 'validation.admin.roles' }),
});

export const RolesInput = z.object({ roles: z.array(z.enum(ROLES)) });

export const AdviserProfileInput = z.object({
  languages: optional(200).transform((v) =>
    v
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
  ),
  locations: optional(500),
  introNl: optional(2000),
  introEn: optional(2000),
  hidden: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});

export const AcceptInviteInput = z.object({
  displayName: text(),
  password: NewPassword,
});

/** A form body with repeated fields (checkboxes) as arrays and the rest as strings. */
export function formValues(
  body: Record<string, string | File | (string | File)[]>,
  arrays: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    out[k] = arrays.includes(k) ? list : list[0];
  }
  for (const name of arrays) out[name] ??= [];
  return out;
}
