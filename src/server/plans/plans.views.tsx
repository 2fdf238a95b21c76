import { Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  CsrfField,
} from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import { DateField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { FormState } from '../../ui/form.js';
import { AGREEMENT_VIA } from './plans.schema.js';
import type { PlanView } from './plans.service.js';

export function PlanPage({
  ctx,
  caseId,
  reference,
  plan,
  canHandle,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  plan: PlanView;
  canHandle: boolean;
  form: FormState;
}) {
  const { t } = ctx;
  const title = t('plan.title', { reference });
  const v = form.values as Record<string, string>;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <section aria-labelledby="plan-steps">
        <h2 id="plan-steps">{t('plan.steps')}</h2>
        {plan.steps.length === 0 ? (
          <p>{t('plan.none')}</p>
        ) : (
          <ul data-testid="plan-steps">
            {plan.steps.map((s) => (
              <li>
                {formatLongDate(s.dueOn, ctx.lang)}: {s.action} — {s.owner} —{' '}
                {s.isDone ? t('plan.done') : t('plan.open')}
                {!s.isDone && canHandle && (
                  <form
                    method="post"
                    action={`/cases/${caseId}/plan/steps/${s.id}/done`}
                    class="inline-form"
                  >
                    <CsrfField token={ctx.csrfToken} />{' '}
                    <button type="submit" class="link-button">
                      {t('plan.markDone')}
                      <span class="visually-hidden">: {s.action}</span>
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="plan-agreement">
        <h2 id="plan-agreement">{t('plan.agreement')}</h2>
        {plan.agreements.length === 0 ? (
          <p>{t('plan.notAgreed')}</p>
        ) : (
          <ul data-testid="plan-agreements">
            {plan.agreements.map((a) => (
              <li>
                {t('plan.agreedOn', { date: formatLongDate(a.agreedOn, ctx.lang) })} (
                {t(`plan.via.${a.via}` as MessageKey)}){a.note && ` — ${a.note}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canHandle && (
        <>
          <section aria-labelledby="plan-add">
            <h2 id="plan-add">{t('plan.add')}</h2>
            <form method="post" action={`/cases/${caseId}/plan/steps`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextArea
                name="action"
                label={t('plan.action')}
                value={v.action}
                error={form.errors.action}
              />
              <TextField
                name="owner"
                label={t('plan.owner')}
                value={v.owner}
                error={form.errors.owner}
              />
              <DateField
                name="dueOn"
                label={t('plan.dueOn')}
                value={v.dueOn}
                error={form.errors.dueOn}
              />
              <SubmitButton>{t('plan.addSubmit')}</SubmitButton>
            </form>
          </section>
          <section aria-labelledby="plan-agree">
            <h2 id="plan-agree">{t('plan.recordAgreement')}</h2>
            <form method="post" action={`/cases/${caseId}/plan/agreement`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <DateField
                name="agreedOn"
                label={t('plan.agreedOnLabel')}
                value={v.agreedOn}
                error={form.errors.agreedOn}
              />
              <RadioGroup
                name="via"
                label={t('plan.viaLabel')}
                value={v.via}
                error={form.errors.via}
                choices={AGREEMENT_VIA.map((x) => ({
                  value: x,
                  label: t(`plan.via.${x}` as MessageKey),
                }))}
              />
              <TextArea
                name="note"
                label={t('plan.note')}
                value={v.note}
                error={form.errors.note}
              />
              <SubmitButton>{t('plan.agreeSubmit')}</SubmitButton>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
