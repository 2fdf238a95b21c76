import { Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, type FieldErrors, CsrfField } from '../../ui/form.js';
import { formatDateTime } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { CaseProtocolsView, ProtocolView } from './protocols.service.js';

interface Props {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  view: CaseProtocolsView;
  canHandle: boolean;
  errors: FieldErrors;
}

/** The protocols a case follows, each step ticked with who and when; attach more by category or by choice. */
export function CaseProtocolsPage({ ctx, caseId, reference, view, canHandle, errors }: Props) {
  const { t, lang } = ctx;
  const title = t('protocols.caseTitle', { reference });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={errors} t={t} />
      {view.attached.length === 0 && <p>{t('protocols.noneAttached')}</p>}
      {view.attached.map((p) => (
        <section aria-labelledby={`protocol-${p.id}`} data-testid="case-protocol">
          <h2 id={`protocol-${p.id}`}>{p.title[lang]}</h2>
          <p class="hint">
            {t('protocols.versionFollowed', { version: p.version })} —{' '}
            {t(p.via === 'category' ? 'protocols.via.category' : 'protocols.via.choice')}
          </p>
          <ol>
            {p.steps.map((s) => (
              <li data-step={s.key}>
                {s.label[lang]} —{' '}
                {s.done ? (
                  <strong>
                    {t('protocols.stepDone', {
                      name: s.done.by,
                      date: formatDateTime(s.done.at, lang),
                    })}
                  </strong>
                ) : (
                  <>
                    {t('protocols.stepOpen')}
                    {canHandle && (
                      <form
                        method="post"
                        action={`/cases/${caseId}/protocols/${p.id}/steps/${s.key}`}
                        class="inline-form"
                      >
                        <CsrfField token={ctx.csrfToken} />{' '}
                        <button type="submit" class="link-button">
                          {t('protocols.tick')}
                          <span class="visually-hidden">: {s.label[lang]}</span>
                        </button>
                      </form>
                    )}
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {canHandle && (view.recommended.length > 0 || view.others.length > 0) && (
        <section aria-labelledby="protocols-attach">
          <h2 id="protocols-attach">{t('protocols.attach')}</h2>
          {view.recommended.length > 0 && (
            <AttachList
              ctx={ctx}
              caseId={caseId}
              protocols={view.recommended}
              via="category"
              heading={t('protocols.recommended')}
            />
          )}
          {view.others.length > 0 && (
            <AttachList
              ctx={ctx}
              caseId={caseId}
              protocols={view.others}
              via="choice"
              heading={t('protocols.others')}
            />
          )}
        </section>
      )}
    </Layout>
  );
}

function AttachList({
  ctx,
  caseId,
  protocols,
  via,
  heading,
}: {
  ctx: ViewContext;
  caseId: string;
  protocols: ProtocolView[];
  via: 'category' | 'choice';
  heading: string;
}) {
  const { t, lang } = ctx;
  return (
    <>
      <h3>{heading}</h3>
      <ul>
        {protocols.map((p) => (
          <li>
            {p.title[lang]} ({t('protocols.versionLabel', { version: p.version })},{' '}
            {t('protocols.stepCount', { count: p.steps.length })})
            <form method="post" action={`/cases/${caseId}/protocols`} class="inline-form">
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="protocolId" value={p.id} />
              <input type="hidden" name="via" value={via} />{' '}
              <SubmitButton>
                {t('protocols.attachSubmit')}
                <span class="visually-hidden">: {p.title[lang]}</span>
              </SubmitButton>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}

/** On the case page and in the inbox: how many protocol steps are still open. */
export function OpenStepsNote({
  ctx,
  caseId,
  open,
}: {
  ctx: ViewContext;
  caseId: string;
  open: number | undefined;
}) {
  const { t } = ctx;
  return (
    <p data-testid="protocol-open-steps">
      <a href={`/cases/${caseId}/protocols`}>{t('protocols.link')}</a>
      {open !== undefined && (
        <>: {open === 0 ? t('protocols.allDone') : t('protocols.openSteps', { count: open })}</>
      )}
      {' · '}
      <a href={`/cases/${caseId}/safety-plan`}>{t('safetyPlan.link')}</a>
      {' · '}
      <a href={`/cases/${caseId}/urgent`}>{t('urgent.caseLink')}</a>
    </p>
  );
}
