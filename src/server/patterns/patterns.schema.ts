import { z } from 'zod';
import { IDENTIFIER_KINDS, normaliseIdentifier } from '../../domain/identifier-normalise.js';

const required = { error: 'validation.required' } as const;
const tooLong = { error: 'validation.tooLong' } as const;

/** One identifier of the accused, as the adviser's and the reporter's forms submit it. */
export const IdentifierFormInput = z
  .object({
    kind: z.enum(IDENTIFIER_KINDS, { error: 'validation.choose' }),
    value: z.string().trim().min(1, required).max(300, tooLong),
    qualifier: z.string().trim().max(200, tooLong).optional(),
  })
  .refine((v) => normaliseIdentifier(v) !== undefined, {
    path: ['value'],
    error: 'patterns.validation.identifier',
  });
export type IdentifierFormInput = z.infer<typeof IdentifierFormInput>;

export const EscrowDecisionInput = z.object({
  decision: z.enum(['release', 'decline'], { error: 'validation.choose' }),
});

export const EscrowInput = z.object({ confirm: z.literal('yes', { error: 'validation.choose' }) });
