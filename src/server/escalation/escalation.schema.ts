import { z } from 'zod';
import { CONSENT_INFO } from '../../domain/consent.js';
import { RECORDABLE_STEPS, SKIPPABLE_RUNGS } from '../../domain/external-sharing.js';
import { isoDate, optionalText, text } from '../http/schemas.js';

const choose = { error: 'validation.choose' } as const;
const yes = z
  .enum(['yes', ''])
  .optional()
  .transform((v) => v === 'yes');
const partnerKey = z.string().regex(/^[a-z0-9_-]{1,63}$/, choose);

export const StepInput = z.object({
  step: z.enum(RECORDABLE_STEPS, choose),
  occurredOn: isoDate,
  who: text(500),
  why: text(2000),
});
export const OutcomeInput = z.object({ outcome: text(2000) });
/** Skipping a rung: only with a reason. */
export const SkipInput = z.object({ rung: z.enum(SKIPPABLE_RUNGS, choose), reason: text(2000) });
/** Afwegingskader 2: three yes/no questions and an explanation. */
export const Framework2Input = z.object({
  allOptionsUsed: yes,
  consentEffortsMade: yes,
  necessaryForRisk: yes,
  explanation: text(2000),
});
/** The request to the board: what, why (anonymised), the proposed share. */
export const RequestInput = z.object({
  requestWhat: text(2000),
  requestWhy: text(2000),
  proposedPartner: partnerKey,
  proposedInfo: z.enum(CONSENT_INFO, choose),
});
export type RequestInput = z.infer<typeof RequestInput>;
export const DecisionInput = z.object({
  decision: z.enum(['approved', 'declined'], choose),
  reason: text(2000),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

/** Sharing outside: after the board approved this share, or an acute-risk override with its reason. */
export const ExternalShareInput = z.object({
  partner: partnerKey,
  info: z.enum(CONSENT_INFO, choose),
  acuteReason: optionalText(2000),
  sharedOn: isoDate,
  note: optionalText(2000),
});
export type ExternalShareInput = z.infer<typeof ExternalShareInput>;
