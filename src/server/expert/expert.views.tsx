import { Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextArea, CheckboxGroup, CsrfField } from '../../ui/form.js';
import { DateText, formatLongDate } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { EXPERT_DISCIPLINES } from '../../domain/expert-disciplines.js';
import type { FormState } from '../../ui/form.js';
import type { CaseConsultationView } from './consultation.service.js';
import type { ExpertConsultationView } from './expert-team.service.js';

function AdviceList({
  ctx,
  advice,
}: {
  ctx: ViewContext;
  advice: { author: string; at: Date; text: string }[];
}) {
  return advice.length === 0 ? (
    <p>{ctx.t('expert.noAdvice')}</p>
  ) : (
    <ul data-testid="advice">
      {advice.map((a) => (
        <li>
          <DateText value={a.at} lang={ctx.lang} /> — {a.author}:{' '}
          <span class="narrative">{a.text}</span>
        </li>
      ))}
    </ul>
  );
}

export function CaseConsultationsPage({
  ctx,
  caseId,
  reference,
  list,
  canCreate,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  list: { id: string; status: string; created_at: Date }[];
  canCreate: boolean;
  form: FormState;
}) {
  const { t } = ctx;
  const title = t('expert.caseTitle', { reference });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      {list.length === 0 ? (
        <p>{t('expert.none')}</p>
      ) : (
        <ul>
          {list.map((x) => (
            <li>
              <a href={`/cases/${caseId}/consultations/${x.id}`}>
                <DateText value={x.created_at} lang={ctx.lang} />
              </a>{' '}
              — {t(`expert.status.${x.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <p>
          <a href="/team/expert-disciplines">{t('discipline.teamTitle')}</a>
        </p>
      )}
      {canCreate && (
        <section aria-labelledby="exp-new">
          <h2 id="exp-new">{t('expert.new')}</h2>
          <form method="post" action={`/cases/${caseId}/consultations`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea
              name="summary"
              label={t('expert.summary')}
              hint={t('expert.summaryHint')}
              value={form.values.summary as string}
              error={form.errors.summary}
            />
            <SubmitButton>{t('expert.create')}</SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function CaseConsultationPage({
  ctx,
  caseId,
  reference,
  view,
  disciplines,
  canEdit,
  canPublish,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  view: CaseConsultationView;
  disciplines: string[];
  canEdit: boolean;
  canPublish: boolean;
  form: FormState;
}) {
  const { t } = ctx;
  const base = `/cases/${caseId}/consultations/${view.id}`;
  const title = t('expert.consultationTitle', { reference });
  const isDraft = view.status === 'draft';
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}/consultations`}>{t('expert.backToList')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p>
        {t('expert.statusLabel')}:{' '}
        <strong data-testid="consultation-status">
          {t(`expert.status.${view.status}` as MessageKey)}
        </strong>
      </p>
      <section aria-labelledby="exp-disciplines">
        <h2 id="exp-disciplines">{t('discipline.heading')}</h2>
        <p data-testid="consultation-disciplines">
          {disciplines.length === 0
            ? t('discipline.wholeTeam')
            : disciplines.map((d) => t(`discipline.${d}` as MessageKey)).join(', ')}
        </p>
        {isDraft && canEdit && (
          <form method="post" action={`${base}/disciplines`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <CheckboxGroup
              name="disciplines"
              legend={t('discipline.legend')}
              hint={t('discipline.hint')}
              checked={disciplines}
              choices={EXPERT_DISCIPLINES.map((d) => ({
                value: d,
                label: t(`discipline.${d}` as MessageKey),
              }))}
            />
            <SubmitButton>{t('discipline.submit')}</SubmitButton>
          </form>
        )}
      </section>
      <section aria-labelledby="exp-findings">
        <h2 id="exp-findings">{t('expert.findings')}</h2>
        {view.findings.length === 0 ? (
          <p>{t('expert.noFindings')}</p>
        ) : (
          <ul data-testid="findings">
            {view.findings.map((f) => (
              <li>
                {t(`expert.kind.${f.kind}` as MessageKey)}: <mark>{f.text}</mark> —{' '}
                {f.isConfirmed ? t('expert.confirmed') : t('expert.unresolved')}
                {!f.isConfirmed && isDraft && canEdit && (
                  <form method="post" action={`${base}/confirm`} class="inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="key" value={f.key} />{' '}
                    <button type="submit" class="link-button">
                      {t('expert.confirm')}
                      <span class="visually-hidden">: {f.text}</span>
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {isDraft && canEdit ? (
        <form method="post" action={`${base}/summary`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextArea
            name="summary"
            label={t('expert.summary')}
            hint={t('expert.summaryHint')}
            value={(form.values.summary as string) ?? view.summary}
            error={form.errors.summary}
          />
          <SubmitButton>{t('expert.save')}</SubmitButton>
        </form>
      ) : (
        <section aria-labelledby="exp-summary">
          <h2 id="exp-summary">{t('expert.summary')}</h2>
          <p class="narrative">{view.summary}</p>
        </section>
      )}
      {isDraft && canPublish && (
        <form method="post" action={`${base}/publish`}>
          <CsrfField token={ctx.csrfToken} />
          <div class="form-field">
            <p class="hint" id="hint-nothingIdentifies">
              {t('anonConsult.hint')}
            </p>
            <div class="choice">
              <input
                type="checkbox"
                id="field-nothingIdentifies"
                name="nothingIdentifies"
                value="yes"
                aria-describedby="hint-nothingIdentifies"
              />
              <label for="field-nothingIdentifies">{t('anonConsult.confirm')}</label>
            </div>
          </div>
          <SubmitButton>{t('expert.publish')}</SubmitButton>
        </form>
      )}
      {view.status !== 'closed' && canPublish && (
        <form method="post" action={`${base}/close`}>
          <CsrfField token={ctx.csrfToken} />
          <p class="hint">{t('expert.closeHint')}</p>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('expert.close')}
          </button>
        </form>
      )}
      <section aria-labelledby="exp-advice">
        <h2 id="exp-advice">{t('expert.advice')}</h2>
        <AdviceList ctx={ctx} advice={view.advice} />
      </section>
    </Layout>
  );
}

export function ExpertListPage({
  ctx,
  list,
}: {
  ctx: ViewContext;
  list: { id: string; publishedOn: string }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('expert.listTitle')}>
      <h1 class="utrecht-heading-1">{t('expert.listTitle')}</h1>
      {list.length === 0 ? (
        <p>{t('expert.none')}</p>
      ) : (
        <ul>
          {list.map((x) => (
            <li>
              <a href={`/consultations/${x.id}`}>
                {t('expert.listItem', { date: formatLongDate(x.publishedOn, ctx.lang) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ExpertConsultationPage({
  ctx,
  view,
  form,
}: {
  ctx: ViewContext;
  view: ExpertConsultationView;
  form: FormState;
}) {
  const { t } = ctx;
  const title = t('expert.listItem', { date: formatLongDate(view.publishedOn, ctx.lang) });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/consultations">{t('expert.listTitle')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <section aria-labelledby="exp-summary">
        <h2 id="exp-summary">{t('expert.summary')}</h2>
        <p class="narrative" data-testid="consultation-summary">
          {view.summary}
        </p>
      </section>
      <section aria-labelledby="exp-advice">
        <h2 id="exp-advice">{t('expert.advice')}</h2>
        <AdviceList ctx={ctx} advice={view.advice} />
        <form method="post" action={`/consultations/${view.id}/advice`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextArea
            name="advice"
            label={t('expert.yourAdvice')}
            value={form.values.advice as string}
            error={form.errors.advice}
          />
          <SubmitButton>{t('expert.adviceSubmit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
