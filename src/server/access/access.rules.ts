import type { Role } from '../../domain/roles.js';

/**
 * The kinds of rule in the need-to-know table (access.table.ts):
 *
 * - `public`: anyone, signed in or not (the reporter's pages use their own receipt session);
 * - `bearer`: the JSON API — a bearer token with the right scope, never a staff cookie
 *   (mounted before the session; the API checks the token and its scope itself);
 * - `signedIn`: any signed-in staff member (their own account pages);
 * - `platform`: the platform operator only (issue 22: institutions and their first administrator);
 * - `roles`: staff holding one of the roles in some team (team-wide pages pick one of those teams);
 * - `team`: staff holding one of the roles in the team named by the `:teamId` path parameter;
 * - `case`: routes on one case (`:id`): per role, `team` = any case of a team where they hold
 *   the role; `assigned` = only cases assigned to them; `assignedOrOpen` = assigned to them or
 *   to nobody yet (so it can be picked up). Cases of other teams are never allowed; nor is a
 *   case to someone who declared a conflict or who advises the other party. `grant` names a
 *   per-case grant that also lets its holder in (the threat log for a communications officer).
 */
export type CaseScope = 'team' | 'assigned' | 'assignedOrOpen';
export type CaseGrant = 'threat_log';
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'bearer' }
  | { kind: 'signedIn' }
  | { kind: 'platform' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'team'; roles: readonly Role[] }
  | { kind: 'case'; scopes: Partial<Record<Role, CaseScope>>; grant?: CaseGrant };

export interface RouteAccess {
  method: 'GET' | 'POST';
  path: string;
  rule: AccessRule;
}

export const PUBLIC: AccessRule = { kind: 'public' };
export const BEARER: AccessRule = { kind: 'bearer' };
export const SIGNED_IN: AccessRule = { kind: 'signedIn' };
export const PLATFORM: AccessRule = { kind: 'platform' };
export const roles = (...r: Role[]): AccessRule => ({ kind: 'roles', roles: r });
export const teamRoles = (...r: Role[]): AccessRule => ({ kind: 'team', roles: r });

/** Reading case content: the team's coordinator; an adviser when assigned to them or still open. */
export const CASE_CONTENT: AccessRule = {
  kind: 'case',
  scopes: { safety_coordinator: 'team', confidential_adviser: 'assignedOrOpen' },
};
/** Changing a case, sharing from it, its consents and retention: the coordinator and the assigned adviser. */
export const CASE_HANDLE: AccessRule = {
  kind: 'case',
  scopes: { safety_coordinator: 'team', confidential_adviser: 'assigned' },
};
/** Decisions only the team's coordinator takes (overrides, identity access, holds, publishing to the expert team). */
export const CASE_COORDINATOR: AccessRule = {
  kind: 'case',
  scopes: { safety_coordinator: 'team' },
};
/** The threat evidence log: the case's handlers and whoever holds the case's threat-log grant. */
export const THREAT_LOG: AccessRule = { ...CASE_HANDLE, grant: 'threat_log' } as AccessRule;

/** `'GET /path'` → an entry; keeps the table one line per route. */
export function route(key: `${'GET' | 'POST'} /${string}`, rule: AccessRule): RouteAccess {
  const [method, path] = key.split(' ') as ['GET' | 'POST', string];
  return { method, path, rule };
}
