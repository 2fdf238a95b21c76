import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * What a new password must be (decision 024): 12 to 1024 characters, and not one of the
 * commonly breached passwords — the ~49,000 of zxcvbn-ts's common list, bundled with the
 * package, so the check is offline and nothing about the password leaves the server.
 */
let common: Set<string> | undefined;

/** Pure: whether the password (case-insensitive, surrounding spaces ignored) is on the common list. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.trim().toLowerCase());
}

/** The one schema for a new password: setup, invitation, reset, and the CLI. */
export const NewPassword = z
  .string()
  .min(12, { error: 'validation.tooShort' })
  .max(1024, { error: 'validation.tooLong' })
  .refine((p) => !isCommonPassword(p), { error: 'validation.commonPassword' });
