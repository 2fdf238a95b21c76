import { z } from 'zod';
import { RegistrationInput } from '../cases/registration.schema.js';
import { API_SCOPES } from './api-tokens.service.js';

/** The administrator's form that issues a token: a name and the scopes it gets. */
export const TokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(100, { error: 'validation.tooLong' }),
  scopes: z.array(z.enum(API_SCOPES)).min(1, { error: 'validation.admin.scopes' }),
});

/** A case reference as the API names it in a path (`2025-0001`). */
export const REFERENCE = /^\d{4}-\d{4,9}$/;

/**
 * A report registered by an integration: the staff registration's fields (RegistrationInput,
 * the one definition), with `anonymous` as a boolean; the team is the token's, never the body's,
 * and an integration does not choose an adviser.
 */
export function parseApiRegistration(body: unknown, teamId: string) {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const anonymous = raw.anonymous === true ? 'yes' : raw.anonymous === false ? 'no' : raw.anonymous;
  return RegistrationInput.safeParse({
    ...raw,
    anonymous,
    team: teamId,
    preferredAdviserId: undefined,
  });
}

export const ApiMessageInput = z.object({
  body: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(20_000, { error: 'validation.tooLong' }),
});

export const ApiStatusInput = z.object({
  to: z.string({ error: 'validation.required' }).max(40, { error: 'validation.tooLong' }),
  reason: z.string().max(5_000, { error: 'validation.tooLong' }).optional(),
  followUp: z.string().max(40, { error: 'validation.tooLong' }).optional(),
  closedOn: z.string().max(10, { error: 'validation.date' }).optional(),
  aftercareWeeks: z.number().int().min(1).max(52).optional(),
});

/** Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header): printable, bounded. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
