import { z } from 'zod';

export const MinutesInput = z.object({
  conversationOn: z.iso.date({ error: 'validation.date' }),
  minutes: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(50_000, { error: 'validation.tooLong' }),
});
