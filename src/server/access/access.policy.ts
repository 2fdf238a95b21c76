import type { Membership } from '../../domain/roles.js';
import { findRouteAccess, type AccessRule } from './access.table.js';

/** Pure decisions over the need-to-know table. */

export interface CaseFacts {
  teamId: string;
  assignedAdviserId: string | null;
  /** Users who declared a conflict of interest in this case: shut out of every case route. */
  conflictedUserIds?: readonly string[];
  /** The adviser of the linked counterpart case (the other party's adviser): shut out too. */
  counterpartAdviserId?: string | null;
  /** Holders of the per-case grant the rule names (e.g. the threat log), when it names one. */
  grantees?: readonly string[];
}

export interface Viewer {
  id: string;
  memberships: readonly Membership[];
  /** The platform operator (issue 22): no memberships; only the `platform` rule lets them in. */
  platformOperator?: boolean;
}

/** `teamId` is the team a `team` rule is about (the route's :teamId). */
export function isAllowed(
  rule: AccessRule,
  viewer: Viewer | undefined,
  c?: CaseFacts,
  teamId?: string,
): boolean {
  switch (rule.kind) {
    case 'public':
      return true;
    case 'bearer':
      return false; // never by a staff session: the API checks its bearer token itself
    case 'signedIn':
      return viewer !== undefined;
    case 'platform':
      return viewer?.platformOperator === true;
    case 'roles':
      return viewer !== undefined && viewer.memberships.some((m) => rule.roles.includes(m.role));
    case 'team':
      return (
        viewer !== undefined &&
        viewer.memberships.some((m) => m.teamId === teamId && rule.roles.includes(m.role))
      );
    case 'case':
      if (!viewer || !c) return false;
      if ((c.conflictedUserIds ?? []).includes(viewer.id) || c.counterpartAdviserId === viewer.id)
        return false;
      if (rule.grant && (c.grantees ?? []).includes(viewer.id)) return true;
      return viewer.memberships.some((m) => {
        if (m.teamId !== c.teamId) return false;
        const scope = rule.scopes[m.role];
        if (scope === 'team') return true;
        if (scope === 'assigned') return c.assignedAdviserId === viewer.id;
        if (scope === 'assignedOrOpen')
          return c.assignedAdviserId === null || c.assignedAdviserId === viewer.id;
        return false;
      });
  }
}

/** The table's answer for one route; a route missing from the table is refused. */
export function canUseRoute(
  method: 'GET' | 'POST',
  path: string,
  viewer: Viewer | undefined,
  c?: CaseFacts,
): boolean {
  const entry = findRouteAccess(method, path);
  return entry !== undefined && isAllowed(entry.rule, viewer, c);
}

/** Whether the viewer holds any role in the case's team (refusals then answer 403, else 404). */
export function isSameTeam(viewer: Viewer, c: CaseFacts): boolean {
  return viewer.memberships.some((m) => m.teamId === c.teamId);
}
