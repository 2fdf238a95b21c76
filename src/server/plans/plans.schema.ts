import { z } from 'zod';
import { isoDate, optionalText, text } from '../http/schemas.js';

export const AGREEMENT_VIA = ['conversation', 'mailbox', 'email', 'phone', 'in_writing'] as const;

export const PlanStepInput = z.object({ action: text(1000), owner: text(200), dueOn: isoDate });
export const PlanAgreementInput = z.object({
  agreedOn: isoDate,
  via: z.enum(AGREEMENT_VIA, { error: 'validation.choose' }),
  note: optionalText(2000),
});
