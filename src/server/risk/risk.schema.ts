import { z } from 'zod';
import {
  ACUTE_INDICATORS,
  ALL_INDICATORS,
  CONCERN_RATINGS,
  RISK_LEVELS,
} from '../../domain/risk.js';

const choose = { error: 'validation.choose' } as const;
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

/** The risk-assessment form. */
export const RiskInput = z.object({
  person: z.enum(CONCERN_RATINGS, choose),
  others: z.enum(CONCERN_RATINGS, choose),
  environment: z.enum(CONCERN_RATINGS, choose),
  acute: list.pipe(z.array(z.enum(ACUTE_INDICATORS, choose))),
  indicators: list.pipe(z.array(z.string().refine((x) => ALL_INDICATORS.includes(x), choose))),
  level: z.enum(RISK_LEVELS, choose),
  reasoning: text(4000),
  reassessOn: optionalDate,
});
export type RiskInput = z.infer<typeof RiskInput>;
