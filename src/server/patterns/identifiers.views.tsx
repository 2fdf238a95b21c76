import { Layout } from '../../ui/layout.js';
import type { FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { IdentifierEntry } from './identifiers.service.js';
import { IdentifierForm, IdentifierList } from './identifier-form.js';

export interface IdentifiersPageProps {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  identifiers: IdentifierEntry[];
  canAdd: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  notice?: string;
}

/** The adviser's page of identifiers of the accused for one case. Shows nothing of other cases. */
export function IdentifiersPage({
  ctx,
  caseId,
  reference,
  identifiers,
  canAdd,
  errors,
  values,
  notice,
}: IdentifiersPageProps) {
  const { t } = ctx;
  const title = t('patterns.identifiers.title', { reference });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <p>
        <a href={`/cases/${caseId}`}>{t('patterns.identifiers.back', { reference })}</a>
      </p>
      <p>{t('patterns.identifiers.intro')}</p>
      <h2>{t('patterns.identifiers.listHeading')}</h2>
      <IdentifierList ctx={ctx} identifiers={identifiers} />
      {canAdd && (
        <>
          <h2>{t('patterns.identifiers.addHeading')}</h2>
          <IdentifierForm
            ctx={ctx}
            action={`/cases/${caseId}/identifiers`}
            errors={errors}
            values={values}
          />
        </>
      )}
    </Layout>
  );
}
