import type { Deps } from '../bootstrap.js';
import { institutionBaseUrlOfCase } from '../tenancy/institution-url.js';
import { recordAudit } from '../audit/audit.service.js';
import { renderMail } from '../mail/mail.templates.js';
import { sendEach } from '../jobs/send-each.js';
import {
  listOpenAlerts,
  listRota,
  listRotaCandidates,
  listUrgentCasesWithoutAlert,
} from './urgent.queries.js';

const WEEK_MS = 7 * 86400_000;

/** Who is called, in order: the team's rota, or — without one — its coordinators. */
async function callList(deps: Deps, teamId: string) {
  const rota = await listRota(deps.db, teamId);
  if (rota.length) return rota;
  return (await listRotaCandidates(deps.db, teamId)).filter((c) => c.role === 'safety_coordinator');
}

/**
 * Sends what is due at `now`: the first notice of a new alert to the first person on call, and
 * for an alert nobody acknowledged within the team's escalation time, one notice to the next
 * person on the rota. Each (alert, level) is sent once: the notice row is inserted ON CONFLICT DO
 * NOTHING in the transaction that sends the mail and audits it; a failed mail rolls it back.
 */
export async function sendDueUrgentNotices(
  deps: Deps,
  now: Date,
  only?: { caseId: string },
): Promise<number> {
  if (!only) {
    for (const c of await listUrgentCasesWithoutAlert(deps.db, new Date(now.getTime() - WEEK_MS))) {
      await deps.db.transaction().execute(async (trx) => {
        const alert = await trx
          .insertInto('urgent_alert')
          .values({ case_id: c.id, team_id: c.team_id, raised_at: c.created_at })
          .onConflict((oc) => oc.column('case_id').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (alert)
          await recordAudit(trx, {
            type: 'CASE_MARKED_URGENT',
            actor: { kind: 'system' },
            teamId: c.team_id,
            caseId: c.id,
            detail: { alertId: alert.id },
          });
      });
    }
  }
  return sendEach(await listOpenAlerts(deps.db, only ? { caseId: only.caseId } : {}), async (a) => {
    const lastLevel = a.last_level ?? 0;
    const isDue =
      lastLevel === 0 ||
      (a.last_sent_at !== null &&
        now.getTime() - new Date(a.last_sent_at).getTime() >= a.urgent_escalation_minutes * 60_000);
    const person = (await callList(deps, a.team_id))[lastLevel];
    if (!isDue || !person) return false;
    const level = lastLevel + 1;
    return deps.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('urgent_alert_notice')
        .values({ alert_id: a.id, level, user_id: person.id, sent_at: now })
        .onConflict((oc) => oc.columns(['alert_id', 'level']).doNothing())
        .returning('level')
        .executeTakeFirst();
      if (!claimed) return false;
      const siteUrl = await institutionBaseUrlOfCase(trx, deps.config, a.case_id);
      await deps.mailer.send(
        renderMail('urgentAlert', person.locale, person.email, {
          link: `${siteUrl}/urgent/${a.id}`,
          escalated: level > 1,
        }),
      );
      await recordAudit(trx, {
        type: level > 1 ? 'URGENT_ALERT_ESCALATED' : 'URGENT_ALERT_SENT',
        actor: { kind: 'system' },
        teamId: a.team_id,
        caseId: a.case_id,
        detail: { alertId: a.id, level, recipientId: person.id },
      });
      return true;
    });
  });
}

/** Sends the first notice right away; when that fails (mail server down) the job retries within a minute. */
export async function alertAtOnce(deps: Deps, caseId: string): Promise<void> {
  await sendDueUrgentNotices(deps, new Date(), { caseId }).catch(() => 0);
}

/** After an intake marked urgent. */
export async function alertAfterIntake(deps: Deps, caseId: string): Promise<void> {
  const row = await deps.db
    .selectFrom('case')
    .select('id')
    .where('id', '=', caseId)
    .where('is_urgent', '=', true)
    .executeTakeFirst();
  if (row) await alertAtOnce(deps, row.id);
}
