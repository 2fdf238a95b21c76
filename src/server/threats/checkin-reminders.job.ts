import type { Deps } from '../bootstrap.js';
import { adviserOf, remindOnce, type DueItem } from '../deadlines/remind-once.js';
import type { Job } from '../jobs/job.js';
import { listDueThreatCheckins } from './checkin-reminders.queries.js';

/** Threat cases whose check-in date has come: one item per case and date. */
async function collectCheckins(deps: Deps, today: string): Promise<DueItem<'threat_checkin'>[]> {
  return (await listDueThreatCheckins(deps.db, today)).map((d) => ({
    key: `threat_checkin:${d.id}:${d.next_checkin_on}`,
    kind: 'threat_checkin',
    caseId: d.id,
    teamId: d.team_id,
    reference: d.reference,
    dueOn: d.next_checkin_on!,
    adviser: adviserOf(d),
  }));
}

/**
 * Periodic check-ins after public appearances (threats): when a case's next check-in date has
 * come, the adviser (or, with nobody assigned, each coordinator) gets one content-free e-mail,
 * exactly once per date, also with several server processes; recording the check-in sets the
 * next date.
 */
export async function sendThreatCheckinReminders(deps: Deps, now: Date): Promise<number> {
  return remindOnce(deps, await collectCheckins(deps, now.toISOString().slice(0, 10)), {
    auditType: 'THREAT_CHECKIN_REMINDED',
    mail: (t, r) => ({
      subject: t('threats.mail.subject'),
      text: t('threats.mail.body', {
        reference: r.reference,
        date: r.dueOn,
        url: `${r.siteUrl}/cases/${r.caseId}/threats`,
      }),
    }),
  });
}

export const threatCheckinJob: Job = {
  name: 'threat-checkin-reminders',
  everyMinutes: 60,
  run: async (deps, now) => void (await sendThreatCheckinReminders(deps, now)),
};
