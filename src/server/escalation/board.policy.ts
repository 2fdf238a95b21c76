import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** The board answers escalation requests of the teams where its members hold the board role. */
export function boardTeamIds(memberships: readonly Membership[]): string[] {
  return teamsWithRole(memberships, ['board']);
}

export function canDecideRequest(memberships: readonly Membership[], teamId: string): boolean {
  return hasRole(memberships, teamId, ['board']);
}
