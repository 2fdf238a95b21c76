import { findCategory } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { Layout } from '../../ui/layout.js';
import { ErrorSummary, type FieldErrors } from '../../ui/form.js';
import { DateText } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { CaseView } from './cases.presenter.js';
import { CaseForms, type CaseFormsProps } from './case-forms.views.js';
import { CaseDocuments } from './case-documents.views.js';
import { OpenStepsNote } from '../protocols/protocols.views.js';
import { RetentionHoldPanel } from '../retention/retention.views.js';
import type { RetentionPanel } from '../retention/retention-panel.service.js';
import { intakeAnswerRows } from '../intake/intake-answer-rows.js';
import type { CaseOverview, TimelineFilter } from './case-overview.service.js';
import { CaseSummary, CaseTimeline } from './case-summary.views.js';

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
  /** Summary and timeline (issue 19). */
  overview: CaseOverview;
  timelineFilter?: TimelineFilter;
  /** Every timeline entry instead of the newest few ("show older", issue 19). */
  timelineAll?: boolean;
  notice?: string;
}

const SAFETY_PAGES = [
  'risk',
  'plan',
  'escalation',
  'referrals',
  'police',
  'threats',
  'consultations',
  'mdo',
] as const;

/**
 * The case as a workspace (issue 19): the summary on top, the story and the timeline in the
 * main column, and beside it the actions, each behind a disclosure that posts and comes back
 * here with a confirmation, and the links to the case's other pages. At 1280 px a demo case
 * fits in about two screens.
 */
