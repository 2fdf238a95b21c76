import { z } from 'zod';
import { GENDERS, LOCATIONS, PERSON_ROLES, REPORTER_GOALS, VIAS } from '../../domain/taxonomy.js';

/** Channels by which a report reaches staff (the web form registers itself). */
export const STAFF_CHANNELS = [
  'phone',
  'email',
  'in_person',
  'online_meeting',
  'appointment',
] as const;

const choose = { error: 'validation.choose' } as const;
/** The shape of a category key; whether the team offers it is checked against its categories. */
const categoryKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, choose);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => v || undefined);
const optionalId = z
  .string()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.uuid({ error: 'validation.choose' }).optional());

/** A key of the team's organisation units; whether the team has it is checked by the service. */
export const optionalOrgUnit = z
  .string()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.string().max(64, choose).optional());

/** A report registered by staff: every first contact by a reporter becomes one case. */
export const RegistrationInput = z
  .object({
    team: z.uuid(choose),
    receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' }),
    channel: z.enum(STAFF_CHANNELS, choose),
    via: z.enum(VIAS, choose),
    intermediary: optionalText(300),
    reporterRole: z.enum(PERSON_ROLES, choose),
    reporterGender: z.enum(GENDERS, choose),
    category: categoryKey,
    subtype: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .pipe(categoryKey.optional()),
    location: z.enum(LOCATIONS, choose),
    /** The faculty or unit (the team's organisation units, as the intake asks); blank = not known. */
    orgUnit: optionalOrgUnit,
    accusedRole: z.enum(PERSON_ROLES, choose),
    goal: z
      .enum(REPORTER_GOALS)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    anonymous: z.enum(['yes', 'no'], choose),
    name: optionalText(200),
    contact: optionalText(200),
    narrative: z
      .string()
      .trim()
      .min(1, { error: 'validation.required' })
      .max(20_000, { error: 'validation.tooLong' }),
    preferredAdviserId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.anonymous === 'no' && !v.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'validation.required' });
    if (v.via !== 'self' && !v.intermediary)
      ctx.addIssue({ code: 'custom', path: ['intermediary'], message: 'validation.required' });
  });
export type RegistrationInput = z.infer<typeof RegistrationInput>;
