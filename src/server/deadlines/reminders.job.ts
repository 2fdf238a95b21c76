import type { Deps } from '../bootstrap.js';
import { recordAudit } from '../audit/audit.service.js';
import { registerJob } from '../jobs/scheduler.js';
import { translator, type MessageKey } from '../../i18n/i18n.js';
import { addDays, deadlineState, isoDate, nextCheckinAfter, openDeadlineKind } from './deadline-rules.js';
import { claimReminder, listCheckinCandidates, listDeadlineCandidates, listDueTasks, listTeamCoordinators } from './reminders.queries.js';

export type ReminderKind = 'ack_due' | 'ack_overdue' | 'feedback_due' | 'feedback_overdue' | 'checkin' | 'task_due';

interface Recipient {
  id: string;
  email: string;
  locale: 'nl' | 'en';
}

/** Something due on a case, before it is addressed to anyone. */
interface DueItem {
  key: string;
  kind: ReminderKind;
  caseId: string;
  teamId: string;
  reference: string;
  dueOn: string;
  /** The case's active adviser; without one the team's coordinators are reminded. */
  adviser: Recipient | undefined;
  /** Runs in the reminder's transaction after the key is claimed (e.g. schedule the next check-in). */
  after?: (trx: Deps['db']) => Promise<void>;
}

interface Reminder extends DueItem {
  recipient: Recipient;
  /** The case has no adviser: the mail goes to a coordinator of the team. */
  unassigned: boolean;
}

const MAX_LEAD_DAYS = 60;

const adviserOf = (r: { adviser_id: string | null; email: string | null; locale: 'nl' | 'en' | null }): Recipient | undefined =>
  r.adviser_id && r.email ? { id: r.adviser_id, email: r.email, locale: r.locale ?? 'nl' } : undefined;

async function collectDueItems(deps: Deps, today: string): Promise<DueItem[]> {
  const out: DueItem[] = [];
  for (const c of await listDeadlineCandidates(deps.db, addDays(today, MAX_LEAD_DAYS))) {
    const facts = { status: c.status, ackDueOn: c.ack_due_on, acknowledgedOn: c.acknowledged_on, feedbackDueOn: c.feedback_due_on, feedbackGivenOn: c.feedback_given_on };
    const kind = openDeadlineKind(facts);
    const state = deadlineState(c.next_due_on, today, c.reminder_lead_days);
    if (!kind || !state || !c.next_due_on) continue;
    out.push({ key: `${kind}_${state}:${c.id}:${c.next_due_on}`, kind: `${kind}_${state}`, caseId: c.id, teamId: c.team_id, reference: c.reference, dueOn: c.next_due_on, adviser: adviserOf(c) });
  }
  for (const c of await listCheckinCandidates(deps.db, today)) {
    const weeks = c.aftercare_every_weeks ?? 4;
    out.push({
      key: `checkin:${c.id}:${c.next_checkin_on}`, kind: 'checkin', caseId: c.id, teamId: c.team_id, reference: c.reference, dueOn: c.next_checkin_on!, adviser: adviserOf(c),
      after: async (trx) => {
        await trx.updateTable('case').set({ next_checkin_on: nextCheckinAfter(c.next_checkin_on!, weeks, today) }).where('id', '=', c.id).where('next_checkin_on', '=', c.next_checkin_on).execute();
      },
    });
  }
  for (const task of await listDueTasks(deps.db, today)) {
    out.push({ key: `task_due:${task.task_id}`, kind: 'task_due', caseId: task.id, teamId: task.team_id, reference: task.reference, dueOn: task.due_on, adviser: adviserOf(task) });
  }
  return out;
}

/**
 * Every reminder that is due at `now`, addressed: to the case's adviser, or — when no (active)
 * adviser is assigned — to each coordinator of the team. Each has a key that names it once
 * and for all (per coordinator when it goes to coordinators).
 */
export async function collectReminders(deps: Deps, now: Date): Promise<Reminder[]> {
  const items = await collectDueItems(deps, isoDate(now));
  const unassignedTeams = [...new Set(items.filter((i) => !i.adviser).map((i) => i.teamId))];
  const coordinators = await listTeamCoordinators(deps.db, unassignedTeams);
  return items.flatMap((item): Reminder[] => {
    if (item.adviser) return [{ ...item, recipient: item.adviser, unassigned: false }];
    return coordinators
      .filter((c) => c.team_id === item.teamId)
      .map((c) => ({ ...item, key: `${item.key}:coordinator:${c.id}`, recipient: { id: c.id, email: c.email, locale: c.locale }, unassigned: true }));
  });
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
        if (!(await claimReminder(trx, { key: r.key, caseId: r.caseId, kind: r.kind, recipientId: r.recipient.id }))) return false;
        await r.after?.(trx);
        await deps.mailer.send(reminderMail(deps, r));
        await recordAudit(trx, {
          type: 'CASE_REMINDER_SENT',
          actor: { kind: 'system' },
          teamId: r.teamId,
          caseId: r.caseId,
          detail: { kind: r.kind, recipientId: r.recipient.id, dueOn: r.dueOn, ...(r.unassigned ? { unassigned: true } : {}) },
        });
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
  const t = translator(r.recipient.locale);
  const what = t(`deadlines.kind.${r.kind}` as MessageKey);
  const body = t('deadlines.mail.body', { reference: r.reference, what, date: r.dueOn, url: `${deps.config.baseUrl}/cases/${r.caseId}` });
  return {
    to: r.recipient.email,
    subject: t('deadlines.mail.subject', { what }),
    text: r.unassigned ? `${t('deadlines.mail.unassigned')}\n\n${body}` : body,
  };
}

registerJob({ name: 'deadline-reminders', everyMinutes: 15, run: (deps, now) => sendDueReminders(deps, now).then(() => undefined) });
