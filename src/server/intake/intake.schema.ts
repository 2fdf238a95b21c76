import { z } from 'zod';
import { GENDERS, LOCATIONS, PERSON_ROLES, REPORTER_GOALS } from '../../domain/taxonomy.js';
import { normaliseIdentifier, type IdentifierInput } from '../../domain/identifier-normalise.js';
import {
  BEHALF_CHOICES,
  isEmailOrPhone,
  PREFERRED_CHANNELS,
  parseHappened,
} from '../../domain/intake-answers.js';

/** The version of the public form; kept with every report it produced. */
export const INTAKE_FORM_VERSION = 'intake-2026-12-05a';

const choose = { error: 'validation.choose' } as const;
/** Category and subtype keys: the team's current categories decide which exist (intake-options.ts teamChoiceErrors). */
const categoryKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, choose);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => v || undefined);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values, choose)])
    .optional()
    .transform((v) => (v ? (v as T[number]) : undefined));

/** Every answer of the intake, one field per form control; the question pages each ask a few. */
export const IntakeFields = z.object({
  team: z.string().min(1, choose),
  behalf: optionalEnum(BEHALF_CHOICES),
  category: categoryKey,
  subtype: z
    .union([z.literal(''), categoryKey])
    .optional()
    .transform((v) => v || undefined),
  narrative: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(20_000, { error: 'validation.tooLong' }),
  happenedDay: optionalText(2),
  happenedMonth: optionalText(2),
  happenedYear: optionalText(4),
  happenedUnsure: optionalEnum(['yes']),
  location: z.enum(LOCATIONS, choose),
  reporterRole: z.enum(PERSON_ROLES, choose),
  gender: optionalEnum(GENDERS),
  orgUnit: optionalText(63),
  accusedRole: z.enum(PERSON_ROLES, choose),
  accusedName: optionalText(200),
  accusedUnit: optionalText(200),
  accusedEmail: optionalText(300),
  accusedNumber: optionalText(300),
  accusedSocial: optionalText(300),
  goal: z.enum(REPORTER_GOALS, choose),
  anonymous: z.enum(['yes', 'no'], choose),
  name: optionalText(200),
  contact: optionalText(200),
  channel: optionalEnum(PREFERRED_CHANNELS),
  adviser: optionalText(64),
  urgent: optionalEnum(['yes']), // issue 11: alerts the team's on-call coordinator
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

type Fields = z.infer<typeof IntakeFields>;
type Ctx = z.RefinementCtx;

/** Checks that span fields; each names the field the message belongs to. */
export function refineIntake(v: Partial<Fields>, ctx: Ctx) {
  if (v.anonymous === 'no' && (!v.name || !v.contact)) {
    ctx.addIssue({
      code: 'custom',
      path: [v.name ? 'contact' : 'name'],
      message: 'validation.contactNeeded',
    });
  }
  if (v.anonymous === 'no' && v.contact && !isEmailOrPhone(v.contact)) {
    ctx.addIssue({ code: 'custom', path: ['contact'], message: 'validation.intake.contact' });
  }
  if (
    v.happenedUnsure !== 'yes' &&
    parseHappened(v.happenedDay, v.happenedMonth, v.happenedYear, new Date()) === 'invalid'
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['happenedMonth'],
      message: 'validation.intake.happened',
    });
  }
  if (v.accusedEmail && !normaliseIdentifier({ kind: 'email', value: v.accusedEmail })) {
    ctx.addIssue({ code: 'custom', path: ['accusedEmail'], message: 'validation.email' });
  }
  if (v.accusedSocial && !normaliseIdentifier({ kind: 'social', value: v.accusedSocial })) {
    ctx.addIssue({ code: 'custom', path: ['accusedSocial'], message: 'validation.intake.social' });
  }
  if (v.accusedNumber && !normaliseIdentifier({ kind: 'person_number', value: v.accusedNumber })) {
    ctx.addIssue({ code: 'custom', path: ['accusedNumber'], message: 'validation.intake.number' });
  }
  if (v.anonymous === 'yes' && (v.channel === 'email' || v.channel === 'phone')) {
    ctx.addIssue({
      code: 'custom',
      path: ['channel'],
      message: 'validation.intake.channelAnonymous',
    });
  }
}

export const IntakeInput = IntakeFields.superRefine(refineIntake);
export type IntakeInput = z.infer<typeof IntakeInput>;

/** The identifiers of the accused the reporter gave, for the pattern index (issue 8). */
export function accusedIdentifiers(input: IntakeInput): IdentifierInput[] {
  const out: IdentifierInput[] = [];
  if (input.accusedEmail) out.push({ kind: 'email', value: input.accusedEmail });
  if (input.accusedNumber) out.push({ kind: 'person_number', value: input.accusedNumber });
  if (input.accusedSocial) out.push({ kind: 'social', value: input.accusedSocial });
  if (input.accusedName && input.accusedUnit)
    out.push({ kind: 'name_unit', value: input.accusedName, qualifier: input.accusedUnit });
  return out;
}
