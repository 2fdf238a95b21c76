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
}

export interface Viewer {
  id: string;
  memberships: readonly Membership[];
}

export function isAllowed(rule: AccessRule, viewer: Viewer | undefined, c?: CaseFacts): boolean {
  switch (rule.kind) {
    case 'public':
      return true;
    case 'signedIn':
      return viewer !== undefined;
    case 'roles':
      return viewer !== undefined && viewer.memberships.some((m) => rule.roles.includes(m.role));
    case 'case':
      if (!viewer || !c) return false;
      if ((c.conflictedUserIds ?? []).includes(viewer.id) || c.counterpartAdviserId === viewer.id) return false;
      return viewer.memberships.some((m) => {
        if (m.teamId !== c.teamId) return false;
        const scope = rule.scopes[m.role];
        if (scope === 'team') return true;
        if (scope === 'assigned') return c.assignedAdviserId === viewer.id;
        if (scope === 'assignedOrOpen') return c.assignedAdviserId === null || c.assignedAdviserId === viewer.id;
        return false;
      });
  }
}

/** The table's answer for one route; a route missing from the table is refused. */
export function canUseRoute(method: 'GET' | 'POST', path: string, viewer: Viewer | undefined, c?: CaseFacts): boolean {
  const entry = findRouteAccess(method, path);
  return entry !== undefined && isAllowed(entry.rule, viewer, c);
}

/** Whether the viewer holds any role in the case's team (refusals then answer 403, else 404). */
export function isSameTeam(viewer: Viewer, c: CaseFacts): boolean {
  return viewer.memberships.some((m) => m.teamId === c.teamId);
}
