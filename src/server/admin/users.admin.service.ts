import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { Role } from '../../domain/roles.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { createUser, findUserByEmail } from '../users/users.service.js';

export const INVITE_DAYS = 7;

const digest = (token: string) => crypto.createHash('sha256').update(token).digest();

export interface TeamUser {
  id: string;
  displayName: string;
  email: string;
  isActive: boolean;
  roles: Role[];
}

export async function listTeamUsers(db: Db, teamId: string): Promise<TeamUser[]> {
  const rows = await db
    .selectFrom('team_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'u.is_active', 'm.role'])
    .where('m.team_id', '=', teamId)
    .orderBy('u.display_name')
    .orderBy('m.role')
    .execute();
  const byId = new Map<string, TeamUser>();
  for (const r of rows) {
    const user = byId.get(r.id) ?? {
      id: r.id,
      displayName: r.display_name,
      email: r.email,
      isActive: r.is_active,
      roles: [],
    };
    user.roles.push(r.role);
    byId.set(r.id, user);
  }
  return [...byId.values()];
}

export interface Invitation {
  email: string;
  displayName: string;
  locale: Lang;
  roles: Role[];
}

/**
 * Records an invitation and returns its one-time token; the route mails the link. An
 * existing account gets the roles at once instead (returns undefined).
 */
export async function inviteUser(
  trx: Db,
  teamId: string,
  input: Invitation,
  actor: AuditActor,
): Promise<string | undefined> {
  const existing = await findUserByEmail(trx, input.email);
  if (existing) {
    // issue 22: an account of another institution (or the platform operator) never joins this team
    const team = await trx
      .selectFrom('team')
      .select('institution_id')
      .where('id', '=', teamId)
      .executeTakeFirstOrThrow();
    if (existing.institution_id !== team.institution_id) throw new AppError('FORBIDDEN');
    await setUserRoles(
      trx,
      teamId,
      existing.id,
      [...new Set([...(await rolesOf(trx, teamId, existing.id)), ...input.roles])],
      actor,
    );
    return undefined;
  }
  const token = crypto.randomBytes(32).toString('base64url');
  await trx
    .insertInto('setup_token')
    .values({
      token_hash: digest(token),
      purpose: 'invite',
      team_id: teamId,
      role: input.roles.join(','),
      email: input.email.trim(),
      display_name: input.displayName.trim(),
      locale: input.locale,
      expires_at: new Date(Date.now() + INVITE_DAYS * 86400_000),
    })
    .execute();
  await recordAudit(trx, {
    type: 'USER_INVITED',
    actor,
    teamId,
    detail: { roles: input.roles.join(','), locale: input.locale },
  });
  return token;
}

async function rolesOf(db: Db, teamId: string, userId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('team_membership')
    .select('role')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.role);
}

export async function findInvitation(db: Db, token: string) {
  return db
    .selectFrom('setup_token')
    .select(['email', 'display_name', 'locale', 'team_id', 'role'])
    .where('token_hash', '=', digest(token))
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

/** Creates the invited account; false when the link is not (or no longer) valid. */
export async function acceptInvitation(
  trx: Db,
  token: string,
  input: { displayName: string; password: string },
): Promise<boolean> {
  const invite = await trx
    .updateTable('setup_token')
    .set({ used_at: new Date() })
    .where('token_hash', '=', digest(token))
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['email', 'team_id', 'role', 'locale'])
    .executeTakeFirst();
  if (!invite?.email || !invite.team_id || (await findUserByEmail(trx, invite.email))) return false;
  const roles = (invite.role ?? '').split(',').filter(Boolean) as Role[];
  const userId = await createUser(
    trx,
    {
      email: invite.email,
      displayName: input.displayName,
      password: input.password,
      locale: invite.locale ?? 'nl',
      memberships: roles.map((role) => ({ teamId: invite.team_id!, role })),
    },
    { kind: 'system' },
  );
  await recordAudit(trx, {
    type: 'USER_INVITATION_ACCEPTED',
    actor: { kind: 'user', userId },
    teamId: invite.team_id,
  });
  return true;
}

/**
 * Replaces a user's roles in one team (an empty list removes them from the team). Nobody gives
 * themselves a role (another administrator does, or the operator's CLI); a user who gains a
 * role loses every session, so the next sign-in asks the second factor (or enrolment) before
 * any case with the new role is opened (decision 024).
 */
export async function setUserRoles(
  trx: Db,
  teamId: string,
  userId: string,
  roles: Role[],
  actor: AuditActor,
): Promise<void> {
  if (roles.length) {
    // issue 22: roles in a team only for an account of the team's own institution
    const same = await trx
      .selectFrom('app_user')
      .innerJoin('team', 'team.institution_id', 'app_user.institution_id')
      .select('app_user.id')
      .where('app_user.id', '=', userId)
      .where('team.id', '=', teamId)
      .executeTakeFirst();
    if (!same) throw new AppError('FORBIDDEN');
  }
  const before = await rolesOf(trx, teamId, userId);
  const gained = roles.filter((r) => !before.includes(r));
  if (gained.length && actor.kind === 'user' && actor.userId === userId)
    throw new AppError('FORBIDDEN');
  await trx
    .deleteFrom('team_membership')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
  if (roles.length) {
    await trx
      .insertInto('team_membership')
      .values(roles.map((role) => ({ user_id: userId, team_id: teamId, role })))
      .execute();
  }
  const ended = gained.length
    ? (await trx.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst())
        .numDeletedRows
    : 0n;
  await recordAudit(trx, {
    type: 'USER_ROLES_CHANGED',
    actor,
    teamId,
    detail: { userId, roles: roles.join(','), sessionsEnded: Number(ended) },
  });
}

/** Deactivates an account of the team and ends its sessions; the account and its history stay. */
export async function deactivateUser(
  trx: Db,
  teamId: string,
  userId: string,
  actor: AuditActor,
): Promise<void> {
  if (actor.userId === userId) throw new AppError('FORBIDDEN');
  const member = await trx
    .selectFrom('team_membership')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) throw new AppError('NOT_FOUND');
  await trx.updateTable('app_user').set({ is_active: false }).where('id', '=', userId).execute();
  await trx.deleteFrom('session').where('user_id', '=', userId).execute();
  await recordAudit(trx, { type: 'USER_DEACTIVATED', actor, teamId, detail: { userId } });
}

export async function getTeamUser(db: Db, teamId: string, userId: string): Promise<TeamUser> {
  const user = (await listTeamUsers(db, teamId)).find((u) => u.id === userId);
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}
