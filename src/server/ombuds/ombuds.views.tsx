import { Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  SubmitButton,
  TextArea,
  CsrfField,
  RadioGroup,
  YearField,
} from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import { DateField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { FormState } from '../../ui/form.js';
import { COMPLAINT_OUTCOMES, type ombudsWork } from './ombuds.service.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { OmbudsAggregates } from '../statistics/statistics.service.js';
import { Table } from '../statistics/statistics.views.js';

type Work = ReturnType<typeof ombudsWork>;
type Complaints = Awaited<ReturnType<Work['complaints']>>;
type Advice = Awaited<ReturnType<Work['advice']>>;

function AdviceList({
  ctx,
  advice,
  answerForm,
}: {
  ctx: ViewContext;
  advice: Advice;
  answerForm?: FormState;
}) {
  const { t } = ctx;
  if (advice.length === 0) return <p>{t('ombuds.noAdvice')}</p>;
  return (
    <ul data-testid="board-advice">
      {advice.map((a) => (
        <li>
          <p>
            <strong>{t('ombuds.adviceOn', { date: formatLongDate(a.givenOn, ctx.lang) })}</strong>{' '}
            {a.advice}
          </p>
          {a.answer ? (
            <p>
              {t('ombuds.answerOn', { date: formatLongDate(a.answeredOn ?? '', ctx.lang) })}{' '}
              {a.answer}
            </p>
          ) : answerForm ? (
            <form method="post" action={`/board/advice/${a.id}/answer`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextArea
                name={`answer-${a.id}`}
                label={t('ombuds.answer')}
                value={(answerForm.values[`answer-${a.id}`] as string) ?? ''}
                error={answerForm.errors[`answer-${a.id}`]}
              />
              <SubmitButton>{t('ombuds.answerSubmit')}</SubmitButton>
            </form>
          ) : (
            <p>{t('ombuds.noAnswer')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function OmbudsPage({
  ctx,
  complaints,
  advice,
  form,
}: {
  ctx: ViewContext;
  complaints: Complaints;
  advice: Advice;
  form: FormState;
}) {
  const { t } = ctx;
  const v = form.values as Record<string, string>;
  return (
    <Layout ctx={ctx} title={t('ombuds.title')}>
      <h1 class="utrecht-heading-1">{t('ombuds.title')}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p class="hint">{t('ombuds.intro')}</p>
      <p>
        <a href="/ombudsperson/aggregates">{t('ombuds.agg.title')}</a>
      </p>
      <section aria-labelledby="omb-complaints">
        <h2 id="omb-complaints">{t('ombuds.complaints')}</h2>
        {complaints.length === 0 ? (
          <p>{t('ombuds.noComplaints')}</p>
        ) : (
          <ul data-testid="procedure-complaints">
            {complaints.map((c) => (
              <li>
                <p>
                  <strong>
                    {t('ombuds.receivedOn', { date: formatLongDate(c.receivedOn, ctx.lang) })}
                  </strong>{' '}
                  —{' '}
                  {c.status === 'open'
                    ? t('ombuds.respondBy', { date: formatLongDate(c.respondBy, ctx.lang) })
                    : t('ombuds.closedOn', { date: formatLongDate(c.closedOn ?? '', ctx.lang) })}
                  {c.isOverdue && <strong> {t('ombuds.overdue')}</strong>}
                </p>
                <p>{c.subject}</p>
                {c.outcome ? (
                  <p>
                    {t('ombuds.outcome')}: {c.outcome}
                  </p>
                ) : (
                  <form method="post" action={`/ombudsperson/complaints/${c.id}/close`} novalidate>
                    <CsrfField token={ctx.csrfToken} />
                    <RadioGroup
                      name={`outcomeKind-${c.id}`}
                      label={t('ombuds.outcomeKind')}
                      value={v[`outcomeKind-${c.id}`]}
                      error={form.errors[`outcomeKind-${c.id}`]}
                      choices={COMPLAINT_OUTCOMES.map((k) => ({
                        value: k,
                        label: t(`ombuds.outcomeKind.${k}` as MessageKey),
                      }))}
                    />
                    <TextArea
                      name={`outcome-${c.id}`}
                      label={t('ombuds.outcome')}
                      value={v[`outcome-${c.id}`]}
                      error={form.errors[`outcome-${c.id}`]}
                    />
                    <SubmitButton>{t('ombuds.close')}</SubmitButton>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('ombuds.newComplaint')}</h3>
        <form method="post" action="/ombudsperson/complaints" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <DateField
            name="receivedOn"
            label={t('ombuds.received')}
            value={v.receivedOn}
            error={form.errors.receivedOn}
          />
          <TextArea
            name="subject"
            label={t('ombuds.subject')}
            hint={t('ombuds.subjectHint')}
            value={v.subject}
            error={form.errors.subject}
          />
          <SubmitButton>{t('ombuds.complaintSubmit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="omb-advice">
        <h2 id="omb-advice">{t('ombuds.adviceHeading')}</h2>
        <AdviceList ctx={ctx} advice={advice} />
        <form method="post" action="/ombudsperson/advice" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextArea
            name="advice"
            label={t('ombuds.advice')}
            value={v.advice}
            error={form.errors.advice}
          />
          <SubmitButton>{t('ombuds.adviceSubmit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export function BoardAdvicePage({
  ctx,
  advice,
  form,
}: {
  ctx: ViewContext;
  advice: Advice;
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('ombuds.boardTitle')}>
      <p>
        <a href="/board/escalations">{t('board.back')}</a>
      </p>
      <h1 class="utrecht-heading-1">{t('ombuds.boardTitle')}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <AdviceList ctx={ctx} advice={advice} answerForm={form} />
    </Layout>
  );
}

/** The ombudsperson's patterns and aggregates: suppressed counts only — no case, no reference. */
export function OmbudsAggregatesPage({
  ctx,
  aggregates: a,
}: {
  ctx: ViewContext;
  aggregates: OmbudsAggregates;
}) {
  const { t } = ctx;
  const table = (id: string, caption: string, data: OmbudsAggregates['byCategory']) => (
    <Table id={id} caption={caption} table={data} threshold={a.threshold} percent ctx={ctx} />
  );
  return (
    <Layout ctx={ctx} title={t('ombuds.agg.title')}>
      <p>
        <a href="/ombudsperson">{t('ombuds.title')}</a>
      </p>
      <h1 class="utrecht-heading-1">{t('ombuds.agg.title')}</h1>
      <form method="get" action="/ombudsperson/aggregates" class="report-picker">
        <YearField t={t} year={a.year} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('reports.show')}
        </button>
      </form>
      <p class="hint">{t('ombuds.agg.intro')}</p>
      <p class="hint" data-testid="suppression-note">
        {t('statistics.suppressionNote', { threshold: a.threshold })}
      </p>
      {table('ombuds-by-category', t('ombuds.agg.byCategory'), a.byCategory)}
      {table('ombuds-by-status', t('ombuds.agg.byStatus'), a.byStatus)}
      {table('ombuds-by-follow-up', t('ombuds.agg.byFollowUp'), a.byFollowUp)}
      {table('ombuds-complaints', t('ombuds.agg.complaints'), a.complaintsByOutcome)}
    </Layout>
  );
}
