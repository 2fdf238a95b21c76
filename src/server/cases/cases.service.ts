import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { createDataKey, openText, seal, unwrapDataKey } from '../crypto/seal.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { canOpenCase, inboxTeamIds } from './cases.policy.js';
import { findCaseRow, findParty, listInboxRows, nextCaseNumber } from './cases.queries.js';
import { presentCase, presentInboxRow, type ReporterIdentity } from './cases.presenter.js';

export interface NewCase {
  teamId: string;
  source: 'intake' | 'staff';
  receivedOn: string;
  channel: string;
  via: string;
  reporterRole: string;
  reporterGender: string;
  orgUnitKey?: string;
  category: string;
  subtype?: string;
  location: string;
  accusedRole: string;
  reporterGoal?: string;
  isAnonymous: boolean;
  formVersion?: string;
  receiptHash?: Buffer;
  idempotencyKey?: string;
  narrative: string;
  reporter?: ReporterIdentity;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const aad = (caseId: string, field: string) => `case:${caseId}:${field}`;

/** Registers a report. Content is sealed under a fresh per-case key; call inside a transaction. */
export async function createCase(trx: Db, keyring: Keyring, input: NewCase, actor: AuditActor) {
  const team = await trx.selectFrom('team').select(['ack_days', 'feedback_days']).where('id', '=', input.teamId).executeTakeFirstOrThrow();
  const number = await nextCaseNumber(trx, input.teamId);
  const id = crypto.randomUUID();
  const reference = `${input.receivedOn.slice(0, 4)}-${String(number).padStart(4, '0')}`;
  const key = createDataKey(keyring, id);
  await trx
    .insertInto('case')
    .values({
      id,
      team_id: input.teamId,
      reference,
      source: input.source,
      received_on: input.receivedOn,
      channel: input.channel,
      via: input.via,
      reporter_role: input.reporterRole,
      reporter_gender: input.reporterGender,
      org_unit_key: input.orgUnitKey ?? null,
      category: input.category,
      subtype: input.subtype ?? null,
      location: input.location,
      accused_role: input.accusedRole,
      reporter_goal: input.reporterGoal ?? null,
      is_anonymous: input.isAnonymous,
      form_version: input.formVersion ?? null,
      receipt_hash: input.receiptHash ?? null,
      idempotency_key: input.idempotencyKey ?? null,
      ack_due_on: addDays(input.receivedOn, team.ack_days),
      feedback_due_on: addDays(input.receivedOn, team.feedback_days),
      summary: seal(key.dataKey, input.narrative, aad(id, 'summary')),
    })
    .execute();
  await trx.insertInto('case_key').values({ case_id: id, master_key_id: key.masterKeyId, wrapped_key: key.wrappedKey }).execute();
  if (input.reporter) {
    await trx
      .insertInto('case_party')
      .values({ case_id: id, party: 'reporter', identity: seal(key.dataKey, JSON.stringify(input.reporter), aad(id, 'party:reporter')) })
      .execute();
  }
  await recordAudit(trx, {
    type: 'CASE_CREATED',
    actor,
    teamId: input.teamId,
    caseId: id,
    detail: { source: input.source, channel: input.channel, anonymous: input.isAnonymous },
  });
  return { id, reference, ackDueOn: addDays(input.receivedOn, team.ack_days) };
}

export async function listInbox(db: Db, user: SessionUser, page: { after?: { receivedOn: string; id: string } }) {
  const rows = await listInboxRows(db, { teamIds: inboxTeamIds(user.memberships), limit: 50, after: page.after });
  return rows.map(presentInboxRow);
}

/**
 * Opens a case for a staff member: checks the policy, decrypts, and audits the read — or
 * audits the refusal and throws. A case of another team answers NOT_FOUND, so that its
 * existence does not leak.
 */
export async function openCase(db: Db, keyring: Keyring, user: SessionUser, caseId: string) {
  const row = await findCaseRow(db, caseId);
  const sameTeam = row && user.memberships.some((m) => m.teamId === row.team_id);
  if (!row || !canOpenCase(user.id, user.memberships, { teamId: row.team_id, assignedAdviserId: row.assigned_adviser_id })) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'CASE_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: row?.team_id ?? null,
        caseId: row ? caseId : null,
      }),
    );
    throw new AppError(sameTeam ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  const dataKey = unwrapDataKey(keyring, row.id, row.master_key_id, row.wrapped_key);
  const party = await findParty(db, row.id, 'reporter');
  const narrative = row.summary ? openText(dataKey, row.summary, aad(row.id, 'summary')) : '';
  const reporter = party ? (JSON.parse(openText(dataKey, party.identity, aad(row.id, 'party:reporter'))) as ReporterIdentity) : undefined;
  await db.transaction().execute((trx) =>
    recordAudit(trx, { type: 'CASE_VIEWED', actor: { kind: 'user', userId: user.id }, teamId: row.team_id, caseId: row.id }),
  );
  return presentCase(row, narrative, reporter);
}
