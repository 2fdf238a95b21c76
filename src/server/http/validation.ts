import type { z } from 'zod';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import type { FieldErrors } from '../../ui/form.js';

/**
 * Schemas name their errors with message keys (`{ error: 'validation.required' }`), so a
 * failed parse becomes one translated message per field, in the user's language.
 */
export function toFieldErrors(error: z.ZodError, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    const key = (
      issue.message.startsWith('validation.') ? issue.message : 'validation.required'
    ) as MessageKey;
    const limits = issue as { minimum?: unknown; maximum?: unknown };
    errors[field] = t(key, {
      min: String(limits.minimum ?? ''),
      max: String(limits.maximum ?? ''),
    });
  }
  return errors;
}

/** Form bodies as plain strings; files are handled by the routes that accept them. */
export function formStrings(
  body: Record<string, string | File | (string | File)[]>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // NUL cannot be stored in a PostgreSQL text value and is never meaningful in a form.
  for (const [k, v] of Object.entries(body))
    if (typeof v === 'string') out[k] = v.replace(/\u0000/g, '');
  return out;
}
