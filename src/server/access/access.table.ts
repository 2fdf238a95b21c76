import type { Role } from '../../domain/roles.js';

/**
 * THE need-to-know table: for every route, who may use it. One entry per route registered in
 * app.tsx (test/access-table.test.ts walks every entry for every role, own team or not,
 * assigned or not, against the live app, and fails on a route missing here).
 *
 * - `public`: anyone, signed in or not;
 * - `signedIn`: any signed-in staff member (their own account pages);
 * - `roles`: staff holding one of the roles in some team (team-wide pages filter by team);
 * - `case`: routes on one case: per role, `team` = any case of a team where they hold the
 *   role; `assigned` = only cases assigned to them; `assignedOrOpen` = assigned to them or
 *   to nobody yet (so it can be picked up). Cases of other teams are never allowed.
 */
export type CaseScope = 'team' | 'assigned' | 'assignedOrOpen';
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'case'; scopes: Partial<Record<Role, CaseScope>> };

export interface RouteAccess {
  method: 'GET' | 'POST';
  path: string;
  rule: AccessRule;
}

const PUBLIC: AccessRule = { kind: 'public' };
const SIGNED_IN: AccessRule = { kind: 'signedIn' };
const roles = (...r: Role[]): AccessRule => ({ kind: 'roles', roles: r });
/** Case content: the team's coordinator; an adviser when assigned to them or still open. */
const CASE_CONTENT: AccessRule = { kind: 'case', scopes: { safety_coordinator: 'team', confidential_adviser: 'assignedOrOpen' } };
/** Decisions about a case's consents and retention: the coordinator and the assigned adviser. */
const CASE_CONSENT: AccessRule = { kind: 'case', scopes: { safety_coordinator: 'team', confidential_adviser: 'assigned' } };
const CASE_COORDINATOR: AccessRule = { kind: 'case', scopes: { safety_coordinator: 'team' } };

export const ACCESS_TABLE: readonly RouteAccess[] = [
  { method: 'GET', path: '/health', rule: PUBLIC },
  { method: 'GET', path: '/assets/:name', rule: PUBLIC },
  { method: 'GET', path: '/lang/:lang', rule: PUBLIC },
  { method: 'GET', path: '/', rule: PUBLIC },
  { method: 'GET', path: '/melden', rule: PUBLIC },
  { method: 'POST', path: '/melden', rule: PUBLIC },
  { method: 'GET', path: '/login', rule: PUBLIC },
  { method: 'POST', path: '/login', rule: PUBLIC },
  { method: 'GET', path: '/login/two-factor', rule: PUBLIC },
  { method: 'POST', path: '/login/two-factor', rule: PUBLIC },
  { method: 'GET', path: '/login/two-factor/enrol', rule: PUBLIC },
  { method: 'POST', path: '/login/two-factor/enrol', rule: PUBLIC },
  { method: 'POST', path: '/logout', rule: PUBLIC },
  { method: 'GET', path: '/setup/:token', rule: PUBLIC },
  { method: 'POST', path: '/setup/:token', rule: PUBLIC },
  { method: 'GET', path: '/account/security', rule: SIGNED_IN },
  { method: 'POST', path: '/account/two-factor', rule: SIGNED_IN },
  { method: 'POST', path: '/account/sessions/:sessionId/revoke', rule: SIGNED_IN },
  { method: 'GET', path: '/admin/security', rule: roles('administrator') },
  { method: 'POST', path: '/admin/security', rule: roles('administrator') },
  { method: 'GET', path: '/audit', rule: roles('safety_coordinator') },
  { method: 'GET', path: '/cases', rule: SIGNED_IN },
  { method: 'GET', path: '/cases/:id', rule: CASE_CONTENT },
  { method: 'GET', path: '/cases/:id/consents', rule: CASE_CONSENT },
  { method: 'POST', path: '/cases/:id/consents', rule: CASE_CONSENT },
  { method: 'POST', path: '/cases/:id/consents/:consentId/withdraw', rule: CASE_CONSENT },
  { method: 'POST', path: '/cases/:id/overrides', rule: CASE_COORDINATOR },
  { method: 'POST', path: '/cases/:id/identity-access', rule: CASE_COORDINATOR },
  { method: 'POST', path: '/cases/:id/retention-hold', rule: CASE_COORDINATOR },
  { method: 'GET', path: '/cases/:id/subject-export', rule: CASE_CONSENT },
  // patterns (issue 8): the signal for coordinators; identifiers of the accused on a case
  { method: 'GET', path: '/patterns', rule: roles('safety_coordinator') },
  { method: 'GET', path: '/cases/:id/identifiers', rule: CASE_CONTENT },
  { method: 'POST', path: '/cases/:id/identifiers', rule: CASE_CONSENT },
];

export function findRouteAccess(method: string, path: string): RouteAccess | undefined {
  return ACCESS_TABLE.find((r) => r.method === method && r.path === path);
}
