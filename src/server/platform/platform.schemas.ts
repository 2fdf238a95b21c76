import { z } from 'zod';

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
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { error: 'validation.admin.key' }),
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

export const ColourInput = z.object({ colour: z.string().trim().max(7) });
