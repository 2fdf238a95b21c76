import type { Translate } from '../../i18n/i18n.js';

/** A file input for evidence: images and PDF, several at once, usable without JavaScript. */
export function UploadField({
  t,
  name = 'files',
  error,
  label,
}: {
  t: Translate;
  name?: string;
  error?: string;
  label?: string;
}) {
  const hint = `hint-${name}`;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for={`field-${name}`}>{label ?? t('upload.label')}</label>
      <p class="hint" id={hint}>
        {t('upload.hint')}
      </p>
      {error && (
        <p class="error-message" id={`error-${name}`}>
          {error}
        </p>
      )}
      <input
        id={`field-${name}`}
        name={name}
        type="file"
        multiple
        accept="image/jpeg,image/png,application/pdf"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${hint} error-${name}` : hint}
      />
    </div>
  );
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} kB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
