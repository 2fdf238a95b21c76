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
import { DateField, SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { FormState } from '../../ui/form.js';
import { PLATFORMS, STATEMENT_STATUSES } from './threats.schema.js';
import type { EvidenceEntry } from './threat-log.service.js';
import type { ThreatSupportView } from './threat-support.service.js';
import type { CommsImpactView } from './threat-comms.service.js';
import { CollectiveNorm, CommsSection, ImpactSection } from './threat-comms.views.js';

/** The evidence log page: shown to a granted communications officer too, so it shows nothing else of the case. */
export function ThreatLogPage({
  ctx,
  caseId,
  entries,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  entries: EvidenceEntry[];
  form: FormState;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = form.values as Record<string, string>;
  return (
    <Layout ctx={ctx} title={t('threats.logTitle')}>
      <h1 class="utrecht-heading-1">{t('threats.logTitle')}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p class="hint">{t('threats.logIntro')}</p>
      {entries.length === 0 ? (
        <p>{t('threats.noEvidence')}</p>
      ) : (
        <table data-testid="threat-log">
          <caption class="visually-hidden">{t('threats.logTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('threats.seenOn')}</th>
              <th scope="col">{t('threats.platform')}</th>
              <th scope="col">{t('threats.link')}</th>
              <th scope="col">{t('threats.note')}</th>
              <th scope="col">{t('threats.screenshot')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>{formatLongDate(e.seenOn, ctx.lang)}</td>
                <td>{k(`threats.platform.${e.platform}`)}</td>
                <td>{e.link}</td>
                <td>{e.note ?? ''}</td>
                <td>
                  {e.hasScreenshot ? (
                    <a href={`/threat-log/${caseId}/evidence/${e.id}/screenshot`}>
                      {t('threats.open')}
                      <span class="visually-hidden"> {formatLongDate(e.seenOn, ctx.lang)}</span>
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('threats.addEvidence')}</h2>
      <form method="post" action={`/threat-log/${caseId}`} enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="platform"
          label={t('threats.platform')}
          value={v.platform}
          error={form.errors.platform}
          blank=""
          choices={PLATFORMS.map((p) => ({ value: p, label: k(`threats.platform.${p}`) }))}
        />
        <TextField name="link" label={t('threats.link')} value={v.link} error={form.errors.link} />
        <DateField
          name="seenOn"
          label={t('threats.seenOn')}
          value={v.seenOn}
          error={form.errors.seenOn}
        />
        <TextArea name="note" label={t('threats.note')} value={v.note} error={form.errors.note} />
        <div class="form-field">
          <label for="field-screenshot">{t('threats.screenshot')}</label>
          {form.errors.screenshot && (
            <p class="error-message" id="error-screenshot">
              {form.errors.screenshot}
            </p>
          )}
          <input
            type="file"
            id="field-screenshot"
            name="screenshot"
            accept="image/png,image/jpeg,application/pdf"
            aria-describedby={form.errors.screenshot ? 'error-screenshot' : undefined}
          />
        </div>
        <SubmitButton>{t('threats.addSubmit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function ThreatSupportPage({
  ctx,
  caseId,
  reference,
  view,
  comms,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  view: ThreatSupportView;
  comms: CommsImpactView;
  form: FormState;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = form.values as Record<string, string>;
  const title = t('threats.title', { reference });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <CollectiveNorm
        ctx={ctx}
        caseId={caseId}
        category={comms.category}
        reporterRole={comms.reporterRole}
      />
      <p>
        <a href={`/threat-log/${caseId}`}>{t('threats.logLink')}</a>
      </p>
      <CommsSection ctx={ctx} caseId={caseId} comms={comms} />
      <ImpactSection ctx={ctx} caseId={caseId} comms={comms} form={form} />
      <section aria-labelledby="thr-grants">
        <h2 id="thr-grants">{t('threats.grants')}</h2>
        {view.grants.length === 0 ? (
          <p>{t('threats.noGrants')}</p>
        ) : (
          <ul data-testid="threat-grants">
            {view.grants.map((g) => (
              <li>
                {g.name}{' '}
                <form
                  method="post"
                  action={`/cases/${caseId}/threats/grants/revoke`}
                  class="inline-form"
                >
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="userId" value={g.userId} />
                  <button type="submit" class="link-button">
                    {t('threats.revoke')}
                    <span class="visually-hidden">: {g.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`/cases/${caseId}/threats/grants`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField
            name="email"
            type="email"
            label={t('threats.grantEmail')}
            hint={t('threats.grantHint')}
            value={v.email}
            error={form.errors.email}
          />
          <SubmitButton>{t('threats.grantSubmit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="thr-support">
        <h2 id="thr-support">{t('threats.support')}</h2>
        <form method="post" action={`/cases/${caseId}/threats/support`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <RadioGroup
            name="statementStatus"
            label={t('threats.statement')}
            value={v.statementStatus ?? view.statementStatus}
            error={form.errors.statementStatus}
            choices={STATEMENT_STATUSES.map((s) => ({
              value: s,
              label: k(`threats.statement.${s}`),
            }))}
          />
          <DateField
            name="statementOn"
            label={t('threats.statementOn')}
            value={v.statementOn ?? view.statementOn ?? ''}
            error={form.errors.statementOn}
          />
          <TextArea
            name="otherEmployers"
            label={t('threats.otherEmployers')}
            value={v.otherEmployers ?? view.otherEmployers ?? ''}
            error={form.errors.otherEmployers}
          />
          <TextField
            name="checkinEveryWeeks"
            type="number"
            label={t('threats.checkinEvery')}
            value={v.checkinEveryWeeks ?? String(view.checkinEveryWeeks ?? '')}
            error={form.errors.checkinEveryWeeks}
          />
          <SubmitButton>{t('threats.supportSubmit')}</SubmitButton>
        </form>
        <p>
          {t('threats.nextCheckin')}:{' '}
          <span data-testid="next-checkin">
            {view.nextCheckinOn ? formatLongDate(view.nextCheckinOn, ctx.lang) : '—'}
          </span>
        </p>
      </section>
      <section aria-labelledby="thr-checkins">
        <h2 id="thr-checkins">{t('threats.checkins')}</h2>
        {view.checkins.length === 0 ? (
          <p>{t('threats.noCheckins')}</p>
        ) : (
          <ul>
            {view.checkins.map((c) => (
              <li>
                {formatLongDate(c.occurredOn, ctx.lang)}: {c.note}
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`/cases/${caseId}/threats/checkins`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <DateField
            name="occurredOn"
            label={t('threats.checkinOn')}
            value={v.occurredOn}
            error={form.errors.occurredOn}
          />
          <TextArea
            name="note"
            label={t('threats.checkinNote')}
            value={v.note}
            error={form.errors.note}
          />
          <SubmitButton>{t('threats.checkinSubmit')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
