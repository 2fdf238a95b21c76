import { z } from 'zod';
import { RESERVED_KEYS } from '../tenancy/tenancy.js';

const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' });

/** The platform operator's new institution (issue 22). */
export const NewInstitutionInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { error: 'validation.admin.key' })
    // in path mode the key is the first path segment, beside the platform's own (decision 039)
    .refine((k) => !RESERVED_KEYS.has(k), { error: 'platform.key.reserved' }),
  name: text(),
  host: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([a-z0-9.-]+(:[0-9]+)?)?$/, { error: 'platform.host.invalid' })
    .transform((h) => h || null),
  colour: z.string().trim().max(7, { error: 'validation.tooLong' }).optional().default(''),
  teamNameNl: text(),
  teamNameEn: text(),
  adminName: text(),
  adminEmail: z.email({ error: 'validation.email' }).max(254, { error: 'validation.tooLong' }),
  locale: z.enum(['nl', 'en']).default('nl'),
});

/** The intake switch of one institution (decision 025, per institution: 039). */
export const IntakeModeInput = z.object({ mode: z.enum(['open', 'proof_required', 'closed']) });

export const ColourInput = z.object({ colour: z.string().trim().max(7) });
