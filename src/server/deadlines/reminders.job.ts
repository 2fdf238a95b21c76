import type { Deps } from '../bootstrap.js';
import type { Job } from '../jobs/job.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import {
  addDays,
  deadlineState,
  isoDate,
  nextCheckinAfter,
  openDeadlineKind,
} from './deadline-rules.js';
import {
  listCheckinCandidates,
  listDeadlineCandidates,
  listDueTasks,
} from './reminders.queries.js';
import { adviserOf, remindOnce, type DueItem, type Reminder } from './remind-once.js';

export type ReminderKind =
  'ack_due' | 'ack_overdue' | 'feedback_due' | 'feedback_overdue' | 'checkin' | 'task_due';

const MAX_LEAD_DAYS = 60;

async function collectDueItems(deps: Deps, today: string): Promise<DueItem<ReminderKind>[]> {
  const out: DueItem<ReminderKind>[] = [];
  for (const c of await listDeadlineCandidates(deps.db, addDays(today, MAX_LEAD_DAYS))) {
    const facts = {
      status: c.status,
      ackDueOn: c.ack_due_on,
      acknowledgedOn: c.acknowledged_on,
      feedbackDueOn: c.feedback_due_on,
      feedbackGivenOn: c.feedback_given_on,
    };
    const kind = openDeadlineKind(facts);
    const state = deadlineState(c.next_due_on, today, c.reminder_lead_days);
    if (!kind || !state || !c.next_due_on) continue;
    out.push({
      key: `${kind}_${state}:${c.id}:${c.next_due_on}`,
      kind: `${kind}_${state}`,
      caseId: c.id,
      teamId: c.team_id,
      reference: c.reference,
      dueOn: c.next_due_on,
      adviser: adviserOf(c),
    });
  }
  for (const c of await listCheckinCandidates(deps.db, today)) {
    const weeks = c.aftercare_every_weeks ?? 4;
    out.push({
      key: `checkin:${c.id}:${c.next_checkin_on}`,
      kind: 'checkin',
      caseId: c.id,
      teamId: c.team_id,
      reference: c.reference,
      dueOn: c.next_checkin_on!,
      adviser: adviserOf(c),
      after: async (trx) => {
        await trx
          .updateTable('case')
          .set({ next_checkin_on: nextCheckinAfter(c.next_checkin_on!, weeks, today) })
          .where('id', '=', c.id)
          .where('next_checkin_on', '=', c.next_checkin_on)
          .execute();
      },
    });
  }
  for (const task of await listDueTasks(deps.db, today)) {
    out.push({
      key: `task_due:${task.task_id}`,
      kind: 'task_due',
      caseId: task.id,
      teamId: task.team_id,
      reference: task.reference,
      dueOn: task.due_on,
      adviser: adviserOf(task),
    });
  }
  return out;
}

/** Sends every deadline, check-in and task reminder due at `now`, each exactly once (see remindOnce). */
export async function sendDueReminders(deps: Deps, now: Date): Promise<number> {
  return remindOnce(deps, await collectDueItems(deps, isoDate(now)), {
    auditType: 'CASE_REMINDER_SENT',
    mail: (t, r) => reminderMail(deps, t, r),
  });
}

/** Content-free: which case (by reference), what kind of date, and a link. Nothing of the report. */
function reminderMail(deps: Deps, t: Translate, r: Reminder<ReminderKind>) {
  const what = t(`deadlines.kind.${r.kind}` as MessageKey);
  const body = t('deadlines.mail.body', {
    reference: r.reference,
    what,
    date: r.dueOn,
    url: `${r.siteUrl}/cases/${r.caseId}`,
  });
  return {
    subject: t('deadlines.mail.subject', { what }),
    text: r.unassigned ? `${t('deadlines.mail.unassigned')}\n\n${body}` : body,
  };
}

export const deadlineRemindersJob: Job = {
  name: 'deadline-reminders',
  everyMinutes: 15,
  run: (deps, now) => sendDueReminders(deps, now).then(() => undefined),
};
