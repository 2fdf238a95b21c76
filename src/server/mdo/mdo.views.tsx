import { Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextArea, CheckboxGroup, CsrfField } from '../../ui/form.js';
import { DateText, formatLongDate } from '../../ui/dates.js';
import { DateField, SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { MDO_FUNCTIONS } from './mdo.service.js';
import type { FormState } from '../../ui/form.js';
import type { AgendaView } from './mdo.service.js';

export function MeetingsPage({
  ctx,
  meetings,
  canCreate,
  form,
}: {
  ctx: ViewContext;
  meetings: { id: string; held_on: string }[];
  canCreate: boolean;
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mdo.title')}>
      <h1 class="utrecht-heading-1">{t('mdo.title')}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      {meetings.length === 0 ? (
        <p>{t('mdo.none')}</p>
      ) : (
        <ul>
          {meetings.map((m) => (
            <li>
              <a href={`/mdo/${m.id}`}>
                {t('mdo.meetingOn', { date: formatLongDate(m.held_on, ctx.lang) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <form method="post" action="/mdo" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <DateField
            name="heldOn"
            label={t('mdo.heldOn')}
            value={form.values.heldOn as string}
            error={form.errors.heldOn}
          />
          <CheckboxGroup
            name="participants"
            legend={t('mdoFn.legend')}
            hint={t('mdoFn.hint')}
            error={form.errors.participants}
            choices={MDO_FUNCTIONS.map((f) => ({ value: f, label: t(`mdoFn.${f}` as MessageKey) }))}
          />
          <SubmitButton>{t('mdo.create')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}

export function AgendaPage({
  ctx,
  agenda,
  form,
}: {
  ctx: ViewContext;
  agenda: AgendaView;
  form: FormState;
}) {
  const { t } = ctx;
  const title = t('mdo.meetingOn', { date: formatLongDate(agenda.heldOn, ctx.lang) });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/mdo">{t('mdo.title')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p data-testid="mdo-participants">
        {t('mdoFn.participants')}:{' '}
        {agenda.participants.length === 0
          ? t('mdoFn.none')
          : agenda.participants.map((f) => t(`mdoFn.${f}` as MessageKey)).join(', ')}
      </p>
      <h2>{t('mdoFn.trends')}</h2>
      <p>
        {t('mdoFn.trendsText')} <a href="/statistics">{t('mdoFn.trendsLink')}</a>
      </p>
      <p class="hint">{t('mdo.minutes.flowsBack')}</p>
      {agenda.items.length === 0 ? (
        <p>{t('mdo.emptyAgenda')}</p>
      ) : (
        <ol data-testid="mdo-agenda">
          {agenda.items.map((i) => (
            <li>
              <h2>{t('mdo.item', { number: i.number })}</h2>
              <p class="narrative">{i.summary}</p>
              {i.decision ? (
                <p data-testid="mdo-decision">
                  {t('mdo.decision')}: {i.decision}
                </p>
              ) : (
                agenda.canDecide && (
                  <form method="post" action={`/mdo/items/${i.id}/decision`} novalidate>
                    <CsrfField token={ctx.csrfToken} />
                    <TextArea name="decision" label={t('mdo.decisionFor', { number: i.number })} />
                    <SubmitButton>{t('mdo.decide')}</SubmitButton>
                  </form>
                )
              )}
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="mdo-minutes">
        <h2 id="mdo-minutes">{t('mdo.minutes.heading')}</h2>
        {agenda.minutes ? (
          <p class="narrative" data-testid="mdo-minutes">
            {agenda.minutes}
          </p>
        ) : (
          <p>{t('mdo.minutes.none')}</p>
        )}
        {agenda.canDecide && (
          <form method="post" action={`/mdo/${agenda.id}/minutes`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea
              name="minutes"
              label={agenda.minutes ? t('mdo.minutes.replace') : t('mdo.minutes.label')}
              hint={t('mdo.minutes.hint')}
              value={(form.values.minutes as string | undefined) ?? agenda.minutes ?? ''}
              error={form.errors.minutes}
            />
            <SubmitButton>{t('mdo.minutes.submit')}</SubmitButton>
          </form>
        )}
      </section>
    </Layout>
  );
}

export function CaseMdoPage({
  ctx,
  caseId,
  reference,
  items,
  meetings,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  items: { heldOn: string; summary: string; decision: string | null; decidedAt: Date | null }[];
  meetings: { id: string; held_on: string }[];
  form: FormState;
}) {
  const { t } = ctx;
  const title = t('mdo.caseTitle', { reference });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      {items.length === 0 ? (
        <p>{t('mdo.notOnAgenda')}</p>
      ) : (
        <ul data-testid="case-mdo">
          {items.map((i) => (
            <li>
              {t('mdo.meetingOn', { date: formatLongDate(i.heldOn, ctx.lang) })}: {i.summary} —{' '}
              {t('mdo.decision')}
              {i.decidedAt && (
                <>
                  {' '}
                  ({t('mdo.decidedOn')} <DateText value={i.decidedAt} lang={ctx.lang} />)
                </>
              )}
              : <span data-testid="case-mdo-decision">{i.decision ?? t('mdo.pending')}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('mdo.addToAgenda')}</h2>
      {meetings.length === 0 ? (
        <p>
          {t('mdo.noMeetings')} <a href="/mdo">{t('mdo.title')}</a>
        </p>
      ) : (
        <form method="post" action={`/cases/${caseId}/mdo`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField
            name="meetingId"
            label={t('mdo.meeting')}
            value={form.values.meetingId as string}
            error={form.errors.meetingId}
            choices={meetings.map((m) => ({
              value: m.id,
              label: formatLongDate(m.held_on, ctx.lang),
            }))}
          />
          <TextArea
            name="summary"
            label={t('mdo.summary')}
            hint={t('mdo.summaryHint')}
            value={form.values.summary as string}
            error={form.errors.summary}
          />
          <SubmitButton>{t('mdo.addSubmit')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}
