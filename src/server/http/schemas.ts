import { z } from 'zod';

/**
 * The zod building blocks the feature schemas share. Errors are message keys (`validation.*`),
 * translated per field by toFieldErrors (validation.ts).
 */
export const list = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
  .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'validation.date' });
export const optionalDate = z.union([z.literal('').transform(() => undefined), isoDate]).optional();
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' });
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => v || undefined);
