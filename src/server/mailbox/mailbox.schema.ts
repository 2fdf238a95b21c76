import { z } from 'zod';
import { isEmailOrPhone } from '../../domain/intake-answers.js';

const required = { error: 'validation.required' } as const;
const tooLong = { error: 'validation.tooLong' } as const;

export const ReceiptInput = z.object({
  receipt: z.string().trim().min(1, required).max(64, tooLong),
});

export const MessageInput = z.object({
  body: z.string().trim().min(1, required).max(20_000, tooLong),
});

export const MinutesResponseInput = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('approve') }),
    z.object({
      decision: z.literal('correct'),
      correction: z.string().trim().min(1, required).max(20_000, tooLong),
    }),
  ],
  { error: 'validation.choose' },
);

export const NotificationInput = z.object({
  email: z.email({ error: 'validation.email' }).max(320, tooLong),
});

export const DisclosureInput = z.object({
  name: z.string().trim().min(1, required).max(200, tooLong),
  contact: z
    .string()
    .trim()
    .min(1, required)
    .max(200, tooLong)
    .refine(isEmailOrPhone, { error: 'validation.intake.contact' }),
  confirm: z.literal('yes', { error: 'validation.confirmDisclosure' }),
});
