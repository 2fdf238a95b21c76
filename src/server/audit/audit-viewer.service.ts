import type { Db } from '../db/create-db.js';
import { teamsWithRole } from '../../domain/roles.js';
import type { SessionUser } from '../../domain/roles.js';
import { recordAudit, verifyAuditChain } from './audit.service.js';
import { listAuditRows } from './audit.queries.js';

/** The coordinator's view of the trail of their teams' cases, with the chain's verification. */
export async function viewTeamAudit(db: Db, user: SessionUser, caseId: string | undefined) {
  const teamIds = teamsWithRole(user.memberships, ['safety_coordinator']);
  const rows = await listAuditRows(db, { teamIds, caseId, limit: 200 });
  const chain = await verifyAuditChain(db);
  await db.transaction().execute(async (trx) => {
    for (const teamId of teamIds) {
      await recordAudit(trx, {
        type: 'AUDIT_TRAIL_VIEWED',
        actor: { kind: 'user', userId: user.id },
        teamId,
        caseId: caseId ?? null,
      });
    }
  });
  return {
    chain,
    events: rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      type: r.type,
      actor: r.actor_name ?? r.actor_kind,
      caseId: r.case_id,
      reference: r.reference,
      detail: Object.entries(r.detail)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', '),
    })),
  };
}
export type AuditView = Awaited<ReturnType<typeof viewTeamAudit>>;
