import { Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextArea, TextField } from '../../ui/form.js';
import { DateField, SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { CONSENT_INFO } from '../../domain/consent.js';
import { ESCALATION_STEPS, isVertical } from '../../domain/external-sharing.js';
import type { Partner } from '../admin/partners.service.js';
import { CsrfField } from '../risk/form-kit.js';
import type { FormState } from '../risk/risk.views.js';
import type { EscalationView } from './escalation.service.js';

interface Props { ctx: ViewContext; caseId: string; reference: string; view: EscalationView; partners: Partner[]; canHandle: boolean; form: FormState }

export function EscalationPage({ ctx, caseId, reference, view, partners, canHandle, form }: Props) {
  const { t, lang } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const title = t('escalation.title', { reference });
  const v = form.values as Record<string, string>;
  const partnerName = (key: string) => partners.find((p) => p.key === key)?.name[lang] ?? key;
  const f2 = ['allOptionsUsed', 'consentEffortsMade', 'necessaryForRisk'].filter((x) => form.values[x] === 'yes');
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a></p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p class="hint">{t('escalation.intro')}</p>
      <section aria-labelledby="esc-ladder">
        <h2 id="esc-ladder">{t('escalation.ladder')}</h2>
        {view.steps.length === 0 ? <p>{t('escalation.none')}</p> : (
          <ol class="timeline" data-testid="escalation-steps">
            {view.steps.map((s) => (
              <li>
                <h3>{s.occurredOn} — {k(`escalation.step.${s.step}`)} ({isVertical(s.step) ? t('escalation.vertical') : t('escalation.horizontal')})</h3>
                <p>{t('escalation.who')}: {s.who}</p>
                <p>{t('escalation.why')}: {s.why}</p>
                {s.outcome ? <p>{t('escalation.outcome')}: {s.outcome}</p> : canHandle && (
                  <form method="post" action={`/cases/${caseId}/escalation/steps/${s.id}/outcome`} novalidate>
                    <CsrfField token={ctx.csrfToken} />
                    <TextField name={`outcome-${s.id}`} label={t('escalation.outcome')} />
                    <SubmitButton>{t('escalation.outcomeSubmit')}</SubmitButton>
                  </form>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="esc-shares">
        <h2 id="esc-shares">{t('escalation.shares')}</h2>
        {view.shares.length === 0 ? <p>{t('escalation.noShares')}</p> : (
          <ul data-testid="external-shares">
            {view.shares.map((s) => <li>{s.sharedOn}: {partnerName(s.partner)} — {k(`consent.info.${s.info}`)} — {k(`escalation.basis.${s.basis}`)}{s.boardConsentOn && ` (${t('escalation.boardConsentOn')}: ${s.boardConsentOn})`}</li>)}
          </ul>
        )}
      </section>
      {canHandle && (
        <>
          <section aria-labelledby="esc-add">
            <h2 id="esc-add">{t('escalation.add')}</h2>
            <form method="post" action={`/cases/${caseId}/escalation/steps`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <SelectField name="step" label={t('escalation.stepLabel')} value={v.step} error={form.errors.step} blank=""
                choices={ESCALATION_STEPS.map((s) => ({ value: s, label: k(`escalation.step.${s}`) }))} />
              <DateField name="occurredOn" label={t('escalation.when')} value={v.occurredOn} error={form.errors.occurredOn} />
              <TextField name="who" label={t('escalation.who')} value={v.who} error={form.errors.who} />
              <TextArea name="why" label={t('escalation.why')} value={v.why} error={form.errors.why} />
              <SubmitButton>{t('escalation.addSubmit')}</SubmitButton>
            </form>
          </section>
          <section aria-labelledby="esc-share">
            <h2 id="esc-share">{t('escalation.share')}</h2>
            <p class="hint">{t('escalation.shareHint')}</p>
            <form method="post" action={`/cases/${caseId}/escalation/share`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <SelectField name="partner" label={t('escalation.partner')} value={v.partner} error={form.errors.partner} blank=""
                choices={partners.filter((p) => p.kind === 'external').map((p) => ({ value: p.key, label: p.name[lang] }))} />
              <SelectField name="info" label={t('escalation.info')} value={v.info} error={form.errors.info} blank=""
                choices={CONSENT_INFO.map((x) => ({ value: x, label: k(`consent.info.${x}`) }))} />
              <div class={`form-field${form.errors.allOptionsUsed ? ' field--invalid' : ''}`}>
                <fieldset aria-describedby={form.errors.allOptionsUsed ? 'error-allOptionsUsed' : undefined}>
                  <legend>{t('escalation.framework2')}</legend>
                  {form.errors.allOptionsUsed && <p class="error-message" id="error-allOptionsUsed">{form.errors.allOptionsUsed}</p>}
                  {(['allOptionsUsed', 'consentEffortsMade', 'necessaryForRisk'] as const).map((q) => (
                    <div class="choice">
                      <input type="checkbox" id={`field-${q}`} name={q} value="yes" checked={f2.includes(q)} />
                      <label for={`field-${q}`}>{k(`escalation.f2.${q}`)}</label>
                    </div>
                  ))}
                </fieldset>
              </div>
              <DateField name="boardConsentOn" label={t('escalation.boardConsentOn')} value={v.boardConsentOn} error={form.errors.boardConsentOn} />
              <TextArea name="acuteReason" label={t('escalation.acuteReason')} hint={t('escalation.acuteHint')} value={v.acuteReason} error={form.errors.acuteReason} />
              <DateField name="sharedOn" label={t('escalation.sharedOn')} value={v.sharedOn} error={form.errors.sharedOn} />
              <TextArea name="note" label={t('escalation.note')} value={v.note} error={form.errors.note} />
              <SubmitButton>{t('escalation.shareSubmit')}</SubmitButton>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
