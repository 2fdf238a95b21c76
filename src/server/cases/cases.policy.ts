import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** Who may see what of a case. Pure functions over the viewer's memberships. */

interface CaseAccessFacts {
  teamId: string;
  assignedAdviserId: string | null;
}

/** The team inbox (case metadata, no content): advisers and coordinators of that team. */
export function inboxTeamIds(memberships: readonly Membership[]): string[] {
  return teamsWithRole(memberships, ['confidential_adviser', 'safety_coordinator']);
}

/**
 * Case content: the team's coordinator; an adviser of the team when the case is assigned to
 * them or not yet assigned to anyone (so that it can be picked up). Nobody else.
 */
export function canOpenCase(userId: string, memberships: readonly Membership[], c: CaseAccessFacts): boolean {
  if (hasRole(memberships, c.teamId, ['safety_coordinator'])) return true;
  if (!hasRole(memberships, c.teamId, ['confidential_adviser'])) return false;
  return c.assignedAdviserId === null || c.assignedAdviserId === userId;
}
