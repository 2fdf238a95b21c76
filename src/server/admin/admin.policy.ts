import type { Membership } from '../../domain/roles.js';

/** Administrators manage the teams they administer; they never see case content. */
export function adminTeamIds(memberships: readonly Membership[]): string[] {
  return [...new Set(memberships.filter((m) => m.role === 'administrator').map((m) => m.teamId))];
}

export function canAdministerTeam(memberships: readonly Membership[], teamId: string): boolean {
  return memberships.some((m) => m.teamId === teamId && m.role === 'administrator');
}

/** Any administrator may add a team (a target group) to their own institution and administers it (issue 22). */
export function canCreateTeam(memberships: readonly Membership[]): boolean {
  return adminTeamIds(memberships).length > 0;
}
