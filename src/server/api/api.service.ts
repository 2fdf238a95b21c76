import { institutionBaseUrlOfCase } from '../tenancy/institution-url.js';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Deps } from '../bootstrap.js';
import type { Logger } from '../logger.js';
import type { Lang } from '../../domain/taxonomy.js';
import { isCaseStatus, nextStatuses } from '../../domain/case-status.js';
import { recordAudit, type AuditInput } from '../audit/audit.service.js';
import { getAnnualReport } from '../reports/reports.service.js';
import { loadTeamCaseByReference, type CaseContext } from '../cases/case-context.js';
import { registerReport } from '../cases/registration.service.js';
import type { RegistrationInput } from '../cases/registration.schema.js';
import { applyStatusChange, type StatusChange } from '../cases/case-status.service.js';
import { insertMessage } from '../mailbox/messages.service.js';
import { notifyReporter } from '../mailbox/notification.service.js';
import { AppError } from '../http/errors.js';
import { RuleError } from '../http/rule-error.js';
import type { ApiPrincipal } from './api-tokens.service.js';

async function teamKeyOf(db: Db, teamId: string): Promise<string> {
  const team = await db
    .selectFrom('team')
    .select('key')
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow();
  return team.key;
}

/** Aggregate figures of the token's team: the annual report's JSON. */
export async function getStatistics(db: Db, principal: ApiPrincipal, year: number, lang: Lang) {
  const report = await getAnnualReport(db, {
    teamKey: await teamKeyOf(db, principal.teamId),
    year,
    lang,
    actor: { kind: 'system' },
    format: 'api',
  });
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'API_STATISTICS_READ',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { tokenId: principal.tokenId, year },
    }),
  );
  return report;
}

/** Case records without content (no text, no parties): for a case-management integration. */
export async function listCaseMetadata(db: Db, principal: ApiPrincipal, year: number) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('case')
      .select([
        'reference',
        'received_on',
        'category',
        'subtype',
        'status',
        'follow_up',
        'closed_on',
      ])
      .where('team_id', '=', principal.teamId)
      .where('received_on', '>=', `${year}-01-01`)
      .where('received_on', '<=', `${year}-12-31`)
      .orderBy('received_on')
      .orderBy('reference')
      .execute();
    await recordAudit(trx, {
      type: 'API_CASES_LISTED',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { tokenId: principal.tokenId, year, count: rows.length },
    });
    return rows.map((r) => ({
      reference: r.reference,
      receivedOn: r.received_on,
      category: r.category,
      subtype: r.subtype,
      status: r.status,
      followUp: r.follow_up,
      closedOn: r.closed_on,
    }));
  });
}

export async function recordApiRefusal(
  db: Db,
  principal: ApiPrincipal,
  scope: string,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'API_ACCESS_REFUSED',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { tokenId: principal.tokenId, scope },
    }),
  );
}

/** What an integration may know of a case: its record without content, and its deadlines. */
function caseRecord(row: CaseContext['row']) {
  return {
    reference: row.reference,
    receivedOn: row.received_on,
    channel: row.channel,
    category: row.category,
    subtype: row.subtype,
    status: row.status,
    nextStatuses: isCaseStatus(row.status) ? [...nextStatuses(row.status)] : [],
    followUp: row.follow_up,
    closedOn: row.closed_on,
    deadlines: {
      acknowledgeBy: row.ack_due_on,
      acknowledgedOn: row.acknowledged_on,
      feedbackBy: row.feedback_due_on,
      feedbackGivenOn: row.feedback_given_on,
      nextDueOn: row.next_due_on,
      nextCheckInOn: row.next_checkin_on,
    },
  };
}
export type ApiCaseRecord = ReturnType<typeof caseRecord>;

const audit = (db: Db, principal: ApiPrincipal, input: Omit<AuditInput, 'actor' | 'teamId'>) =>
  db.transaction().execute((trx) =>
    recordAudit(trx, {
      ...input,
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { ...input.detail, tokenId: principal.tokenId },
    }),
  );

/** The token's team's case, or NOT_FOUND (another team's case too); a miss is audited. */
async function teamCase(deps: Pick<Deps, 'db' | 'keyring'>, principal: ApiPrincipal, ref: string) {
  const loaded = await loadTeamCaseByReference(deps.db, deps.keyring, principal.teamId, ref);
  if (!loaded) {
    await audit(deps.db, principal, {
      type: 'API_ACCESS_REFUSED',
      detail: { reason: 'no_such_case' },
    });
    throw new AppError('NOT_FOUND');
  }
  return loaded;
}

/** One case's record and deadlines (no content); the read is audited. */
export async function readCase(
  deps: Pick<Deps, 'db' | 'keyring'>,
  principal: ApiPrincipal,
  reference: string,
): Promise<ApiCaseRecord> {
  const { row } = await teamCase(deps, principal, reference);
  await audit(deps.db, principal, { type: 'API_CASE_READ', caseId: row.id });
  return caseRecord(row);
}

/** An Idempotency-Key was used before with a different request. */
export class IdempotencyConflict extends Error {
  constructor() {
    super('idempotency key reused with a different request');
    this.name = 'IdempotencyConflict';
  }
}

const requestHash = (input: RegistrationInput) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify(Object.entries(input).sort(([a], [b]) => a.localeCompare(b))))
    .digest();

/** How long an Idempotency-Key is remembered (the OpenAPI document and the problem type say so). */
export const IDEMPOTENCY_HOURS = 24;

