import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** Expert-team members (and the team's coordinator) read published consultations of their team — never cases. */
export function canReadConsultation(
  memberships: readonly Membership[],
  c: { teamId: string; status: string },
): boolean {
  return (
    c.status === 'published' &&
    hasRole(memberships, c.teamId, ['expert_team_member', 'safety_coordinator'])
  );
}

export function consultationTeamIds(memberships: readonly Membership[]): string[] {
  return teamsWithRole(memberships, ['expert_team_member', 'safety_coordinator']);
}

/** Turning a case into a consultation and publishing it: the team's coordinator. */
export function canPublishConsultation(
  memberships: readonly Membership[],
  teamId: string,
): boolean {
  return hasRole(memberships, teamId, ['safety_coordinator']);
}
