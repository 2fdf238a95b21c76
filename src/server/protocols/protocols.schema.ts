import { z } from 'zod';
import { DEFAULT_CATEGORIES } from '../../domain/taxonomy.js';
import { list, text } from '../http/schemas.js';

const categoryKeys = DEFAULT_CATEGORIES.map((c) => c.key);
/** One step per line; empty lines are left out. */
const lines = z.string().transform((s) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean),
);

/** A protocol version as the team edits it: titles, the kinds of case it belongs to, the steps in both languages. */
export const ProtocolVersionInput = z
  .object({
    titleNl: text(200),
    titleEn: text(200),
    categories: list.pipe(
      z.array(z.string().refine((c) => categoryKeys.includes(c), { error: 'validation.choose' })),
    ),
    stepsNl: lines.pipe(
      z
        .array(z.string().max(300, { error: 'validation.tooLong' }))
        .min(1, { error: 'validation.required' })
        .max(40, { error: 'validation.tooLong' }),
    ),
    stepsEn: lines.pipe(
      z
        .array(z.string().max(300, { error: 'validation.tooLong' }))
        .min(1, { error: 'validation.required' })
        .max(40, { error: 'validation.tooLong' }),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.stepsNl.length !== v.stepsEn.length)
      ctx.addIssue({
        code: 'custom',
        path: ['stepsEn'],
        message: 'validation.protocols.stepCount',
      });
  });
export type ProtocolVersionInput = z.infer<typeof ProtocolVersionInput>;

export const AttachInput = z.object({
  protocolId: z.uuid({ error: 'validation.choose' }),
  via: z.enum(['category', 'choice'], { error: 'validation.choose' }),
});
