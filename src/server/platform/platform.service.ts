import type { IntakeMode } from '../http/anti-automation.js';
import type { Db } from '../db/create-db.js';
import { forgetInstitutions } from '../tenancy/tenancy.js';
import type { Keyring } from '../crypto/keyring.js';
import { institutionKey } from '../keys/institution-keys.js';
import type { Lang } from '../../domain/taxonomy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { createTeam } from '../admin/teams.admin.service.js';
import { inviteUser } from '../admin/users.admin.service.js';
import { findUserByEmail } from '../users/users.service.js';
import { checkPrimaryColour, type ColourCheck } from '../tenancy/contrast.js';

/**
 * The platform operator's work (issue 22, decision 035): institutions, each with a first team and
 * a one-time set-up link for its first administrator. The operator never gets a role in an
 * institution and sees no case, only names, keys and host names.
 */
export interface InstitutionSummary {
  id: string;
  key: string;
  name: string;
  host: string | null;
  colourPrimary: string | null;
  /** The intake switch of decision 025, per institution (decision 039). */
  intakeMode: IntakeMode;
  teams: number;
  accounts: number;
}

export async function listInstitutions(db: Db): Promise<InstitutionSummary[]> {
  const rows = await db
    .selectFrom('institution as i')
    .select((eb) => [
      'i.id',
      'i.key',
      'i.name',
      'i.host',
      'i.colour_primary',
      'i.intake_mode',
      eb
        .selectFrom('team')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('team.institution_id', '=', 'i.id')
        .as('teams'),
      eb
        .selectFrom('app_user')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('app_user.institution_id', '=', 'i.id')
        .as('accounts'),
    ])
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    host: r.host,
    colourPrimary: r.colour_primary,
    intakeMode: r.intake_mode,
    teams: Number(r.teams ?? 0),
    accounts: Number(r.accounts ?? 0),
  }));
}

export interface NewInstitution {
  key: string;
  name: string;
  host: string | null;
  colour?: string;
  teamNameNl: string;
  teamNameEn: string;
  adminEmail: string;
  adminName: string;
  locale: Lang;
}

export type CreateInstitutionResult =
  | { ok: true; institutionId: string; teamId: string; token: string }
  | {
      ok: false;
      field: 'key' | 'host' | 'adminEmail' | 'colour';
      reason: 'taken' | 'format' | 'contrast';
    };

/**
 * Creates an institution, its first team (key: the institution's key) and the one-time set-up
 * link of its first administrator. Refuses a taken key or host, an e-mail address that already
 * has an account (accounts belong to one institution) and a colour that fails WCAG AA. Call inside
 * a transaction.
 */
export async function createInstitution(
  trx: Db,
  input: NewInstitution,
  actor: AuditActor,
  keyring?: Keyring,
): Promise<CreateInstitutionResult> {
  let colour: string | null = null;
  if (input.colour) {
    const check = checkPrimaryColour(input.colour);
    if (!check.ok) return { ok: false, field: 'colour', reason: check.reason };
    colour = check.colour;
  }
  const taken = await trx
    .selectFrom('institution')
    .select(['key', 'host'])
    .where((eb) =>
      eb.or([eb('key', '=', input.key), ...(input.host ? [eb('host', '=', input.host)] : [])]),
    )
    .executeTakeFirst();
  if (taken) return { ok: false, field: taken.key === input.key ? 'key' : 'host', reason: 'taken' };
  const teamTaken = await trx
    .selectFrom('team')
    .select('id')
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (teamTaken) return { ok: false, field: 'key', reason: 'taken' };
  if (await findUserByEmail(trx, input.adminEmail))
    return { ok: false, field: 'adminEmail', reason: 'taken' };
  const institution = await trx
    .insertInto('institution')
    .values({ key: input.key, name: input.name, host: input.host, colour_primary: colour })
    .returning('id')
    .executeTakeFirstOrThrow();
  forgetInstitutions();
  // Its master key, wrapped by the platform key (decision 037); else made on first use.
  if (keyring) await institutionKey(trx, keyring, institution.id);
  await recordAudit(trx, {
    type: 'INSTITUTION_CREATED',
    actor,
    detail: { key: input.key, host: input.host },
  });
  const teamId = await createTeam(
    trx,
    {
      key: input.key,
      nameNl: input.teamNameNl,
      nameEn: input.teamNameEn,
      institutionKey: input.key,
    },
    actor,
    false, // the operator does not join the team
  );
  const token = await inviteUser(
    trx,
    teamId,
    {
      email: input.adminEmail,
      displayName: input.adminName,
      locale: input.locale,
      roles: ['administrator'],
    },
    actor,
  );
  if (!token) throw new Error('the first administrator already had an account');
  return { ok: true, institutionId: institution.id, teamId, token };
}

/** An institution's own primary colour; refused (nothing stored) when it fails WCAG AA. */
export async function setInstitutionColour(
  trx: Db,
  institutionId: string,
  input: string,
  actor: AuditActor,
): Promise<ColourCheck> {
  const check = checkPrimaryColour(input);
  if (!check.ok) return check;
  const updated = await trx
    .updateTable('institution')
    .set({ colour_primary: check.colour })
    .where('id', '=', institutionId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error('no such institution');
  forgetInstitutions();
  await recordAudit(trx, {
    type: 'INSTITUTION_COLOUR_CHANGED',
    actor,
    detail: { institutionId, colour: check.colour },
  });
  return check;
}
