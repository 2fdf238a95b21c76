import { z } from 'zod';
import {
  CHANNELS,
  FOLLOW_UPS,
  GENDERS,
  LOCATIONS,
  PERSON_ROLES,
  VIAS,
  findCategory,
  isSubtypeOf,
} from '../../domain/taxonomy.js';

/** The case import format of contracts.md, one zod schema per row. */
export const CASE_COLUMNS = {
  required: [
    'received_on',
    'channel',
    'via',
    'reporter_role',
    'reporter_gender',
    'category',
    'accused_role',
  ],
  optional: [
    'reference',
    'org_unit',
    'subtype',
    'location',
    'follow_up',
    'closed_on',
    'anonymous',
    'summary',
  ],
};

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

function required<T extends z.ZodType>(schema: T) {
  return z.preprocess(emptyToUndefined, schema);
}

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(emptyToUndefined, schema.optional());
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? 'is required'
        : `"${String(iss.input)}" is not one of ${values.join(', ')}`,
  });
}

export function isCalendarDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const date = z
  .string({
    error: (iss) => (iss.input === undefined ? 'is required' : 'expected a date YYYY-MM-DD'),
  })
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v), {
    error: (iss) => `"${String(iss.input)}" is not a date YYYY-MM-DD`,
  });

const key = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a key of letters, digits, _ . - (at most 64)');

export const CaseImportRow = z
  .object({
    reference: optional(
      z
        .string()
        .max(64, 'at most 64 characters')
        .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
    ),
    received_on: required(date),
    channel: required(oneOf(CHANNELS)),
    via: required(oneOf(VIAS)),
    reporter_role: required(oneOf(PERSON_ROLES)),
    reporter_gender: required(oneOf(GENDERS)),
    org_unit: optional(key),
    category: required(
      z.string({ error: 'is required' }).refine((k) => !!findCategory(k), {
        error: (iss) => `unknown category "${String(iss.input)}"`,
      }),
    ),
    subtype: optional(z.string()),
    location: optional(oneOf(LOCATIONS)),
    accused_role: required(oneOf(PERSON_ROLES)),
    follow_up: optional(oneOf(FOLLOW_UPS)),
    closed_on: optional(date),
    anonymous: optional(z.enum(['true', 'false'], { error: 'expected true or false' })),
    summary: optional(
      z
        .string()
        .max(100_000, 'at most 100000 characters')
        .regex(/^[^\u0000]*$/, 'must not contain NUL characters'),
    ),
  })
  .superRefine((row, ctx) => {
    if (row.subtype && !isSubtypeOf(row.category, row.subtype)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subtype'],
        message: `"${row.subtype}" is not a subtype of ${row.category}`,
      });
    }
    if (row.closed_on && row.closed_on < row.received_on) {
      ctx.addIssue({
        code: 'custom',
        path: ['closed_on'],
        message: `${row.closed_on} is before received_on ${row.received_on}`,
      });
    }
  });

export type CaseImportRow = z.infer<typeof CaseImportRow>;

/** The first problem of a row, as "column: reason". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const column = issue.path.join('.');
  return column ? `${column}: ${issue.message}` : issue.message;
}
