import { z } from 'zod';
import { parseLocalDateTime } from './local-time.js';

export const APPOINTMENT_MODES = ['in_person', 'online_meeting', 'phone'] as const;

const slot = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const at = parseLocalDateTime(v);
    if (!at || at.getTime() < Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'validation.dateTime' });
      return z.NEVER;
    }
    return at;
  });

/** A request for a conversation: how, and up to three proposed times. */
export const AppointmentRequestInput = z
  .object({
    mode: z.enum(APPOINTMENT_MODES, { error: 'validation.choose' }),
    /** The key of one of the team's meeting locations; checked against the team in the service. */
    location: z.string().trim().max(40, { error: 'validation.unknownLocation' }).optional(),
    slot1: slot,
    slot2: slot,
    slot3: slot,
    email: z
      .union([
        z.literal(''),
        z.email({ error: 'validation.email' }).max(320, { error: 'validation.tooLong' }),
      ])
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode !== 'phone' && !v.location)
      ctx.addIssue({ code: 'custom', path: ['location'], message: 'validation.chooseLocation' });
    if (!v.slot1 && !v.slot2 && !v.slot3)
      ctx.addIssue({ code: 'custom', path: ['slot1'], message: 'validation.slotNeeded' });
  });

export type AppointmentRequestInput = z.infer<typeof AppointmentRequestInput>;

export function slotsOf(input: AppointmentRequestInput): Date[] {
  return [input.slot1, input.slot2, input.slot3].filter((d): d is Date => d !== undefined);
}

export const AppointmentConfirmInput = z.object({
  slot: z.coerce
    .number({ error: 'validation.choose' })
    .int()
    .min(0, { error: 'validation.choose' })
    .max(2, { error: 'validation.choose' }),
  details: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(500, { error: 'validation.tooLong' }),
});
