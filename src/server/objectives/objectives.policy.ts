import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** Objectives and recommendations to the board: kept by the team's advisers, coordinators and support officer. */
const ROLES = ['confidential_adviser', 'safety_coordinator', 'support_officer'] as const;

export const canKeepObjectives = (m: readonly Membership[], teamId: string) =>
  hasRole(m, teamId, ROLES);
export const objectiveTeamIds = (m: readonly Membership[]) => teamsWithRole(m, ROLES);
