import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../ui/form.js';
import { CsrfField } from '../../ui/layout.js';
import { IDENTIFIER_KINDS } from '../../domain/identifier-normalise.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ViewContext } from '../http/env.js';
import type { IdentifierEntry } from './identifiers.service.js';

export const kindLabel = (kind: string): MessageKey => `patterns.kind.${kind}` as MessageKey;

/** The identifiers of the accused in one case, decrypted for someone who may open the case. */
export function IdentifierList({
  ctx,
  identifiers,
}: {
  ctx: ViewContext;
  identifiers: IdentifierEntry[];
}) {
  const { t } = ctx;
  if (identifiers.length === 0) return <p>{t('patterns.identifiers.none')}</p>;
  return (
    <ul data-testid="identifiers">
      {identifiers.map((i) => (
        <li>
          {t(kindLabel(i.kind))}: {i.value}
          {i.qualifier && ` (${i.qualifier})`}
        </li>
      ))}
    </ul>
  );
}

/** One identifier per submission: kind, value, and the unit or platform that qualifies it. */
export function IdentifierForm({
  ctx,
  action,
  errors,
  values,
}: {
  ctx: ViewContext;
  action: string;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <form method="post" action={action} novalidate>
      <CsrfField ctx={ctx} />
      <ErrorSummary errors={errors} t={t} />
      <RadioGroup
        name="kind"
        label={t('patterns.form.kind')}
        error={errors.kind}
        value={values.kind}
        choices={IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))}
      />
      <TextField
        name="value"
        label={t('patterns.form.value')}
        hint={t('patterns.form.valueHint')}
        error={errors.value}
        value={values.value}
      />
      <TextField
        name="qualifier"
        label={t('patterns.form.qualifier')}
        hint={t('patterns.form.qualifierHint')}
        error={errors.qualifier}
        value={values.qualifier}
      />
      <SubmitButton>{t('patterns.form.submit')}</SubmitButton>
    </form>
  );
}
