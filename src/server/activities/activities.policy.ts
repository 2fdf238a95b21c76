import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** The team's activities are kept by its support officer, coordinators and advisers; none of it is case content. */
const ROLES = ['support_officer', 'safety_coordinator', 'confidential_adviser'] as const;

export const canKeepActivities = (m: readonly Membership[], teamId: string) =>
  hasRole(m, teamId, ROLES);
export const activityTeamIds = (m: readonly Membership[]) => teamsWithRole(m, ROLES);
