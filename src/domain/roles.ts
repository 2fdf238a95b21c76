/** Staff roles (domain.md). Reporters and the accused are parties of a case, not users. */
export const ROLES = [
  'confidential_adviser',
  'safety_coordinator',
  'ombudsperson',
  'support_officer',
  'expert_team_member',
  'board',
  'partner_service',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles whose members work with case content (and so must use two-factor sign-in). */
export const CASE_ROLES: readonly Role[] = ['confidential_adviser', 'safety_coordinator'];

/**
 * Roles that need two-factor sign-in once an administrator enforces it: the case roles, and
 * administrators, who can hand out case roles (decision 024).
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = [...CASE_ROLES, 'administrator'];

export interface Membership {
  teamId: string;
  teamKey: string;
  role: Role;
}

/** The signed-in user as every request sees it: who they are and their team memberships. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: 'nl' | 'en';
  memberships: Membership[];
  /** The institution the account belongs to; null only for the platform operator (issue 22). */
  institutionId: string | null;
  platformOperator: boolean;
}

export function hasRole(
  memberships: readonly Membership[],
  teamId: string,
  roles: readonly Role[],
): boolean {
  return memberships.some((m) => m.teamId === teamId && roles.includes(m.role));
}

export function teamsWithRole(
  memberships: readonly Membership[],
  roles: readonly Role[],
): string[] {
  return [...new Set(memberships.filter((m) => roles.includes(m.role)).map((m) => m.teamId))];
}
