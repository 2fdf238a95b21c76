import { z } from 'zod';
import { CONSENT_INFO } from '../../domain/consent.js';
import { ESCALATION_STEPS } from '../../domain/external-sharing.js';
import { isoDate, optionalDate, optionalText, text } from '../risk/risk.schema.js';

const choose = { error: 'validation.choose' } as const;
const yes = z.enum(['yes', '']).optional().transform((v) => v === 'yes');

export const StepInput = z.object({ step: z.enum(ESCALATION_STEPS, choose), occurredOn: isoDate, who: text(500), why: text(2000) });
export const OutcomeInput = z.object({ outcome: text(2000) });

/** Sharing outside: weighing framework 2 (three yes/no), the board's consent, or an acute-risk reason. */
export const ExternalShareInput = z.object({
  partner: z.string().regex(/^[a-z0-9_-]{1,63}$/, choose),
  info: z.enum(CONSENT_INFO, choose),
  allOptionsUsed: yes,
  consentEffortsMade: yes,
  necessaryForRisk: yes,
  boardConsentOn: optionalDate,
  acuteReason: optionalText(2000),
  sharedOn: isoDate,
  note: optionalText(2000),
});
export type ExternalShareInput = z.infer<typeof ExternalShareInput>;
