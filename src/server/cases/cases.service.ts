import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { createDataKey, seal } from '../crypto/seal.js';
import { institutionKey } from '../keys/institution-keys.js';
import { caseAad } from '../crypto/case-key.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { initialDeadlines } from '../deadlines/deadline-rules.js';
import { nextCaseNumber } from './cases.queries.js';
import type { ReporterIdentity } from './cases.presenter.js';

export interface NewCase {
  teamId: string;
  source: 'intake' | 'staff' | 'support';
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
  intakeKeyHash?: Buffer;
  narrative: string;
  reporter?: ReporterIdentity;
  /** Who the report is about, when the reporter named them; sealed like the reporter. */
  accused?: ReporterIdentity;
  registeredBy?: string;
  preferredAdviserId?: string;
  supportForCaseId?: string;
  isUrgent?: boolean;
}

/** Registers a report. Content is sealed under a fresh per-case key; call inside a transaction. */
export async function createCase(trx: Db, keyring: Keyring, input: NewCase, actor: AuditActor) {
  const team = await trx
    .selectFrom('team')
    .select(['ack_days', 'feedback_days', 'institution_id'])
    .where('id', '=', input.teamId)
    .executeTakeFirstOrThrow();
  const number = await nextCaseNumber(trx, input.teamId);
  const id = crypto.randomUUID();
  const reference = `${input.receivedOn.slice(0, 4)}-${String(number).padStart(4, '0')}`;
  const key = createDataKey(keyring, id, await institutionKey(trx, keyring, team.institution_id));
  const deadlines = initialDeadlines(input.receivedOn, {
    ackDays: team.ack_days,
    feedbackDays: team.feedback_days,
  });
  await trx
    .insertInto('case')
    .values({
      id,
      team_id: input.teamId,
      reference,
      source: input.source === 'support' ? 'staff' : input.source,
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
      intake_key_hash: input.intakeKeyHash ?? null,
      is_urgent: input.isUrgent ?? false,
      ack_due_on: deadlines.ackDueOn,
      feedback_due_on: deadlines.feedbackDueOn,
      next_due_on: deadlines.nextDueOn,
      registered_by: input.registeredBy ?? null,
      preferred_adviser_id: input.preferredAdviserId ?? null,
      support_for_case_id: input.supportForCaseId ?? null,
      summary: seal(key.dataKey, input.narrative, caseAad(id, 'summary')),
    })
    .execute();
  await trx
    .insertInto('case_key')
    .values({ case_id: id, master_key_id: key.masterKeyId, wrapped_key: key.wrappedKey })
    .execute();
  for (const party of ['reporter', 'accused'] as const) {
    const identity = input[party];
    if (!identity) continue;
    await trx
      .insertInto('case_party')
      .values({
        case_id: id,
        party,
        identity: seal(key.dataKey, JSON.stringify(identity), caseAad(id, `party:${party}`)),
      })
      .execute();
  }
  await recordAudit(trx, {
    type: 'CASE_CREATED',
    actor,
    teamId: input.teamId,
    caseId: id,
    detail: {
      source: input.source,
      channel: input.channel,
      via: input.via,
      anonymous: input.isAnonymous,
      supportFor: input.supportForCaseId ?? null,
    },
  });
  return { id, reference, ackDueOn: deadlines.ackDueOn };
}
