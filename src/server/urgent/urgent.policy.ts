import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';

/** Alerts: seen and acknowledged by the team's coordinators and advisers (a reference, no content). */
const ALERT_ROLES = ['safety_coordinator', 'confidential_adviser'] as const;
/** The rota: kept by coordinators and administrators. */
const ROTA_ROLES = ['safety_coordinator', 'administrator'] as const;

export const canAcknowledgeAlert = (m: readonly Membership[], teamId: string) =>
  hasRole(m, teamId, ALERT_ROLES);
export const canEditRota = (m: readonly Membership[], teamId: string) =>
  hasRole(m, teamId, ROTA_ROLES);
export const onCallTeamIds = (m: readonly Membership[]) =>
  teamsWithRole(m, [...ALERT_ROLES, ...ROTA_ROLES]);
