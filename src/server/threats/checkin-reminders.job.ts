import type { Deps } from '../bootstrap.js';
import { recordAudit } from '../audit/audit.service.js';
import { claimReminder, listTeamCoordinators } from '../deadlines/reminders.queries.js';
import { registerJob } from '../jobs/scheduler.js';
import { translator } from '../../i18n/i18n.js';
import { listDueThreatCheckins } from './checkin-reminders.queries.js';

interface CheckinReminder {
  key: string;
  caseId: string;
  teamId: string;
  reference: string;
  dueOn: string;
  recipient: { id: string; email: string; locale: 'nl' | 'en' };
}

/** One reminder per check-in date: to the adviser, or to each coordinator when nobody is assigned. */
async function collectCheckinReminders(deps: Deps, today: string): Promise<CheckinReminder[]> {
  const due = await listDueThreatCheckins(deps.db, today);
  const coordinators = await listTeamCoordinators(deps.db, [...new Set(due.filter((d) => !d.adviser_id).map((d) => d.team_id))]);
  return due.flatMap((d) => {
    const base = { key: `threat_checkin:${d.id}:${d.next_checkin_on}`, caseId: d.id, teamId: d.team_id, reference: d.reference, dueOn: d.next_checkin_on! };
    if (d.adviser_id && d.email) return [{ ...base, recipient: { id: d.adviser_id, email: d.email, locale: d.locale ?? 'nl' } }];
    return coordinators.filter((c) => c.team_id === d.team_id).map((c) => ({ ...base, key: `${base.key}:coordinator:${c.id}`, recipient: { id: c.id, email: c.email, locale: c.locale } }));
  });
}

/**
 * Periodic check-ins after public appearances (threats): when a case's next check-in date has
 * come, the adviser gets one content-free e-mail. The reminder key (deadline_reminder) is
 * claimed in the same transaction as the mail and the audit event, so each date is reminded
 * exactly once, also with several server processes; recording the check-in sets the next date.
 */
export async function sendThreatCheckinReminders(deps: Deps, now: Date): Promise<number> {
  let sent = 0;
  let firstError: unknown;
  for (const r of await collectCheckinReminders(deps, now.toISOString().slice(0, 10))) {
    try {
      const done = await deps.db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, { key: r.key, caseId: r.caseId, kind: 'threat_checkin', recipientId: r.recipient.id }))) return false;
        await recordAudit(trx, { type: 'THREAT_CHECKIN_REMINDED', actor: { kind: 'system' }, teamId: r.teamId, caseId: r.caseId, detail: { recipientId: r.recipient.id, dueOn: r.dueOn } });
        const t = translator(r.recipient.locale);
        await deps.mailer.send({
          to: r.recipient.email,
          subject: t('threats.mail.subject'),
          text: t('threats.mail.body', { reference: r.reference, date: r.dueOn, url: `${deps.config.baseUrl}/cases/${r.caseId}/threats` }),
        });
        return true;
      });
      if (done) sent++;
    } catch (err) {
      firstError ??= err;
    }
  }
  if (firstError) throw firstError;
  return sent;
}

registerJob({ name: 'threat-checkin-reminders', everyMinutes: 60, run: async (deps, now) => void (await sendThreatCheckinReminders(deps, now)) });
