import { Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  SubmitButton,
  TextArea,
  type FieldErrors,
  CsrfField,
} from '../../ui/form.js';
import { formatDate } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { SafetyPlanView } from './safety-plan.service.js';

const FIELDS = ['keepReady', 'whomToCall', 'safeMoments', 'otherAgreements'] as const;

export function SafetyPlanPage(props: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  saved: SafetyPlanView;
  canHandle: boolean;
  errors: FieldErrors;
  values?: Record<string, string>;
}) {
  const { ctx, caseId, reference, saved, canHandle, errors } = props;
  const { t } = ctx;
  const title = t('safetyPlan.title', { reference });
  const values: Record<string, string | undefined> = props.values ?? { ...saved?.plan };
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t('safetyPlan.intro')}</p>
      <p class="hint">{t('safetyPlan.noMail')}</p>
      {saved && (
        <p data-testid="safety-plan-saved">
          {t('safetyPlan.savedBy', {
            name: saved.updatedBy ?? '—',
            date: formatDate(saved.updatedAt, ctx.lang),
          })}{' '}
          <a href={`/cases/${caseId}/safety-plan/print`}>{t('safetyPlan.printLink')}</a>
        </p>
      )}
      {canHandle ? (
        <form method="post" action={`/cases/${caseId}/safety-plan`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          {FIELDS.map((f) => (
            <TextArea
              name={f}
              label={t(`safetyPlan.field.${f}`)}
              hint={t(`safetyPlan.hint.${f}`)}
              value={values[f]}
              error={errors[f]}
            />
          ))}
          <SubmitButton>{t('safetyPlan.save')}</SubmitButton>
        </form>
      ) : (
        saved && <PlanList ctx={ctx} plan={saved.plan} />
      )}
    </Layout>
  );
}

function PlanList({ ctx, plan }: { ctx: ViewContext; plan: NonNullable<SafetyPlanView>['plan'] }) {
  const { t } = ctx;
  return (
    <dl class="details">
      {FIELDS.filter((f) => plan[f]).map((f) => (
        <>
          <dt>{t(`safetyPlan.field.${f}`)}</dt>
          <dd class="narrative">{plan[f]}</dd>
        </>
      ))}
    </dl>
  );
}

/** The printable plan for the reporter: the site's header, navigation and footer are left off in print. */
export function SafetyPlanPrintPage({
  ctx,
  saved,
}: {
  ctx: ViewContext;
  caseId: string;
  saved: NonNullable<SafetyPlanView>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('safetyPlan.printTitle')}>
      <article class="printable" data-testid="safety-plan-print">
        <h1 class="utrecht-heading-1">{t('safetyPlan.printTitle')}</h1>
        <p class="no-print hint">{t('safetyPlan.printHint')}</p>
        <PlanList ctx={ctx} plan={saved.plan} />
        <h2>{t('safetyPlan.emergencyHeading')}</h2>
        <ul>
          <li>{t('safetyPlan.emergency112')}</li>
          <li>{t('safetyPlan.emergencyVeiligThuis')}</li>
          <li>{t('safetyPlan.emergency113')}</li>
        </ul>
      </article>
    </Layout>
  );
}
