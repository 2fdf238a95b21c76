import { z } from 'zod';
import {
  ACUTE_INDICATORS,
  ALL_INDICATORS,
  CONCERN_RATINGS,
  RISK_LEVELS,
} from '../../domain/risk.js';
import { list, optionalDate, text } from '../http/schemas.js';

const choose = { error: 'validation.choose' } as const;

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
