import { z } from 'zod';
import { optionalText, text } from '../http/schemas.js';

export const OBJECTIVE_KINDS = ['objective', 'recommendation'] as const;
export const OBJECTIVE_STATUSES = ['open', 'done', 'partly', 'carried_over'] as const;
const choose = { error: 'validation.choose' } as const;

export const ObjectiveInput = z.object({
  year: z
    .string()
    .regex(/^20\d{2}$/, { error: 'validation.objectives.year' })
    .transform(Number),
  kind: z.enum(OBJECTIVE_KINDS, choose),
  title: text(500),
  notes: optionalText(4000),
});
export type ObjectiveInput = z.infer<typeof ObjectiveInput>;

export const ObjectiveStatusInput = z.object({
  status: z.enum(OBJECTIVE_STATUSES, choose),
  notes: optionalText(4000),
});
export type ObjectiveStatusInput = z.infer<typeof ObjectiveStatusInput>;
