import type { Membership, Role } from '../../domain/roles.js';

/** Who reads the annual report with unsuppressed figures: the team's advisers and coordinators. */
export const REPORT_ROLES: readonly Role[] = ['confidential_adviser', 'safety_coordinator'];

export function reportTeamKeys(
  memberships: readonly Membership[],
  roles: readonly Role[] = REPORT_ROLES,
): string[] {
  return [...new Set(memberships.filter((m) => roles.includes(m.role)).map((m) => m.teamKey))];
}

/** The team asked for when the user may see it; the first of theirs when none was asked. */
export function pickTeamKey(
  allowed: readonly string[],
  asked: string | undefined,
): string | undefined {
  if (asked === undefined || asked === '') return allowed[0];
  return allowed.includes(asked) ? asked : undefined;
}
