import { z } from 'zod';
import { findCategory } from '../../domain/taxonomy.js';

export const PARTNER_SERVICES = ['study_adviser', 'psychologist'] as const;
export const PERIODS = [
  'year',
  'q1',
  'q2',
  'q3',
  'q4',
  'm01',
  'm02',
  'm03',
  'm04',
  'm05',
  'm06',
  'm07',
  'm08',
  'm09',
  'm10',
  'm11',
  'm12',
] as const;

/** A count only: no names, no free text — nothing personal can be typed in. */
export const PartnerCountInput = z.object({
  team: z.string().min(1, 'validation.choose').max(64),
  year: z
    .string()
    .regex(/^\d{4}$/, 'validation.reportYear')
    .transform(Number),
  period: z.enum(PERIODS, { error: 'validation.choose' }),
  service: z.enum(PARTNER_SERVICES, { error: 'validation.choose' }),
  category: z
    .string()
    .refine((k) => k === '' || !!findCategory(k), { error: 'validation.choose' })
    .transform((k) => (k === '' ? null : k)),
  count: z
    .string()
    .regex(/^\d{1,6}$/, 'validation.partnerCount')
    .transform(Number),
});
export type PartnerCountInput = z.infer<typeof PartnerCountInput>;
