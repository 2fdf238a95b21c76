import { z } from 'zod';
import {
  GRANT_REASONS,
  REFUSAL_REASONS,
  RIGHTS_KINDS,
  RIGHTS_SUBJECTS,
} from '../../domain/rights.js';

const required = { error: 'validation.required' } as const;
const tooLong = { error: 'validation.tooLong' } as const;
const choose = { error: 'validation.choose' } as const;
const text = (max: number) => z.string().trim().max(max, tooLong);
const blankToUndefined = (v: string | undefined) => (v ? v : undefined);
/** A real calendar day (no 31 February) in a sensible range, as YYYY-MM-DD. */
const isRealDay = (v: string) => {
  const ms = Date.parse(`${v}T00:00:00Z`);
  return (
    !Number.isNaN(ms) &&
    new Date(ms).toISOString().slice(0, 10) === v &&
    v >= '1900-01-01' &&
    v <= '2199-12-31'
  );
};
const isoDate = (error: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error })
    .refine(isRealDay, { error });

/** The reporter, from the mailbox: what should be corrected. */
export const CorrectionRequestInput = z.object({ rightsCorrection: text(5_000).min(1, required) });

/** The reporter, from the mailbox: erase my report (confirmed), with an optional why. */
export const ErasureRequestInput = z.object({
  erasureConfirm: z.literal('yes', { error: 'validation.rightsConfirmErasure' }),
  erasureWhy: text(2_000).optional().transform(blankToUndefined),
});

/** Staff record a request on someone's behalf: a named reporter, or the accused. */
export const StaffRequestInput = z.object({
  subject: z.enum(RIGHTS_SUBJECTS, choose),
  kind: z.enum(RIGHTS_KINDS, choose),
  details: text(5_000).optional().transform(blankToUndefined),
});

/**
 * A decision: one reason code, which says whether the request is granted (art. 17(1) grounds) or
 * refused (art. 17(3), art. 23 grounds); a granted correction says what happens to the original.
 */
export const DecisionInput = z
  .object({
    reason: z.enum([...GRANT_REASONS, ...REFUSAL_REASONS], choose),
    note: text(5_000).optional().transform(blankToUndefined),
    outcome: z.enum(['kept', 'replaced']).optional(),
    newText: text(20_000).optional().transform(blankToUndefined),
    disclosed: text(5_000).optional().transform(blankToUndefined),
    withheld: text(5_000).optional().transform(blankToUndefined),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'replaced' && !v.newText)
      ctx.addIssue({ code: 'custom', path: ['newText'], message: 'validation.required' });
  })
  .transform((v) => ({
    ...v,
    decision: (GRANT_REASONS as readonly string[]).includes(v.reason)
      ? ('granted' as const)
      : ('refused' as const),
  }));
export type DecisionForm = z.infer<typeof DecisionInput>;

/**
 * Art. 14: informed on a date (not in the future), or deferred — and then both a reason and a
 * review date (after today) are required.
 */
export function accusedInformationInput(today: string) {
  return z.discriminatedUnion(
    'state',
    [
      z.object({
        state: z.literal('informed'),
        informedOn: isoDate('validation.date').refine((v) => v <= today, {
          error: 'validation.date',
        }),
      }),
      z.object({
        state: z.literal('deferred'),
        reason: text(5_000).min(1, { error: 'validation.rightsDeferReason' }),
        reviewOn: isoDate('validation.rightsReviewOn').refine((v) => v > today, {
          error: 'validation.rightsReviewOn',
        }),
      }),
    ],
    choose,
  );
}
