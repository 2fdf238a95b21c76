import { hasRole, teamsWithRole, type Membership } from '../../domain/roles.js';
import { canUseRoute } from '../access/access.policy.js';

/** Who may see and do what with a case. Pure functions over the viewer's memberships. */

export interface CaseAccessFacts {
  teamId: string;
  assignedAdviserId: string | null;
  /** Users who declared a conflict of interest in this case: shut out of it entirely. */
  conflictedUserIds?: readonly string[];
  /** The adviser of the linked counterpart (support case of the accused, or the reporter's case). */
  counterpartAdviserId?: string | null;
}

/** The team inbox (case metadata, no content): advisers and coordinators of that team. */
export function inboxTeamIds(memberships: readonly Membership[]): string[] {
  return teamsWithRole(memberships, ['confidential_adviser', 'safety_coordinator']);
}

function isShutOut(userId: string, c: CaseAccessFacts): boolean {
  return (c.conflictedUserIds ?? []).includes(userId);
}

export function isCoordinator(memberships: readonly Membership[], teamId: string): boolean {
  return hasRole(memberships, teamId, ['safety_coordinator']);
}

/**
 * Case content: the team's coordinator; an adviser of the team when the case is assigned to
 * them or not yet assigned to anyone (so that it can be picked up). Never someone who declared
 * a conflict of interest, and never the adviser who supports the other party.
 */
export function canOpenCase(
  userId: string,
  memberships: readonly Membership[],
  c: CaseAccessFacts,
): boolean {
  return canUseRoute('GET', '/cases/:id', { id: userId, memberships }, c); // the need-to-know table
}

/** Changes to a case: its adviser, or a coordinator of the team. */
export function canHandleCase(
  userId: string,
  memberships: readonly Membership[],
  c: CaseAccessFacts,
): boolean {
  if (!canOpenCase(userId, memberships, c)) return false;
  return isCoordinator(memberships, c.teamId) || c.assignedAdviserId === userId;
}

/** Assigning: a coordinator always; an adviser picks up an unassigned case or hands over their own. */
export function canAssignCase(
  userId: string,
  memberships: readonly Membership[],
  c: CaseAccessFacts,
): boolean {
  if (!canOpenCase(userId, memberships, c)) return false;
  return (
    isCoordinator(memberships, c.teamId) ||
    c.assignedAdviserId === null ||
    c.assignedAdviserId === userId
  );
}

/** Who may become the case's adviser: an adviser of the team, not conflicted, not the other party's adviser. */
export function canBeAssigned(
  adviserId: string,
  adviserMemberships: readonly Membership[],
  c: CaseAccessFacts,
): boolean {
  return (
    hasRole(adviserMemberships, c.teamId, ['confidential_adviser']) &&
    !isShutOut(adviserId, c) &&
    c.counterpartAdviserId !== adviserId
  );
}

/** A reason is needed for a reassignment and for passing over the reporter's choice. */
export function isAssignmentReasonRequired(
  c: { assignedAdviserId: string | null; preferredAdviserId: string | null },
  adviserId: string,
): boolean {
  if (c.assignedAdviserId !== null) return true;
  return c.preferredAdviserId !== null && c.preferredAdviserId !== adviserId;
}
