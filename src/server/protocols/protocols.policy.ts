import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** Who edits the team's protocols: its administrators and coordinators. */
export const PROTOCOL_EDITOR_ROLES = ['administrator', 'safety_coordinator'] as const;

export function canEditProtocols(memberships: readonly Membership[], teamId: string): boolean {
  return hasRole(memberships, teamId, PROTOCOL_EDITOR_ROLES);
}

export function protocolTeamIds(memberships: readonly Membership[]): string[] {
  return teamsWithRole(memberships, PROTOCOL_EDITOR_ROLES);
}
