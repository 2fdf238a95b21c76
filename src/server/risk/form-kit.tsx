import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { toFieldErrors } from '../http/validation.js';
import type { Choice, FieldErrors } from '../../ui/form.js';

/** One definition each, in http/; re-exported for the routes that import them from here. */
export { UUID, idParam } from '../http/params.js';

/** One definition, in http/env.ts; re-exported for the routes that import it from here. */
export { signedInUser } from '../http/env.js';

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

/** Checkboxes in a fieldset; the first box carries the id the error summary links to. */
export function CheckboxGroup(props: {
  name: string;
  id?: string;
  legend: string;
  choices: Choice[];
  checked?: readonly string[];
  error?: string;
  hint?: string;
}) {
  const { name, legend, choices, checked = [], error, hint } = props;
  const base = props.id ?? name;
  const described =
    [hint && `hint-${base}`, error && `error-${base}`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <fieldset aria-describedby={described}>
        <legend>{legend}</legend>
        {hint && (
          <p class="hint" id={`hint-${base}`}>
            {hint}
          </p>
        )}
        {error && (
          <p class="error-message" id={`error-${base}`}>
            {error}
          </p>
        )}
        {choices.map((ch, i) => {
          const id = i === 0 ? `field-${base}` : `field-${base}-${ch.value}`;
          return (
            <div class="choice">
              <input
                type="checkbox"
                id={id}
                name={name}
                value={ch.value}
                checked={checked.includes(ch.value)}
              />
              <label for={id}>{ch.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
