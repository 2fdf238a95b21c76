import type { Translate, MessageKey } from '../../i18n/i18n.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { RecipientChoices } from './recipients.service.js';

interface RecipientSelectProps {
  t: Translate;
  lang: Lang;
  id: string;
  name: string;
  label: string;
  choices: RecipientChoices;
  /** Which groups to offer (a case-file handover goes to a role or a partner, not a person). */
  kinds?: readonly ('partner' | 'role' | 'person')[];
  value?: string;
  error?: string;
  blank?: string;
}

/** One select of recipients, grouped: the referral directory, roles, people by name (issue 19). */
export function RecipientSelect({
  t,
  lang,
  id,
  name,
  label,
  choices,
  kinds = ['partner', 'role', 'person'],
  value,
  error,
  blank,
}: RecipientSelectProps) {
  const option = (v: string, text: string) => (
    <option value={v} selected={v === value}>
      {text}
    </option>
  );
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {error && (
        <p class="error-message" id={`error-${name}`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `error-${name}` : undefined}
      >
        <option value="">{blank ?? t('workspace.recipient.choose')}</option>
        {kinds.includes('partner') && (
          <optgroup label={t('workspace.recipient.partners')}>
            {choices.partners.map((p) => option(`partner:${p.key}`, p.name[lang]))}
          </optgroup>
        )}
        {kinds.includes('role') && (
          <optgroup label={t('workspace.recipient.roles')}>
            {choices.roles.map((r) => option(`role:${r}`, t(`admin.role.${r}` as MessageKey)))}
          </optgroup>
        )}
        {kinds.includes('person') && (
          <optgroup label={t('workspace.recipient.people')}>
            {choices.people.map((p) => option(`person:${p.id}`, p.name))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
