import { z } from 'zod';
import { CHANNELS, REPORTER_GOALS } from '../../domain/taxonomy.js';
import { EXPORT_SECTIONS } from './case-export.pdf.js';
import { optionalOrgUnit } from './registration.schema.js';

/** One zod schema per case-record form; errors are message keys (http/validation.ts). */

const choose = { error: 'validation.choose' } as const;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'validation.date' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' });

export const ContactInput = z.object({
  occurredOn: isoDate,
  contactChannel: z.enum(CHANNELS, choose),
  participants: text(500),
  notes: text(20_000),
  isFeedback: z
    .enum(['yes'])
    .optional()
    .transform((v) => v === 'yes'),
});
export type ContactInput = z.infer<typeof ContactInput>;

export const TaskInput = z.object({ title: text(500), dueOn: isoDate });
export type TaskInput = z.infer<typeof TaskInput>;

export const LinkInput = z.object({ reference: text(100) });
export type LinkInput = z.infer<typeof LinkInput>;

export const GoalInput = z.object({ goal: z.enum(REPORTER_GOALS, choose) });
export type GoalInput = z.infer<typeof GoalInput>;

/** The faculty or unit of a case (issue 19); blank = not known ("Ongedefinieerd" in the report). */
export const OrgUnitInput = z.object({ orgUnit: optionalOrgUnit });
export type OrgUnitInput = z.infer<typeof OrgUnitInput>;

export const AssignInput = z.object({
  adviserId: z.uuid({ error: 'validation.choose' }),
  assignReason: z.string().trim().max(2000, { error: 'validation.tooLong' }).optional(),
});

export const StatusInput = z.object({
  to: z.string().min(1, choose).max(40),
  reason: z.string().trim().max(2000, { error: 'validation.tooLong' }).optional(),
  followUp: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
  closedOn: z
    .string()
    .max(10)
    .optional()
    .transform((v) => v || undefined),
  aftercareWeeks: z.coerce
    .number()
    .int()
    .min(1, choose)
    .max(52, choose)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const SupportCaseInput = z.object({
  supportAdviserId: z.uuid({ error: 'validation.choose' }),
  supportChannel: z.enum(CHANNELS, choose),
});

export const ExportInput = z
  .object({
    purpose: z.enum(['data_subject_request', 'handover'], choose),
    sections: z.array(z.enum(EXPORT_SECTIONS)).min(1, { error: 'validation.choose' }),
    // A handover shares the file: with whom, as named in the consent ledger (a role or an outside partner).
    handoverKind: z.enum(['role', 'partner']).optional(),
    handoverTo: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,63}$/, { error: 'validation.admin.key' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.purpose !== 'handover') return;
    if (!v.handoverKind || !v.handoverTo)
      ctx.addIssue({ code: 'custom', path: ['handoverTo'], message: 'validation.choose' });
  });
