import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { getConsentLedger } from '../consent/consent.service.js';
import { exportCorrespondence } from './subject-export.sections.js';
import { loadCaseContext, type CaseContext } from '../cases/case-context.js';

/**
 * Data-subject access (GDPR art. 15): everything held about the reporter of one case — the
 * report's fields, the narrative, the identities, the messages, attachments (as a list),
 * minutes, contacts and notification address, the consent ledger (with withdrawals), and who
 * accessed the case when. Audited. Going to the reporter themself, it needs no consent
 * (docs/decisions/011-sharing-and-the-consent-ledger.md).
 */
export async function exportReporterData(
  db: Db,
  keyring: Keyring,
  c: CaseContext,
  actor: AuditActor,
) {
  const row = await db
    .selectFrom('case')
    .selectAll()
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  const sealer = await loadCaseContext(db, keyring, c.id, { kind: 'system' });
  const parties = await db
    .selectFrom('case_party')
    .select(['party', 'identity'])
    .where('case_id', '=', c.id)
    .execute();
  const ledger = await getConsentLedger(db, keyring, c.id);
  const correspondence = await exportCorrespondence(db, keyring, c.id, actor);
  const trail = await db
    .selectFrom('audit_event')
    .select(['occurred_at', 'type', 'actor_kind'])
    .where('case_id', '=', c.id)
    .orderBy('id')
    .execute();
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, { type: 'REPORTER_DATA_EXPORTED', actor, teamId: c.teamId, caseId: c.id }),
    );
  return {
    reference: row.reference,
    receivedOn: row.received_on,
    channel: row.channel,
    via: row.via,
    behalf: row.behalf,
    preferredChannel: row.preferred_channel,
    happened: sealer.openOptional(row.happened, 'happened'),
    category: row.category,
    subtype: row.subtype,
    location: row.location,
    reporterRole: row.reporter_role,
    accusedRole: row.accused_role,
    reporterGoal: row.reporter_goal,
    status: row.status,
    followUp: row.follow_up,
    closedOn: row.closed_on,
    narrative: sealer.openOptional(row.summary, 'summary'),
    identities: Object.fromEntries(
      parties.map((p) => [p.party, JSON.parse(sealer.openText(p.identity, `party:${p.party}`))]),
    ),
    ...correspondence,
    consents: ledger.consents.map(({ recordedByName: _n, ...rest }) => rest),
    accessLog: trail.map((e) => ({ at: e.occurred_at, type: e.type, by: e.actor_kind })),
  };
}
