import type { Deps } from '../bootstrap.js';
import type { Job } from '../jobs/job.js';
import type { Translate } from '../../i18n/i18n.js';
import { adviserOf, remindOnce, type DueItem, type Reminder } from '../deadlines/remind-once.js';
import { addDays, REMIND_DAYS_BEFORE } from '../../domain/rights.js';
import { listDueReviews, listRequestsToRemind } from './rights.queries.js';

export type RightsReminderKind = 'rights_due' | 'art14_review';

/**
 * Two content-free reminders, each sent once through the shared reminder path (remindOnce):
 * an open data-subject request whose legal term ends within a week goes to the team's
 * coordinators (who decide); a deferred art. 14 information whose review date has come goes to
 * the case's adviser (the coordinators when nobody is assigned).
 */
export async function sendRightsReminders(deps: Deps, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const items: DueItem<RightsReminderKind>[] = [];
  for (const r of await listRequestsToRemind(deps.db, addDays(today, REMIND_DAYS_BEFORE))) {
    items.push({
      key: `rights_due:${r.id}:${r.due_on}`,
      kind: 'rights_due',
      caseId: r.case_id,
      teamId: r.team_id,
      reference: r.reference,
      dueOn: r.due_on,
      adviser: undefined,
    });
  }
  for (const c of await listDueReviews(deps.db, today)) {
    items.push({
      key: `art14_review:${c.id}:${c.review_on}`,
      kind: 'art14_review',
      caseId: c.id,
      teamId: c.team_id,
      reference: c.reference,
      dueOn: c.review_on!,
      adviser: adviserOf(c),
    });
  }
  return remindOnce(deps, items, {
    auditType: 'RIGHTS_REMINDER_SENT',
    mail: (t, r) => reminderMail(deps, t, r),
  });
}

function reminderMail(deps: Deps, t: Translate, r: Reminder<RightsReminderKind>) {
  const url = `${r.siteUrl}/cases/${r.caseId}/rights`;
  const what = t(r.kind === 'rights_due' ? 'rights.mail.requestDue' : 'rights.mail.reviewDue');
  const body = t('rights.mail.body', { reference: r.reference, what, date: r.dueOn, url });
  return {
    subject: t('rights.mail.subject', { what }),
    text:
      r.unassigned && r.kind === 'art14_review'
        ? `${t('deadlines.mail.unassigned')}\n\n${body}`
        : body,
  };
}

export const rightsRemindersJob: Job = {
  name: 'rights-reminders',
  everyMinutes: 60,
  run: async (deps, now) => void (await sendRightsReminders(deps, now)),
};
