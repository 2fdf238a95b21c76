import { z } from 'zod';
import { LOCATIONS, PERSON_ROLES, REPORTER_GOALS, DEFAULT_CATEGORIES, isSubtypeOf } from '../../domain/taxonomy.js';

/** The version of the public form; kept with every report it produced. */
export const INTAKE_FORM_VERSION = 'intake-2026-11-23';

const choose = { error: 'validation.choose' } as const;
const categoryKeys = DEFAULT_CATEGORIES.map((c) => c.key) as [string, ...string[]];
const optionalText = (max: number) =>
  z.string().trim().max(max, { error: 'validation.tooLong' }).optional().transform((v) => v || undefined);

export const IntakeInput = z
  .object({
    team: z.string().min(1, choose),
    category: z.enum(categoryKeys, choose),
    subtype: z.string().optional().transform((v) => v || undefined),
    narrative: z.string().trim().min(1, { error: 'validation.required' }).max(20_000, { error: 'validation.tooLong' }),
    location: z.enum(LOCATIONS, choose),
    reporterRole: z.enum(PERSON_ROLES, choose),
    accusedRole: z.enum(PERSON_ROLES, choose),
    goal: z.enum(REPORTER_GOALS, choose),
    anonymous: z.enum(['yes', 'no'], choose),
    name: optionalText(200),
    contact: optionalText(200),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  })
  .superRefine((v, ctx) => {
    if (v.subtype && !isSubtypeOf(v.category, v.subtype)) {
      ctx.addIssue({ code: 'custom', path: ['subtype'], message: 'validation.subtype' });
    }
    if (v.anonymous === 'no' && (!v.name || !v.contact)) {
      ctx.addIssue({ code: 'custom', path: [v.name ? 'contact' : 'name'], message: 'validation.contactNeeded' });
    }
  });

export type IntakeInput = z.infer<typeof IntakeInput>;
