import { hash } from '@node-rs/argon2';
import type { Db } from '../db/create-db.js';
import type { Membership, Role } from '../../domain/roles.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: 'nl' | 'en';
  memberships: Membership[];
  /** The institution the account belongs to; null only for the platform operator (issue 22). */
  institutionId: string | null;
  platformOperator: boolean;
}

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  locale?: 'nl' | 'en';
  memberships: { teamId: string; role: Role }[];
  /** Defaults to the institution of the first membership's team, else the first institution. */
  institutionId?: string;
  /** The platform operator (issue 22): no institution, no memberships. */
  platformOperator?: boolean;
}

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** The institution a new account belongs to (issue 22): given, else its first team's, else the first. */
async function institutionOfNewUser(trx: Db, input: NewUser): Promise<string | null> {
  if (input.platformOperator) return null;
  if (input.institutionId) return input.institutionId;
  const first = input.memberships[0];
  const row = first
    ? await trx
        .selectFrom('team')
        .select('institution_id as id')
        .where('id', '=', first.teamId)
        .executeTakeFirst()
    : await trx
        .selectFrom('institution')
        .select('id')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
  if (!row) throw new Error('no institution for the new account');
  return row.id;
}

export async function createUser(trx: Db, input: NewUser, actor: AuditActor): Promise<string> {
  const institutionId = await institutionOfNewUser(trx, input);
  if (institutionId && input.memberships.length > 0) {
    const foreign = await trx
      .selectFrom('team')
      .select('id')
      .where(
        'id',
        'in',
        input.memberships.map((m) => m.teamId),
      )
      .where('institution_id', '!=', institutionId)
      .executeTakeFirst();
    if (foreign) throw new Error('a membership in a team of another institution');
  }
  const user = await trx
    .insertInto('app_user')
    .values({
      institution_id: institutionId,
      platform_operator: input.platformOperator ?? false,
      email: input.email.trim(),
      display_name: input.displayName.trim(),
      password_hash: input.password ? await hashPassword(input.password) : null,
      locale: input.locale ?? 'nl',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.memberships.length > 0) {
    await trx
      .insertInto('team_membership')
      .values(input.memberships.map((m) => ({ user_id: user.id, team_id: m.teamId, role: m.role })))
      .execute();
  }
  for (const teamId of new Set(input.memberships.map((m) => m.teamId))) {
    const roles = input.memberships
      .filter((m) => m.teamId === teamId)
      .map((m) => m.role)
      .join(',');
    await recordAudit(trx, {
      type: 'USER_CREATED',
      actor,
      teamId,
      detail: { userId: user.id, roles },
    });
  }
  if (input.memberships.length === 0) {
    await recordAudit(trx, { type: 'USER_CREATED', actor, detail: { userId: user.id, roles: '' } });
  }
  return user.id;
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export async function getSessionUser(db: Db, userId: string): Promise<SessionUser | undefined> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'locale', 'institution_id', 'platform_operator'])
    .where('id', '=', userId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!user) return undefined;
  const memberships = await db
    .selectFrom('team_membership')
    .innerJoin('team', 'team.id', 'team_membership.team_id')
    .select(['team_membership.team_id', 'team.key', 'team_membership.role'])
    .where('user_id', '=', userId)
    .execute();
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    memberships: memberships.map((m) => ({ teamId: m.team_id, teamKey: m.key, role: m.role })),
    institutionId: user.institution_id,
    platformOperator: user.platform_operator,
  };
}
