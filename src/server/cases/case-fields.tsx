import type { Choice } from '../../ui/form.js';

/** A labelled select, with hint and error wired the way ui/form.tsx wires its fields. */
export function SelectField(props: {
  name: string;
  label: string;
  choices: Choice[];
  value?: string;
  error?: string;
  hint?: string;
  blank?: string;
}) {
  const { name, label, choices, value, error, hint, blank } = props;
  const described =
    [hint && `hint-${name}`, error && `error-${name}`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for={`field-${name}`}>{label}</label>
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
      <select
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {choices.map((c) => (
          <option value={c.value} selected={c.value === value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DateField(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
}) {
  const { name, label, value, error, hint } = props;
  const described =
    [hint && `hint-${name}`, error && `error-${name}`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for={`field-${name}`}>{label}</label>
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
      <input
        type="date"
        id={`field-${name}`}
        name={name}
        value={value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
    </div>
  );
}
