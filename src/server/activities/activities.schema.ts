import { z } from 'zod';
import { isoDate, optionalText, text } from '../http/schemas.js';

export const ACTIVITY_KINDS = [
  'workshop',
  'presentation',
  'campaign',
  'event',
  'meeting_internal',
  'meeting_external',
  'peer_consultation',
  'training',
] as const;
export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const choose = { error: 'validation.choose' } as const;
const count = z
  .union([
    z.literal('').transform(() => undefined),
    z
      .string()
      .regex(/^\d{1,6}$/, { error: 'validation.activities.number' })
      .transform(Number),
  ])
  .optional();
const hours = z
  .union([
    z.literal('').transform(() => undefined),
    z
      .string()
      .regex(/^\d{1,3}([.,]\d{1,2})?$/, { error: 'validation.activities.hours' })
      .transform((h) => Math.round(Number(h.replace(',', '.')) * 60)),
  ])
  .optional();

/** One activity of the team; a training records whose certification hours it counts for. */
export const ActivityInput = z
  .object({
    kind: z.enum(ACTIVITY_KINDS, choose),
    title: text(300),
    heldOn: isoDate,
    status: z.enum(ACTIVITY_STATUSES, choose),
    participants: count,
    partner: optionalText(300),
    adviserId: z
      .union([z.literal('').transform(() => undefined), z.uuid({ error: 'validation.choose' })])
      .optional(),
    hours,
    notes: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'training' && !v.adviserId)
      ctx.addIssue({
        code: 'custom',
        path: ['adviserId'],
        message: 'validation.activities.adviser',
      });
    if (v.kind === 'training' && !v.hours)
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'validation.activities.hours' });
  });
export type ActivityInput = z.infer<typeof ActivityInput>;

export const ActivityStatusInput = z.object({
  status: z.enum(ACTIVITY_STATUSES, choose),
  participants: count,
});
