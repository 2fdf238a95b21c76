import type { Child } from 'hono/jsx';
import type { Translate } from '../i18n/i18n.js';

/** Field errors by field name, already translated. */
export type FieldErrors = Record<string, string>;

/** A form as last posted: the translated errors per field and the values to fill it with again. */
export interface FormState {
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}

/** GOV.UK pattern: a summary at the top that links to each field in error. */
export function ErrorSummary({ errors, t }: { errors: FieldErrors; t: Translate }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('intake.errorSummary')}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#field-${name}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint && `hint-${name}`, error && `error-${name}`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({ name, hint, error }: Omit<FieldProps, 'label'>) {
  return (
    <>
      {hint && (
        <p class="hint" id={`hint-${name}`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`error-${name}`}>
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(
  props: FieldProps & { value?: string; type?: string; autocomplete?: string; required?: boolean },
) {
  const { name, label, hint, error, value, type = 'text', autocomplete, required } = props;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for={`field-${name}`}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} />
      <input
        id={`field-${name}`}
        name={name}
        type={type}
        value={value ?? ''}
        autocomplete={autocomplete ?? 'off'}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

export function TextArea(
  props: FieldProps & { value?: string; required?: boolean; heading?: boolean },
) {
  const { name, label, hint, error, value, required, heading } = props;
  const labelElement = <label for={`field-${name}`}>{label}</label>;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      {heading ? <h1 class="utrecht-heading-1 question-heading">{labelElement}</h1> : labelElement}
      <HintAndError name={name} hint={hint} error={error} />
      <textarea
        id={`field-${name}`}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  description?: string;
}

/** Radio buttons in a fieldset; the first radio carries the id the error summary links to. */
export function RadioGroup(
  props: FieldProps & { choices: Choice[]; value?: string; heading?: boolean },
) {
  const { name, label, hint, error, choices, value, heading } = props;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <fieldset aria-describedby={describedBy(name, hint, error)}>
        <legend>
          {heading ? <h1 class="utrecht-heading-1 question-heading">{label}</h1> : label}
        </legend>
        <HintAndError name={name} hint={hint} error={error} />
        {choices.map((choice, i) => {
          const id = i === 0 ? `field-${name}` : `field-${name}-${choice.value}`;
          return (
            <div class="choice">
              <input
                type="radio"
                id={id}
                name={name}
                value={choice.value}
                checked={value === choice.value}
              />
              <label for={id}>
                {choice.label}
                {choice.description && <small>{choice.description}</small>}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function SubmitButton({ children }: { children: Child }) {
  return (
    <button type="submit" class="utrecht-button utrecht-button--primary-action">
      {children}
    </button>
  );
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

/**
 * The year of a figures page (the annual report, statistics, partner counts, the ombudsperson's
 * aggregates, the national overview): one GET field, with its error when the year was refused.
 */
export function YearField({
  t,
  year,
  error,
}: {
  t: Translate;
  year: number | string;
  error?: string;
}) {
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for="field-year">{t('reports.year')}</label>
      {error && (
        <p class="error-message" id="error-year">
          {error}
        </p>
      )}
      <input
        id="field-year"
        name="year"
        type="text"
        inputmode="numeric"
        size={4}
        value={String(year)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'error-year' : undefined}
      />
    </div>
  );
}
