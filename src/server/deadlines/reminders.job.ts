import type { Deps } from '../bootstrap.js';
import { recordAudit } from '../audit/audit.service.js';
import { registerJob } from '../jobs/scheduler.js';
import { translator, type MessageKey } from '../../i18n/i18n.js';
import { addDays, deadlineState, isoDate, nextCheckinAfter, openDeadlineKind } from './deadline-rules.js';
import { claimReminder, listCheckinCandidates, listDeadlineCandidates, listDueTasks } from './reminders.queries.js';

export type ReminderKind = 'ack_due' | 'ack_overdue' | 'feedback_due' | 'feedback_overdue' | 'checkin' | 'task_due';

interface Reminder {
  key: string;
  kind: ReminderKind;
  caseId: string;
  teamId: string;
  reference: string;
  dueOn: string;
  adviserId: string;
  email: string;
  locale: 'nl' | 'en';
  /** Runs in the reminder's transaction after the key is claimed (e.g. schedule the next check-in). */
  after?: (trx: Deps['db']) => Promise<void>;
}

const MAX_LEAD_DAYS = 60;

/** Every reminder that is due at `now`; each has a key that names it once and for all. */
export async function collectReminders(deps: Deps, now: Date): Promise<Reminder[]> {
  const today = isoDate(now);
  const out: Reminder[] = [];
  for (const c of await listDeadlineCandidates(deps.db, addDays(today, MAX_LEAD_DAYS))) {
    const facts = { status: c.status, ackDueOn: c.ack_due_on, acknowledgedOn: c.acknowledged_on, feedbackDueOn: c.feedback_due_on, feedbackGivenOn: c.feedback_given_on };
    const kind = openDeadlineKind(facts);
    const state = deadlineState(c.next_due_on, today, c.reminder_lead_days);
    if (!kind || !state || !c.next_due_on) continue;
    out.push({ key: `${kind}_${state}:${c.id}:${c.next_due_on}`, kind: `${kind}_${state}`, caseId: c.id, teamId: c.team_id, reference: c.reference, dueOn: c.next_due_on, adviserId: c.adviser_id, email: c.email, locale: c.locale });
  }
  for (const c of await listCheckinCandidates(deps.db, today)) {
    const weeks = c.aftercare_every_weeks ?? 4;
    out.push({
      key: `checkin:${c.id}:${c.next_checkin_on}`, kind: 'checkin', caseId: c.id, teamId: c.team_id, reference: c.reference, dueOn: c.next_checkin_on!, adviserId: c.adviser_id, email: c.email, locale: c.locale,
      after: async (trx) => {
        await trx.updateTable('case').set({ next_checkin_on: nextCheckinAfter(c.next_checkin_on!, weeks, today) }).where('id', '=', c.id).where('next_checkin_on', '=', c.next_checkin_on).execute();
      },
    });
  }
  for (const task of await listDueTasks(deps.db, today)) {
    out.push({ key: `task_due:${task.task_id}`, kind: 'task_due', caseId: task.id, teamId: task.team_id, reference: task.reference, dueOn: task.due_on, adviserId: task.adviser_id, email: task.email, locale: task.locale });
  }
  return out;
}

/**
 * Sends each due reminder exactly once: the key row is inserted ON CONFLICT DO NOTHING in the
 * same transaction as the mail and its audit event. A second process inserting the same key
 * waits for the first to commit and then finds it taken; if the first fails (no mail sent),
 * its transaction rolls back and the reminder is sent on a later run.
 */
export async function sendDueReminders(deps: Deps, now: Date): Promise<number> {
  let sent = 0;
  let firstError: unknown;
  for (const r of await collectReminders(deps, now)) {
    try {
      const didSend = await deps.db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, { key: r.key, caseId: r.caseId, kind: r.kind, recipientId: r.adviserId }))) return false;
        await r.after?.(trx);
        await deps.mailer.send(reminderMail(deps, r));
        await recordAudit(trx, { type: 'CASE_REMINDER_SENT', actor: { kind: 'system' }, teamId: r.teamId, caseId: r.caseId, detail: { kind: r.kind, recipientId: r.adviserId, dueOn: r.dueOn } });
        return true;
      });
      if (didSend) sent++;
    } catch (err) {
      firstError ??= err;
    }
  }
  if (firstError) throw firstError;
  return sent;
}

/** Content-free: which case (by reference), what kind of date, and a link. Nothing of the report. */
function reminderMail(deps: Deps, r: Reminder) {
  const t = translator(r.locale);
  const what = t(`deadlines.kind.${r.kind}` as MessageKey);
  return {
    to: r.email,
    subject: t('deadlines.mail.subject', { what }),
    text: t('deadlines.mail.body', { reference: r.reference, what, date: r.dueOn, url: `${deps.config.baseUrl}/cases/${r.caseId}` }),
  };
}

registerJob({ name: 'deadline-reminders', everyMinutes: 15, run: (deps, now) => sendDueReminders(deps, now).then(() => undefined) });