export function CasePage({
  ctx,
  view,
  forms,
  errors = {},
  values = {},
  openProtocolSteps,
  retention,
  overview,
  timelineFilter,
  timelineAll,
  notice,
}: CasePageProps) {
  const { t, lang } = ctx;
  const category = view.categoryAsCreated ?? findCategory(view.category);
  const subtype = category?.subtypes.find((s) => s.key === view.subtype);
  const none = t('case.none');
  const date = (d: string | null) => (d ? <DateText value={d} lang={lang} /> : none);
  const rows: [string, unknown][] = [
    [t('inbox.received'), date(view.receivedOn)],
    [t('inbox.status'), vocabLabel('status', view.status, lang)],
    [
      t('inbox.category'),
      [category?.label[lang] ?? view.category, subtype?.label[lang]].filter(Boolean).join(' — '),
    ],
    [t('case.channel'), vocabLabel('channel', view.channel, lang)],
    [t('case.via'), vocabLabel('via', view.via, lang)],
    ...intakeAnswerRows(t, view, none),
    [t('case.reporterRole'), vocabLabel('role', view.reporterRole, lang)],
    [t('case.accusedRole'), vocabLabel('role', view.accusedRole, lang)],
    [t('case.location'), vocabLabel('location', view.location, lang)],
    [t('case.goal'), view.reporterGoal ? vocabLabel('goal', view.reporterGoal, lang) : none],
    [t('inbox.adviser'), view.adviserName ?? t('inbox.unassigned')],
    [t('case.ackDue'), date(view.ackDueOn)],
    [t('cases.acknowledgedOn'), date(view.acknowledgedOn)],
    [t('case.feedbackDue'), date(view.feedbackDueOn)],
    [t('cases.feedbackGivenOn'), date(view.feedbackGivenOn)],
    [
      t('cases.status.followUp'),
      view.followUp ? vocabLabel('followUp', view.followUp, lang) : none,
    ],
    [t('cases.status.closedOn'), date(view.closedOn)],
    [t('cases.status.nextCheckin'), date(view.nextCheckinOn)],
  ];
  const title = t('case.title', { reference: view.reference });
  const openTasks = view.tasks.filter((task) => !task.isDone);
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1 class="utrecht-heading-1">{title}</h1>
      {notice && (
        <p class="utrecht-alert utrecht-alert--ok notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} t={t} />
      {view.supportFor && (
        <p>
          {t('cases.support.for')}{' '}
          <a href={`/cases/${view.supportFor.id}`}>{view.supportFor.reference}</a>
        </p>
      )}
      <CaseSummary
        ctx={ctx}
        view={view}
        overview={overview}
        orgUnit={forms.orgUnits.find((u) => u.value === view.orgUnitKey)?.label ?? view.orgUnitKey}
      />
      <div class="case-workspace">
        <aside class="case-workspace__actions" aria-labelledby="actions-heading">
          <h2 id="actions-heading" class="utrecht-heading-2">
            {t('workspace.case.actions')}
          </h2>
          <CaseForms ctx={ctx} view={view} errors={errors} values={values} {...forms} />
          <nav aria-labelledby="sections-heading" class="case-sections">
            <h2 id="sections-heading" class="utrecht-heading-3">
              {t('workspace.case.sections')}
            </h2>
            <ul class="filter-links" data-testid="safety-links">
              <li>
                <a href={`/cases/${view.id}/messages`}>{t('correspondence.link')}</a>
              </li>
              <li>
                <a href={`/cases/${view.id}/consents`}>{t('consent.title')}</a>
              </li>
              {SAFETY_PAGES.map((p) => (
                <li>
                  <a href={`/cases/${view.id}/${p}`}>{t(`issue5.link.${p}`)}</a>
                </li>
              ))}
              <li>
                <a href={`/cases/${view.id}/identifiers`}>{t('patterns.identifiers.link')}</a>
              </li>
            </ul>
            <OpenStepsNote ctx={ctx} caseId={view.id} open={openProtocolSteps} />
          </nav>
          <RetentionHoldPanel
            ctx={ctx}
            caseId={view.id}
            canHandle={forms.canHandle}
            panel={retention}
          />
        </aside>
        <div class="case-workspace__main">
          <section aria-labelledby="narrative-heading">
            <h2 id="narrative-heading" class="utrecht-heading-2">
              {t('workspace.case.story')}
            </h2>
            {view.reporter && (
              <p>
                {t('case.reporter')}: {view.reporter.name}
                {view.reporter.contact && ` — ${view.reporter.contact}`}
                {view.reporter.verifiedBy && (
                  <strong data-testid="reporter-verified">
                    {' '}
                    {t('reporterSso.verifiedByInstitution')}
                  </strong>
                )}
              </p>
            )}
            <p class="narrative" data-testid="narrative">
              {view.narrative}
            </p>
            <details class="action">
              <summary class="action__summary">{t('workspace.case.allDetails')}</summary>
              <dl class="details">
                {rows.map(([term, value]) => (
                  <>
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                  </>
                ))}
              </dl>
            </details>
          </section>
          <CaseTimeline
            ctx={ctx}
            view={view}
            overview={overview}
            filter={timelineFilter}
            showAll={timelineAll}
            names={overview.names}
          />
          <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading" class="utrecht-heading-2">
              {t('cases.section.tasks')}
            </h2>
            {view.tasks.length === 0 ? (
              <p>{t('cases.task.none')}</p>
            ) : (
              <ul data-testid="tasks">
                {[...openTasks, ...view.tasks.filter((task) => task.isDone)].map((task) => (
                  <li>
                    <DateText value={task.dueOn} lang={lang} />: {task.title} —{' '}
                    {task.isDone ? t('cases.task.done') : t('cases.task.open')}
                    {!task.isDone && forms.canHandle && (
                      <form
                        method="post"
                        action={`/cases/${view.id}/tasks/${task.id}/done`}
                        class="inline-form"
                      >
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />{' '}
                        <button type="submit" class="link-button">
                          {t('cases.task.markDone')}
                          <span class="visually-hidden">: {task.title}</span>
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CaseDocuments ctx={ctx} view={view} canHandle={forms.canHandle} errors={errors} />
          {view.supportCase && (
            <p>
              {t('cases.support.link')}{' '}
              <a href={`/cases/${view.supportCase.id}`}>{view.supportCase.reference}</a>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}
