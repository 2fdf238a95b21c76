import { hash } from '@node-rs/argon2';
import type { Db } from '../db/create-db.js';
import type { Role, SessionUser } from '../../domain/roles.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/** Defined in domain/roles.ts (the http layer needs it too); re-exported for this feature's callers. */
export type { SessionUser } from '../../domain/roles.js';

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  locale?: 'nl' | 'en';
  memberships: { teamId: string; role: Role }[];
}

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function createUser(trx: Db, input: NewUser, actor: AuditActor): Promise<string> {
  const user = await trx
    .insertInto('app_user')
    .values({
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
    .select(['id', 'email', 'display_name', 'locale'])
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
  };
}