/** Forgets the keys older than IDEMPOTENCY_HOURS (the api-idempotency job); returns how many. */
export async function forgetIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000);
  const result = await db
    .deleteFrom('api_idempotency')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function replayOf(db: Db, principal: ApiPrincipal, key: string, hash: Buffer) {
  // A key older than its term is forgotten here too, should the job not have run yet.
  await db
    .deleteFrom('api_idempotency')
    .where('token_id', '=', principal.tokenId)
    .where('key', '=', key)
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
    .execute();
  const seen = await db
    .selectFrom('api_idempotency')
    .innerJoin('case', 'case.id', 'api_idempotency.case_id')
    .select(['api_idempotency.request_hash', 'case.reference'])
    .where('api_idempotency.token_id', '=', principal.tokenId)
    .where('api_idempotency.key', '=', key)
    .executeTakeFirst();
  if (seen && !seen.request_hash.equals(hash)) throw new IdempotencyConflict();
  return seen?.reference;
}

/**
 * Registers a report that reached the team by another channel, through the staff registration
 * (registerReport: categories, sealed content, deadlines, CASE_CREATED), and names the token in
 * API_CASE_REGISTERED. With an Idempotency-Key, a retry of the same request answers the case
 * the first one made (`replayed`); concurrent retries race on the key's primary key, and the
 * loser's case is rolled back with it.
 */
export async function registerCaseByApi(
  deps: Pick<Deps, 'db' | 'keyring'>,
  principal: ApiPrincipal,
  input: RegistrationInput,
  idempotencyKey: string | undefined,
  today: string,
): Promise<{ record: ApiCaseRecord; replayed: boolean }> {
  const hash = requestHash(input);
  const replay = async () => {
    const reference = idempotencyKey && (await replayOf(deps.db, principal, idempotencyKey, hash));
    return reference
      ? { record: await readCase(deps, principal, reference), replayed: true }
      : undefined;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  let created: { reference: string };
  try {
    created = await registerReport(deps.db, deps.keyring, input, today, {
      actor: { kind: 'system' },
      within: async (trx, c) => {
        if (idempotencyKey)
          await trx
            .insertInto('api_idempotency')
            .values({
              token_id: principal.tokenId,
              key: idempotencyKey,
              request_hash: hash,
              case_id: c.id,
            })
            .execute();
        await recordAudit(trx, {
          type: 'API_CASE_REGISTERED',
          actor: { kind: 'system' },
          teamId: principal.teamId,
          caseId: c.id,
          detail: { tokenId: principal.tokenId, idempotent: idempotencyKey !== undefined },
        });
      },
    });
  } catch (err) {
    // Another request with the same key won the race: answer its case.
    if ((err as { code?: string }).code === '23505' && idempotencyKey) {
      const later = await replay();
      if (later) return later;
    }
    throw err;
  }
  const { row } = await teamCase(deps, principal, created.reference);
  return { record: caseRecord(row), replayed: false };
}

/**
 * Posts a message to the reporter's mailbox as the team's advisers, through the adviser's own
 * path (insertMessage: sealed, CASE_MESSAGE_SENT; then the reporter's notification, if any).
 */
export async function postCaseMessage(
  deps: Pick<Deps, 'db' | 'keyring' | 'mailer' | 'config'>,
  principal: ApiPrincipal,
  reference: string,
  body: string,
  logger?: Logger,
): Promise<{ messageId: string }> {
  const sealer = await teamCase(deps, principal, reference);
  const { row } = sealer;
  const messageId = await deps.db.transaction().execute(async (trx) => {
    const id = await insertMessage(trx, sealer, {
      author: 'adviser',
      body,
      files: [],
      actor: { kind: 'system' },
    });
    await recordAudit(trx, {
      type: 'API_MESSAGE_POSTED',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      caseId: row.id,
      detail: { tokenId: principal.tokenId, messageId: id },
    });
    return id;
  });
  await notifyReporter(deps, sealer, 'message', {
    logger,
    link: `${await institutionBaseUrlOfCase(deps.db, deps.config, row.id)}/postbus`,
  });
  return { messageId };
}

/**
 * Changes a case's status through the staff path (applyStatusChange: the status machine, the
 * compare-and-set, CASE_STATUS_CHANGED or CASE_STATUS_CHANGE_REFUSED); the change is recorded
 * as made by the token, and API_STATUS_CHANGED / API_STATUS_CHANGE_REFUSED name it.
 */
export async function changeStatusByApi(
  deps: Pick<Deps, 'db' | 'keyring'>,
  principal: ApiPrincipal,
  reference: string,
  input: StatusChange,
  today: string,
): Promise<ApiCaseRecord> {
  const loaded = await teamCase(deps, principal, reference);
  const from = loaded.row.status;
  try {
    await applyStatusChange(deps.db, loaded, input, today, {
      actor: { kind: 'system' },
      tokenId: principal.tokenId,
    });
  } catch (err) {
    if (err instanceof RuleError)
      await audit(deps.db, principal, {
        type: 'API_STATUS_CHANGE_REFUSED',
        caseId: loaded.row.id,
        detail: { from, to: input.to.slice(0, 40), field: err.field },
      });
    throw err;
  }
  await audit(deps.db, principal, {
    type: 'API_STATUS_CHANGED',
    caseId: loaded.row.id,
    detail: { from, to: input.to },
  });
  const { row } = await teamCase(deps, principal, reference);
  return caseRecord(row);
}
