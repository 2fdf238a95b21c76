import { Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, CsrfField } from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { isVertical } from '../../domain/external-sharing.js';
import type { Partner } from '../admin/partners.service.js';
import type { FormState } from '../../ui/form.js';
import type { EscalationView } from './escalation.service.js';
import {
  Framework2Section,
  RequestSection,
  ShareForm,
  StepForms,
} from './escalation-forms.views.js';

interface Props {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  view: EscalationView;
  partners: Partner[];
  canHandle: boolean;
  canRequest: boolean;
  form: FormState;
}

/** Where the case stands on the ladder of seeds/004, rung by rung. */
function LadderSection({ ctx, view }: { ctx: ViewContext; view: EscalationView }) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const current = view.ladder.find((r) => r.state === 'current');
  return (
    <section aria-labelledby="esc-where">
      <h2 id="esc-where">{t('ladder.where')}</h2>
      <p data-testid="ladder-current">
        {current
          ? t('ladder.currentIs', { rung: k(`escalation.rung.${current.rung}`) })
          : t('ladder.allPassed')}
      </p>
      <ol class="ladder" data-testid="ladder">
        {view.ladder.map((r) => {
          const skip = view.skips.find((s) => s.rung === r.rung);
          return (
            <li aria-current={r.state === 'current' ? 'step' : undefined}>
              <strong>{k(`escalation.rung.${r.rung}`)}</strong> — {k(`ladder.state.${r.state}`)}
              {skip && (
                <>
                  {' '}
                  ({skip.on}: {skip.reason})
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function EscalationPage({
  ctx,
  caseId,
  reference,
  view,
  partners,
  canHandle,
  canRequest,
  form,
}: Props) {
  const { t, lang } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const title = t('escalation.title', { reference });
  const partnerName = (key: string) => partners.find((p) => p.key === key)?.name[lang] ?? key;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p class="hint">{t('ladder.intro')}</p>
      <LadderSection ctx={ctx} view={view} />
      <section aria-labelledby="esc-ladder">
        <h2 id="esc-ladder">{t('escalation.ladder')}</h2>
        {view.steps.length === 0 ? (
          <p>{t('escalation.none')}</p>
        ) : (
          <ol class="timeline" data-testid="escalation-steps">
            {view.steps.map((s) => (
              <li>
                <h3>
                  {formatLongDate(s.occurredOn, ctx.lang)} — {k(`escalation.step.${s.step}`)} (
                  {isVertical(s.step) ? t('escalation.vertical') : t('escalation.horizontal')})
                </h3>
                <p>
                  {t('escalation.who')}: {s.who}
                </p>
                <p>
                  {t('escalation.why')}: {s.why}
                </p>
                {s.outcome ? (
                  <p>
                    {t('escalation.outcome')}: {s.outcome}
                  </p>
                ) : (
                  canHandle && (
                    <form
                      method="post"
                      action={`/cases/${caseId}/escalation/steps/${s.id}/outcome`}
                      novalidate
                    >
                      <CsrfField token={ctx.csrfToken} />
                      <TextField name={`outcome-${s.id}`} label={t('escalation.outcome')} />
                      <SubmitButton>{t('escalation.outcomeSubmit')}</SubmitButton>
                    </form>
                  )
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {canHandle && <StepForms ctx={ctx} caseId={caseId} form={form} />}
      <section aria-labelledby="esc-f1">
        <h2 id="esc-f1">{t('escalation.rung.framework1')}</h2>
        <p>
          {t('ladder.framework1Hint')}{' '}
          <a href={`/cases/${caseId}/risk`}>{t('ladder.framework1Link')}</a>
        </p>
      </section>
      <Framework2Section ctx={ctx} caseId={caseId} view={view} canHandle={canHandle} form={form} />
      <RequestSection
        ctx={ctx}
        caseId={caseId}
        view={view}
        partners={partners}
        canRequest={canRequest}
        form={form}
      />
      <section aria-labelledby="esc-shares">
        <h2 id="esc-shares">{t('escalation.shares')}</h2>
        {view.shares.length === 0 ? (
          <p>{t('escalation.noShares')}</p>
        ) : (
          <ul data-testid="external-shares">
            {view.shares.map((s) => (
              <li>
                {formatLongDate(s.sharedOn, ctx.lang)}: {partnerName(s.partner)} —{' '}
                {k(`consent.info.${s.info}`)} — {k(`escalation.basis.${s.basis}`)}
                {s.boardConsentOn &&
                  ` (${t('escalation.boardConsentOn')}: ${formatLongDate(s.boardConsentOn, ctx.lang)})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      {canHandle && <ShareForm ctx={ctx} caseId={caseId} partners={partners} form={form} />}
    </Layout>
  );
}
