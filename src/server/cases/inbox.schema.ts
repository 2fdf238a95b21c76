import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/case-status.js';

const blank = z.literal('').transform(() => undefined);

/** The inbox's query string; anything unknown is ignored rather than refused. */
export const InboxQuery = z.object({
  view: z.enum(['all', 'unassigned', 'mine']).catch('all'),
  deadline: z.enum(['due', 'overdue']).optional().catch(undefined),
  status: z.enum(CASE_STATUSES).optional().or(blank).catch(undefined),
  category: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional()
    .or(blank)
    .catch(undefined), // a key of the team's categories
  adviser: z.uuid().optional().or(blank).catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().or(blank).catch(undefined),
  q: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined),
  after: z
    .string()
    .regex(/^[01]_\d{4}-\d{2}-\d{2}_[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
});
export type InboxQuery = z.infer<typeof InboxQuery>;
