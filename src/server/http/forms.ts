/** Reading and parsing posted forms: the routes' shared form kit (the fields themselves are in ui/form.tsx). */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './env.js';
import { toFieldErrors } from './validation.js';
import type { FieldErrors } from '../../ui/form.js';

/** A posted form: repeated names (checkboxes) as arrays, files dropped, single values as strings. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Parses with the form's one schema: data, or translated errors per field. */
export function parseForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  values: unknown,
): { data: z.infer<S>; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { data: parsed.data }
    : { errors: toFieldErrors(parsed.error, c.get('t')) };
}

/** Only the string values, to fill a form again after an error. */
export function stringValues(values: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
}
