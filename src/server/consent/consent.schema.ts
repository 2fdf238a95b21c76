import { z } from 'zod';
import {
  CONSENT_INFO,
  CONSENT_PURPOSES,
  OBTAINED_VIA,
  RECIPIENT_KINDS,
} from '../../domain/consent.js';

const choose = { error: 'validation.choose' } as const;
const recipientValue = z
  .string({ error: 'validation.choose' })
  .trim()
  .min(1, { error: 'validation.choose' })
  .max(100, { error: 'validation.tooLong' })
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: 'validation.required' });

/** One share: what, to whom, for what. Used by the consent form and the override form. */
const Share = {
  info: z.enum(CONSENT_INFO, choose),
  recipientKind: z.enum(RECIPIENT_KINDS, choose),
  recipient: recipientValue,
  purpose: z.enum(CONSENT_PURPOSES, choose),
};

/**
 * The forms send one chosen recipient, `kind:key` (consent/recipient-select.tsx, issue 19); it is
 * split here into the ledger's kind and value. A form that sends both fields passes unchanged.
 */
function chosenRecipient(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const v = input as Record<string, unknown>;
  if (v.recipientKind !== undefined || typeof v.recipient !== 'string') return input;
  const m = /^(role|person|partner):(.+)$/.exec(v.recipient);
  return m
    ? { ...v, recipientKind: m[1], recipient: m[2] }
    : { ...v, recipientKind: 'partner', recipient: '' };
}

export const GrantInput = z.preprocess(
  chosenRecipient,
  z.object({
    ...Share,
    obtainedVia: z.enum(OBTAINED_VIA, choose),
    note: z
      .string()
      .trim()
      .max(2000, { error: 'validation.tooLong' })
      .optional()
      .transform((v) => v || undefined),
  }),
);

export const OverrideInput = z.preprocess(
  chosenRecipient,
  z.object({
    ...Share,
    reason: z
      .string()
      .trim()
      .min(1, { error: 'validation.required' })
      .max(2000, { error: 'validation.tooLong' }),
  }),
);

export const WithdrawInput = z.object({ withdrawVia: z.enum(OBTAINED_VIA, choose) });

export function toShare(v: {
  info: (typeof CONSENT_INFO)[number];
  recipientKind: (typeof RECIPIENT_KINDS)[number];
  recipient: string;
  purpose: (typeof CONSENT_PURPOSES)[number];
}) {
  return {
    info: v.info,
    recipient: { kind: v.recipientKind, value: v.recipient },
    purpose: v.purpose,
  };
}
