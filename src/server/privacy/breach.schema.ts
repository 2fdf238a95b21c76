import { z } from 'zod';
import { optionalText, text } from '../http/schemas.js';
import { parseLocalDateTime } from '../appointments/local-time.js';

export const BREACH_RISKS = ['unknown', 'none', 'risk', 'high'] as const;

/** A moment in the institution's time zone, not in the future (a minute of clock skew allowed). */
const pastMoment = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const at = parseLocalDateTime(s);
    if (!at || at.getTime() > Date.now() + 60_000) {
      ctx.addIssue({ code: 'custom', message: 'validation.breach.moment' });
      return z.NEVER;
    }
    return at;
  });
const optionalMoment = z.union([z.literal('').transform(() => undefined), pastMoment]).optional();

/** The breach form, for recording and for updating: one schema for both. */
export const BreachInput = z.object({
  description: text(4000),
  foundAt: pastMoment,
  caseRefs: optionalText(1000),
  peopleCount: z
    .union([
      z.literal('').transform(() => undefined),
      z.coerce
        .number({ error: 'validation.admin.number' })
        .int({ error: 'validation.admin.number' })
        .min(0, { error: 'validation.admin.number' })
        .max(10_000_000, { error: 'validation.admin.number' }),
    ])
    .optional(),
  risk: z.enum(BREACH_RISKS, { error: 'validation.choose' }),
  riskNotes: optionalText(4000),
  apNotifiedAt: optionalMoment,
  apReason: optionalText(2000),
  subjectsNotifiedAt: optionalMoment,
  subjectsReason: optionalText(2000),
  measures: optionalText(4000),
  closed: z.literal('yes').optional(),
});
export type BreachInput = z.infer<typeof BreachInput>;

export const PrivacySettingForm = z.object({
  dpoContact: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
  accessibilityContact: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
  introNl: z.string().max(4000, { error: 'validation.tooLong' }).default(''),
  introEn: z.string().max(4000, { error: 'validation.tooLong' }).default(''),
  extraNl: z.string().max(8000, { error: 'validation.tooLong' }).default(''),
  extraEn: z.string().max(8000, { error: 'validation.tooLong' }).default(''),
});
