import { teamsWithRole, type Membership } from '../../domain/roles.js';

/** The pattern signal is for the team's safety coordinators only. */
export function patternTeamIds(memberships: readonly Membership[]): string[] {
  return teamsWithRole(memberships, ['safety_coordinator']);
}
