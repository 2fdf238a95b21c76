import { vocabLabel } from '../../domain/labels.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { DateText } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { CaseView } from './cases.presenter.js';
import {
  TIMELINE_FILTERS,
  type CaseOverview,
  type TimelineEntry,
  type TimelineFilter,
} from './case-overview.service.js';

export interface RecipientNames {
  /** Display names of people and partners named in consents, by their stored key. */
  person: Map<string, string>;
  partner: Map<string, { nl: string; en: string }>;
}

/** The answer to "where is this case?" at a glance: the top of the case page (issue 19). */
export function CaseSummary({
  ctx,
  view,
  overview,
  teamName,
  orgUnit,
}: {
  ctx: ViewContext;
  view: CaseView;
  overview: CaseOverview;
  teamName?: string;
  /** The faculty or unit's name; null when not known (issue 19). */
  orgUnit?: string | null;
}) {
  const { t, lang } = ctx;
  const none = t('case.none');
  const next = overview.nextDeadline;
  const reporter = view.isAnonymous
    ? t('workspace.summary.anonymous')
    : view.reporter
      ? `${t('workspace.summary.named')}: ${view.reporter.name}`
      : `${t('workspace.summary.named')} — ${t('workspace.summary.identityHidden')}`;
  const item = (key: string, value: unknown, testid?: string) => (
    <div class="utrecht-data-list__item" data-testid={testid}>
      <dt class="utrecht-data-list__item-key">{key}</dt>
      <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="summary-heading" class="case-summary" data-testid="case-summary">
      <h2 id="summary-heading" class="visually-hidden">
        {t('workspace.summary.heading')}
      </h2>
      <p class="case-summary__badges">
        <span class="utrecht-badge-status badge--status">
          {vocabLabel('status', view.status, lang)}
        </span>
        {view.isUrgent && (
          <span class="utrecht-badge-status badge--alert" data-testid="urgent">
            {t('workspace.summary.urgent')}
          </span>
        )}
        {next?.isOverdue && (
          <span class="utrecht-badge-status badge--alert" data-testid="overdue">
            {t('workspace.summary.overdue')}
          </span>
        )}
      </p>
      <dl class="utrecht-data-list case-summary__list">
        {item(
          t('workspace.summary.nextDeadline'),
          next ? (
            <>
              {t(`workspace.deadline.${next.kind}` as MessageKey)}:{' '}
              <DateText value={next.on} lang={lang} />
              {next.isOverdue && <strong> ({t('workspace.summary.overdue')})</strong>}
            </>
          ) : (
            none
          ),
          'next-deadline',
        )}
        {item(
          t('workspace.summary.risk'),
          overview.risk ? (
            <>
              {t(`risk.level.${overview.risk.level}` as MessageKey)} —{' '}
              {t('workspace.summary.assessedOn')}{' '}
              <DateText value={overview.risk.assessedAt} lang={lang} />
            </>
          ) : (
            <a href={`/cases/${view.id}/risk`}>{t('workspace.summary.noRisk')}</a>
          ),
          'risk',
        )}
        {item(t('inbox.adviser'), view.adviserName ?? t('inbox.unassigned'), 'adviser')}
        {item(t('case.reporter'), reporter, 'reporter')}
        {item(
          t('workspace.summary.intermediary'),
          view.via === 'self'
            ? t('workspace.summary.self')
            : `${vocabLabel('via', view.via, lang)}${view.intermediary ? `: ${view.intermediary}` : ''}`,
          'intermediary',
        )}
        {orgUnit !== undefined &&
          item(t('records.orgUnit'), orgUnit ?? t('records.orgUnitNone'), 'org-unit')}
        {item(
          t('workspace.summary.openTasks'),
          overview.openTasks.count === 0 ? (
            none
          ) : (
            <>
              {overview.openTasks.count}
              {overview.openTasks.nextDueOn && (
                <>
                  {' '}
                  — {t('workspace.summary.firstDue')}{' '}
                  <DateText value={overview.openTasks.nextDueOn} lang={lang} />
                </>
              )}
              {overview.openTasks.isOverdue && <strong> ({t('workspace.summary.overdue')})</strong>}
            </>
          ),
          'open-tasks',
        )}
        {item(
          t('consent.title'),
          <a href={`/cases/${view.id}/consents`}>
            {t('workspace.summary.consents', {
              active: overview.consents.active,
              withdrawn: overview.consents.withdrawn,
            })}
          </a>,
          'consents',
        )}
        {item(
          t('cases.section.links'),
          view.links.length === 0 ? (
            none
          ) : (
            <>
              {view.links.map((l, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/cases/${l.id}`}>{l.reference}</a>
                </>
              ))}
            </>
          ),
          'linked',
        )}
        {item(
          t('inbox.received'),
          <>
            <DateText value={view.receivedOn} lang={lang} />
            {teamName && ` — ${teamName}`}
          </>,
        )}
      </dl>
    </section>
  );
}

const FILTER_KEYS: Record<TimelineFilter, MessageKey> = {
  contacts: 'workspace.timeline.filter.contacts',
  messages: 'workspace.timeline.filter.messages',
  status: 'workspace.timeline.filter.status',
  risk: 'workspace.timeline.filter.risk',
  sharing: 'workspace.timeline.filter.sharing',
};

/** How many timeline entries the case page shows before "show older" (issue 19: two screens at 1280 px). */
export const TIMELINE_PAGE = 6;

/**
 * One chronological list, newest first, of what happened in the case; filterable by kind and
 * the older entries behind a link, both without script.
 */
export function CaseTimeline({
  ctx,
  view,
  overview,
  filter,
  showAll = false,
  names,
}: {
  ctx: ViewContext;
  view: CaseView;
  overview: CaseOverview;
  filter?: TimelineFilter;
  showAll?: boolean;
  names: RecipientNames;
}) {
  const { t } = ctx;
  const matching = filter
    ? overview.timeline.filter((e) => e.filter === filter)
    : overview.timeline;
  const entries = showAll ? matching : matching.slice(0, TIMELINE_PAGE);
  const older = matching.length - entries.length;
  const href = (f: TimelineFilter | undefined, all: boolean) => {
    const query = [f && `timeline=${f}`, all && 'older=all'].filter(Boolean).join('&');
    return `/cases/${view.id}${query ? `?${query}` : ''}#timeline-heading`;
  };
  const link = (f: TimelineFilter | undefined, label: string) => (
    <li>
      <a href={href(f, false)} aria-current={f === filter ? 'true' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" class="utrecht-heading-2">
        {t('workspace.timeline.heading')}
      </h2>
      <nav aria-label={t('workspace.timeline.filterLabel')}>
        <ul class="filter-links">
          {link(undefined, t('workspace.timeline.filter.all'))}
          {TIMELINE_FILTERS.map((f) => link(f, t(FILTER_KEYS[f])))}
        </ul>
      </nav>
      {entries.length === 0 ? (
        <p>{t('workspace.timeline.none')}</p>
      ) : (
        <ol class="timeline" data-testid="timeline">
          {entries.map((e) => (
            <TimelineItem ctx={ctx} view={view} entry={e} names={names} />
          ))}
        </ol>
      )}
      {older > 0 && (
        <p class="timeline__more">
          <a href={href(filter, true)} data-testid="timeline-older">
            {t('workspace.timeline.older', { n: older })}
          </a>
        </p>
      )}
    </section>
  );
}

function recipientLabel(
  ctx: ViewContext,
  names: RecipientNames,
  kind: string,
  recipient: string,
): string {
  const { t, lang } = ctx;
  if (kind === 'person')
    return names.person.get(recipient) ?? t('workspace.timeline.unknownPerson');
  if (kind === 'partner') return names.partner.get(recipient)?.[lang] ?? recipient;
  return t(`admin.role.${recipient}` as MessageKey) ?? recipient;
}

/** One compact row: the date and kind in bold, what happened after it on the same line. */
function Row({
  when,
  kind,
  children,
  extra,
}: {
  when: unknown;
  kind: string;
  children?: unknown;
  extra?: string;
}) {
  return (
    <li class={`timeline__item${extra ? ` ${extra}` : ''}`}>
      <p>
        <span class="timeline__meta">
          {when} — {kind}
        </span>
        {children !== undefined && <>: {children}</>}
      </p>
    </li>
  );
}

function TimelineItem({
  ctx,
  view,
  entry: e,
  names,
}: {
  ctx: ViewContext;
  view: CaseView;
  entry: TimelineEntry;
  names: RecipientNames;
}) {
  const { t, lang } = ctx;
  const when = <DateText value={e.at} lang={lang} />;
  const label = (k: string) => t(k as MessageKey);
  switch (e.kind) {
    case 'received':
      return (
        <Row when={when} kind={t('workspace.timeline.received')}>
          {vocabLabel('channel', e.channel, lang)}
        </Row>
      );
    case 'contact':
      return (
        <li class="timeline__item timeline__item--contact">
          <p>
            <span class="timeline__meta">
              {when} — {t('workspace.timeline.contact')}: {vocabLabel('channel', e.channel, lang)}
              {e.isFeedback && ` (${t('cases.contact.feedbackMark')})`}
            </span>{' '}
            <span class="hint">{t('cases.contact.recordedBy', { name: e.by })}</span>
          </p>
          <p>
            {t('cases.contact.participants')}: {e.participants}
          </p>
          <p class="narrative">{e.notes}</p>
        </li>
      );
    case 'message':
      return (
        <Row
          when={when}
          kind={
            e.fromReporter ? t('workspace.timeline.messageIn') : t('workspace.timeline.messageOut')
          }
        >
          <a href={`/cases/${view.id}/messages`}>{t('workspace.timeline.toMessages')}</a>
        </Row>
      );
    case 'status':
      return (
        <Row when={when} kind={t('workspace.timeline.status')}>
          {vocabLabel('status', e.from, lang)} → {vocabLabel('status', e.to, lang)} ({e.by})
          {e.reason && ` — ${e.reason}`}
        </Row>
      );
    case 'assignment':
      return (
        <Row when={when} kind={t('workspace.timeline.assignment')}>
          {t('cases.assign.history', { name: e.adviser })}
          {e.reason && ` — ${e.reason}`}
        </Row>
      );
    case 'risk':
      return (
        <Row when={when} kind={t('workspace.timeline.risk')}>
          {t(`risk.level.${e.level}` as MessageKey)} ({e.by})
        </Row>
      );
    case 'consent':
    case 'consentWithdrawn':
      return (
        <Row
          when={when}
          kind={
            e.kind === 'consent'
              ? t('workspace.timeline.consent')
              : t('workspace.timeline.consentWithdrawn')
          }
        >
          {label(`consent.info.${e.info}`)} →{' '}
          {recipientLabel(ctx, names, e.recipientKind, e.recipient)} (
          {label(`consent.purpose.${e.purpose}`)})
        </Row>
      );
    case 'referral':
      return (
        <Row when={when} kind={t('workspace.timeline.referral')}>
          {e.partner[lang]}
          {e.isWarmHandover && ` (${t('workspace.timeline.warmHandover')})`}
        </Row>
      );
    case 'mdoDecision':
      return (
        <li class="timeline__item" data-testid="timeline-mdo-decision">
          <p class="timeline__meta">
            {when} — {t('mdo.timeline.decision')}
          </p>
          <p>
            {t('mdo.meetingOn', { date: e.heldOn })} —{' '}
            <a href={`/cases/${view.id}/mdo`}>{t('mdo.timeline.read')}</a>
          </p>
        </li>
      );
  }
}
