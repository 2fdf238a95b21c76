import { z } from 'zod';
import { isoDate, optionalText, text } from '../http/schemas.js';

export const PLATFORMS = [
  'x_twitter',
  'facebook',
  'instagram',
  'linkedin',
  'tiktok',
  'youtube',
  'whatsapp',
  'email',
  'website',
  'other',
] as const;
export const STATEMENT_STATUSES = ['none', 'requested', 'published', 'declined'] as const;
const choose = { error: 'validation.choose' } as const;

export const EvidenceInput = z.object({
  platform: z.enum(PLATFORMS, choose),
  link: text(2000),
  seenOn: isoDate,
  note: optionalText(2000),
});
export const GrantInput = z.object({
  email: z.string().trim().toLowerCase().email({ error: 'validation.email' }),
});
export const SupportInput = z.object({
  statementStatus: z.enum(STATEMENT_STATUSES, choose),
  statementOn: z.union([z.literal('').transform(() => undefined), isoDate]).optional(),
  otherEmployers: optionalText(1000),
  checkinEveryWeeks: z
    .union([
      z.literal('').transform(() => undefined),
      z.coerce.number().int().min(1, choose).max(52, choose),
    ])
    .optional(),
});
export const RevokeInput = z.object({ userId: z.uuid({ error: 'validation.choose' }) });
export const CheckinInput = z.object({ occurredOn: isoDate, note: text(2000) });
