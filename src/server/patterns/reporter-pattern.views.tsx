import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { IdentifierEntry } from './identifiers.service.js';
import { IdentifierForm, IdentifierList } from './identifier-form.js';

export interface ReporterPatternProps {
  ctx: ViewContext;
  escrowState: string | undefined;
  identifiers: IdentifierEntry[];
  errors: { identifier?: FieldErrors; escrow?: FieldErrors };
  values: Record<string, string>;
  notice?: string;
}

/** The reporter's side, in the mailbox: who the report is about, and the escrow choice. */
export function ReporterPatternPage({
  ctx,
  escrowState,
  identifiers,
  errors,
  values,
  notice,
}: ReporterPatternProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('patterns.reporter.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('patterns.reporter.title')}</h1>
      <p>
        <a href="/postbus/inbox">{t('patterns.reporter.back')}</a>
      </p>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="escrow-heading">
        <h2 id="escrow-heading">{t('patterns.escrow.heading')}</h2>
        <p data-testid="escrow-state">
          {t(`patterns.escrow.state.${escrowState ?? 'none'}` as 'patterns.escrow.state.none')}
        </p>
        {escrowState === undefined && (
          <form method="post" action="/postbus/patroon/wachten" novalidate>
            <CsrfField ctx={ctx} />
            <ErrorSummary errors={errors.escrow ?? {}} t={t} />
            <p>{t('patterns.escrow.explain')}</p>
            <div class="form-field">
              <input type="checkbox" id="field-confirm" name="confirm" value="yes" />
              <label for="field-confirm">{t('patterns.escrow.confirm')}</label>
            </div>
            <SubmitButton>{t('patterns.escrow.submit')}</SubmitButton>
          </form>
        )}
        {(escrowState === 'matched' || escrowState === 'dormant') && (
          <form method="post" action="/postbus/patroon/besluit" novalidate>
            <CsrfField ctx={ctx} />
            <ErrorSummary errors={errors.escrow ?? {}} t={t} />
            <RadioGroup
              name="decision"
              label={t('patterns.decision.label')}
              error={errors.escrow?.decision}
              choices={[
                { value: 'release', label: t('patterns.decision.release') },
                ...(escrowState === 'matched'
                  ? [{ value: 'decline', label: t('patterns.decision.decline') }]
                  : []),
              ]}
            />
            <SubmitButton>{t('patterns.decision.submit')}</SubmitButton>
          </form>
        )}
      </section>
      <section aria-labelledby="identifiers-heading">
        <h2 id="identifiers-heading">{t('patterns.reporter.identifiersHeading')}</h2>
        <p>{t('patterns.reporter.identifiersIntro')}</p>
        <IdentifierList ctx={ctx} identifiers={identifiers} />
        <h3>{t('patterns.identifiers.addHeading')}</h3>
        <IdentifierForm
          ctx={ctx}
          action="/postbus/patroon"
          errors={errors.identifier ?? {}}
          values={values}
        />
      </section>
    </Layout>
  );
}
