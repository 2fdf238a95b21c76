import type { Db } from '../db/create-db.js';
import type { ProtocolStepDef } from '../db/json-columns.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import { DEFAULT_PROTOCOLS } from './protocol-defaults.js';
import {
  listCaseProtocolRows,
  listLatestVersions,
  listStepCountRows,
  listTickedSteps,
  type LatestVersionRow,
} from './protocols.queries.js';
import type { ProtocolVersionInput } from './protocols.schema.js';

/**
 * Protocols: versioned checklists per kind of case. A case follows the version it was attached
 * with; editing a protocol makes a new version, so old cases keep showing theirs.
 */
export interface ProtocolView {
  id: string;
  key: string;
  version: number;
  title: { nl: string; en: string };
  categories: string[];
  steps: ProtocolStepDef[];
}

const present = (r: LatestVersionRow): ProtocolView => ({
  id: r.protocolId,
  key: r.key,
  version: r.version,
  title: { nl: r.title_nl, en: r.title_en },
  categories: r.categories,
  steps: r.steps,
});

/** Gives a team the shipped protocols the first time it looks at them (idempotent). */
export async function ensureDefaultProtocols(db: Db, teamId: string): Promise<void> {
  const any = await db
    .selectFrom('protocol')
    .select('id')
    .where('team_id', '=', teamId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  await db.transaction().execute(async (trx) => {
    for (const p of DEFAULT_PROTOCOLS) {
      const row = await trx
        .insertInto('protocol')
        .values({ team_id: teamId, key: p.key })
        .onConflict((oc) => oc.columns(['team_id', 'key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      await insertVersion(
        trx,
        row.id,
        1,
        { titleNl: p.title.nl, titleEn: p.title.en, categories: p.categories, steps: p.steps },
        null,
      );
      await recordAudit(trx, {
        type: 'PROTOCOL_VERSION_CREATED',
        actor: { kind: 'system' },
        teamId,
        detail: { protocolId: row.id, key: p.key, version: 1 },
      });
    }
  });
}

export async function listTeamProtocols(db: Db, teamId: string): Promise<ProtocolView[]> {
  await ensureDefaultProtocols(db, teamId);
  return (await listLatestVersions(db, teamId)).map(present);
}

interface VersionData {
  titleNl: string;
  titleEn: string;
  categories: string[];
  steps: ProtocolStepDef[];
}

async function insertVersion(
  trx: Db,
  protocolId: string,
  version: number,
  v: VersionData,
  userId: string | null,
) {
  await trx
    .insertInto('protocol_version')
    .values({
      protocol_id: protocolId,
      version,
      title_nl: v.titleNl,
      title_en: v.titleEn,
      categories: JSON.stringify(v.categories),
      steps: JSON.stringify(v.steps),
      created_by: userId,
    })
    .execute();
}

/** A new protocol, or a new version of one of the team's protocols; returns the protocol id. */
export async function saveProtocolVersion(
  trx: Db,
  teamId: string,
  protocolId: string | undefined,
  input: ProtocolVersionInput,
  userId: string,
): Promise<string> {
  const steps = input.stepsNl.map((nl, i) => ({ key: `s${i + 1}`, nl, en: input.stepsEn[i]! }));
  let id = protocolId;
  let version = 1;
  if (id) {
    const last = await trx
      .selectFrom('protocol_version')
      .innerJoin('protocol', 'protocol.id', 'protocol_version.protocol_id')
      .select((eb) => eb.fn.max('protocol_version.version').as('v'))
      .where('protocol.id', '=', id)
      .where('protocol.team_id', '=', teamId)
      .executeTakeFirst();
    if (!last?.v) throw new AppError('NOT_FOUND');
    version = last.v + 1;
  } else {
    const row = await trx
      .insertInto('protocol')
      .values({ team_id: teamId, key: `custom_${Date.now().toString(36)}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  await insertVersion(
    trx,
    id,
    version,
    { titleNl: input.titleNl, titleEn: input.titleEn, categories: input.categories, steps },
    userId,
  );
  await recordAudit(trx, {
    type: 'PROTOCOL_VERSION_CREATED',
    actor: { kind: 'user', userId },
    teamId,
    detail: { protocolId: id, version, steps: steps.length },
  });
  return id;
}

/** Attaches the protocol's current version to a case (once per protocol). */
export async function attachProtocol(
  trx: Db,
  work: StaffCaseContext,
  protocolId: string,
  via: 'category' | 'choice',
): Promise<void> {
  const latest = (await listLatestVersions(trx, work.teamId)).find(
    (p) => p.protocolId === protocolId,
  );
  if (!latest) throw new AppError('NOT_FOUND');
  const row = await trx
    .insertInto('case_protocol')
    .values({
      case_id: work.id,
      protocol_id: protocolId,
      protocol_version_id: latest.versionId,
      attached_via: via,
      attached_by: work.userId,
    })
    .onConflict((oc) => oc.columns(['case_id', 'protocol_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row)
    await work.audit(trx, 'CASE_PROTOCOL_ATTACHED', {
      caseProtocolId: row.id,
      protocolId,
      version: latest.version,
      via,
    });
}

/** Ticks one step of a protocol on the case, with who and when; a second tick changes nothing. */
export async function tickProtocolStep(
  trx: Db,
  work: StaffCaseContext,
  caseProtocolId: string,
  stepKey: string,
): Promise<void> {
  const cp = (await listCaseProtocolRows(trx, work.id)).find((r) => r.id === caseProtocolId);
  if (!cp || !cp.steps.some((s) => s.key === stepKey)) throw new AppError('NOT_FOUND');
  const row = await trx
    .insertInto('case_protocol_step')
    .values({ case_protocol_id: caseProtocolId, step_key: stepKey, done_by: work.userId })
    .onConflict((oc) => oc.columns(['case_protocol_id', 'step_key']).doNothing())
    .returning('step_key')
    .executeTakeFirst();
  if (row)
    await work.audit(trx, 'CASE_PROTOCOL_STEP_TICKED', {
      caseProtocolId,
      stepKey,
      version: cp.version,
    });
}

/** The case's protocols with each step's state, and the team's protocols still to attach; the read is audited. */
export async function getCaseProtocols(db: Db, work: StaffCaseContext) {
  const rows = await listCaseProtocolRows(db, work.id);
  const ticks = await listTickedSteps(
    db,
    rows.map((r) => r.id),
  );
  const { category } = await db
    .selectFrom('case')
    .select('category')
    .where('id', '=', work.id)
    .executeTakeFirstOrThrow();
  const available = (await listTeamProtocols(db, work.teamId)).filter(
    (p) => !rows.some((r) => r.protocol_id === p.id),
  );
  await auditRead(db, work, 'CASE_PROTOCOLS_VIEWED', { protocols: rows.length });
  return {
    attached: rows.map((r) => ({
      id: r.id,
      title: { nl: r.title_nl, en: r.title_en },
      version: r.version,
      via: r.attached_via,
      steps: r.steps.map((s) => {
        const tick = ticks.find((t) => t.case_protocol_id === r.id && t.step_key === s.key);
        return {
          key: s.key,
          label: { nl: s.nl, en: s.en },
          done: tick ? { by: tick.display_name, at: tick.done_at } : undefined,
        };
      }),
    })),
    recommended: available.filter((p) => p.categories.includes(category)),
    others: available.filter((p) => !p.categories.includes(category)),
  };
}
export type CaseProtocolsView = Awaited<ReturnType<typeof getCaseProtocols>>;

/** Open protocol steps per case, for the inbox and the case page (no content: counts only). */
export async function countOpenSteps(db: Db, caseIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of await listStepCountRows(db, caseIds))
    out.set(r.case_id, (out.get(r.case_id) ?? 0) + Number(r.steps) - Number(r.done ?? 0));
  return out;
}
