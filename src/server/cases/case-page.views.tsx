import { findCategory } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { Layout } from '../../ui/layout.js';
import { ErrorSummary, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { CaseView } from './cases.presenter.js';
import { CaseForms, type CaseFormsProps } from './case-forms.views.js';
import { CaseDocuments } from './case-documents.views.js';
import { OpenStepsNote } from '../protocols/protocols.views.js';
import { RetentionHoldPanel } from '../retention/retention.views.js';
import type { RetentionPanel } from '../retention/retention-panel.service.js';
import { intakeAnswerRows } from '../intake/intake-answer-rows.js';

export interface CasePageProps {
  ctx: ViewContext;
  view: CaseView;
  forms: Omit<CaseFormsProps, 'ctx' | 'view' | 'errors' | 'values'>;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** Open steps of the protocols the case follows (issue 11); undefined when none is attached. */
  openProtocolSteps?: number;
  /** The retention hold, for the team's coordinator (issue 6). */
  retention?: RetentionPanel;
}

export function CasePage({ ctx, view, forms, errors = {}, values = {}, openProtocolSteps, retention }: CasePageProps) {
  const { t, lang } = ctx;
  const category = view.categoryAsCreated ?? findCategory(view.category);
  const subtype = category?.subtypes.find((s) => s.key === view.subtype);
  const none = t('case.none');
  const rows: [string, string][] = [
    [t('inbox.received'), view.receivedOn],
    [t('inbox.status'), vocabLabel('status', view.status, lang)],
    [t('inbox.category'), [category?.label[lang] ?? view.category, subtype?.label[lang]].filter(Boolean).join(' — ')],
    [t('case.channel'), vocabLabel('channel', view.channel, lang)],
    [t('case.via'), vocabLabel('via', view.via, lang)],
    ...intakeAnswerRows(t, view, none),
    [t('case.reporterRole'), vocabLabel('role', view.reporterRole, lang)],
    [t('case.accusedRole'), vocabLabel('role', view.accusedRole, lang)],
    [t('case.location'), vocabLabel('location', view.location, lang)],
    [t('case.goal'), view.reporterGoal ? vocabLabel('goal', view.reporterGoal, lang) : none],
    [t('inbox.adviser'), view.adviserName ?? t('inbox.unassigned')],
    [t('case.ackDue'), view.ackDueOn ?? none],
    [t('cases.acknowledgedOn'), view.acknowledgedOn ?? none],
    [t('case.feedbackDue'), view.feedbackDueOn ?? none],
    [t('cases.feedbackGivenOn'), view.feedbackGivenOn ?? none],
    [t('cases.status.followUp'), view.followUp ? vocabLabel('followUp', view.followUp, lang) : none],
    [t('cases.status.closedOn'), view.closedOn ?? none],
    [t('cases.status.nextCheckin'), view.nextCheckinOn ?? none],
  ];
  const title = t('case.title', { reference: view.reference });
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={errors} t={t} />
      {view.supportFor && <p>{t('cases.support.for')} <a href={`/cases/${view.supportFor.id}`}>{view.supportFor.reference}</a></p>}
      <p><a href={`/cases/${view.id}/messages`}>{t('correspondence.link')}</a></p>
      <OpenStepsNote ctx={ctx} caseId={view.id} open={openProtocolSteps} />
      <section aria-labelledby="reporter-heading">
        <h2 id="reporter-heading">{t('case.reporter')}</h2>
        <p>{view.reporter ? `${view.reporter.name}${view.reporter.contact ? ` — ${view.reporter.contact}` : ''}` : t('case.reporterAnonymous')}</p>
        {view.reporter?.verifiedBy && <p data-testid="reporter-verified"><strong>{t('reporterSso.verifiedByInstitution')}</strong></p>}
      </section>
      <section aria-labelledby="narrative-heading">
        <h2 id="narrative-heading">{t('case.narrative')}</h2>
        <p class="narrative" data-testid="narrative">{view.narrative}</p>
      </section>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('case.details')}</h2>
        <dl class="details">
          {rows.map(([term, value]) => (
            <>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">{t('cases.section.contacts')}</h2>
        {view.contacts.length === 0 ? <p>{t('cases.contact.none')}</p> : (
          <ol class="timeline" data-testid="contacts">
            {view.contacts.map((c) => (
              <li>
                <h3>{c.occurredOn} — {vocabLabel('channel', c.channel, lang)}{c.isFeedback && ` (${t('cases.contact.feedbackMark')})`}</h3>
                <p>{t('cases.contact.participants')}: {c.participants}</p>
                <p class="narrative">{c.notes}</p>
                <p class="hint">{t('cases.contact.recordedBy', { name: c.recordedBy })}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{t('cases.section.tasks')}</h2>
        {view.tasks.length === 0 ? <p>{t('cases.task.none')}</p> : (
          <ul data-testid="tasks">
            {view.tasks.map((task) => (
              <li>
                {task.dueOn}: {task.title} — {task.isDone ? t('cases.task.done') : t('cases.task.open')}
                {!task.isDone && forms.canHandle && (
                  <form method="post" action={`/cases/${view.id}/tasks/${task.id}/done`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    {' '}<button type="submit" class="link-button">{t('cases.task.markDone')}<span class="visually-hidden">: {task.title}</span></button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <CaseDocuments ctx={ctx} view={view} canHandle={forms.canHandle} errors={errors} />
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">{t('cases.section.links')}</h2>
        {view.links.length === 0 ? <p>{t('cases.link.none')}</p> : (
          <ul>{view.links.map((l) => <li><a href={`/cases/${l.id}`}>{l.reference}</a> ({vocabLabel('status', l.status, lang)})</li>)}</ul>
        )}
        {view.supportCase && <p>{t('cases.support.link')} <a href={`/cases/${view.supportCase.id}`}>{view.supportCase.reference}</a></p>}
        <p><a href={`/cases/${view.id}/identifiers`}>{t('patterns.identifiers.link')}</a></p>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('cases.status.history')}</h2>
        <ul>
          {view.assignments.map((a) => <li>{a.at.toISOString().slice(0, 10)}: {t('cases.assign.history', { name: a.adviserName })}{a.reason && ` — ${a.reason}`}</li>)}
          {view.history.map((h) => (
            <li>{h.at.toISOString().slice(0, 10)}: {vocabLabel('status', h.from, lang)} → {vocabLabel('status', h.to, lang)} ({h.by}){h.reason && ` — ${h.reason}`}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="safety-heading">
        <h2 id="safety-heading">{t('issue5.section')}</h2>
        <ul data-testid="safety-links">
          {(['risk', 'plan', 'escalation', 'referrals', 'police', 'threats', 'consultations', 'mdo'] as const).map((p) => <li><a href={`/cases/${view.id}/${p}`}>{t(`issue5.link.${p}`)}</a></li>)}
        </ul>
      </section>
      <CaseForms ctx={ctx} view={view} errors={errors} values={values} {...forms} />
      <RetentionHoldPanel ctx={ctx} caseId={view.id} canHandle={forms.canHandle} panel={retention} />
    </Layout>
  );
}
