import type { Membership, Role } from '../../domain/roles.js';
import type { MessageKey } from '../../i18n/nl.js';

const ADVISERS: readonly Role[] = ['confidential_adviser', 'safety_coordinator'];
const TEAM_WORK: readonly Role[] = [
  'support_officer',
  'safety_coordinator',
  'confidential_adviser',
  'administrator',
];

export interface MenuItem {
  path: string;
  label: MessageKey;
  /** What the page is for, on the start page (/start). */
  description: MessageKey;
  /** Who sees the link; every one of them may open the page (test/home-menu.test.ts checks it against the access table). */
  roles: readonly Role[];
  /** The platform operator's pages (issue 22): shown to the operator only, whatever `roles` says. */
  platform?: true;
}

/** Every staff page a role reaches from the menu, in menu order (issue 19). */
export const MENU: readonly MenuItem[] = [
  {
    path: '/platform',
    label: 'platform.nav',
    description: 'workspace.describe.platform',
    roles: [],
    platform: true,
  },
  {
    path: '/platform/overview',
    label: 'overview.nav',
    description: 'workspace.describe.overview',
    roles: [],
    platform: true,
  },
  { path: '/cases', label: 'nav.inbox', description: 'workspace.describe.inbox', roles: ADVISERS },
  {
    path: '/mdo',
    label: 'workspace.nav.mdo',
    description: 'workspace.describe.mdo',
    roles: ADVISERS,
  },
  {
    path: '/patterns',
    label: 'patterns.nav',
    description: 'workspace.describe.patterns',
    roles: ['safety_coordinator'],
  },
  {
    path: '/rights-requests',
    label: 'rights.nav',
    description: 'workspace.describe.rights',
    roles: ['safety_coordinator'],
  },
  {
    path: '/audit',
    label: 'workspace.nav.audit',
    description: 'workspace.describe.audit',
    roles: ['safety_coordinator'],
  },
  {
    path: '/consultations',
    label: 'workspace.nav.consultations',
    description: 'workspace.describe.consultations',
    roles: ['expert_team_member', 'safety_coordinator'],
  },
  {
    path: '/team',
    label: 'teamwork.nav',
    description: 'workspace.describe.team',
    roles: TEAM_WORK,
  },
  {
    path: '/reports/annual',
    label: 'reports.nav',
    description: 'workspace.describe.annual',
    roles: ADVISERS,
  },
  {
    path: '/statistics',
    label: 'statistics.nav',
    description: 'workspace.describe.statistics',
    roles: ['board', 'safety_coordinator'],
  },
  {
    path: '/board/escalations',
    label: 'board.nav',
    description: 'workspace.describe.board',
    roles: ['board'],
  },
  {
    path: '/ombudsperson',
    label: 'ombuds.nav',
    description: 'workspace.describe.ombuds',
    roles: ['ombudsperson'],
  },
  {
    path: '/partner-counts',
    label: 'partnerCounts.nav',
    description: 'workspace.describe.partnerCounts',
    roles: ['partner_service', ...ADVISERS],
  },
  {
    path: '/team/locations',
    label: 'location.nav',
    description: 'workspace.describe.locations',
    roles: ['safety_coordinator', 'administrator'],
  },
  {
    path: '/admin',
    label: 'admin.nav.link',
    description: 'workspace.describe.admin',
    roles: ['administrator'],
  },
  {
    path: '/admin/security',
    label: 'workspace.nav.adminSecurity',
    description: 'workspace.describe.adminSecurity',
    roles: ['administrator'],
  },
  {
    path: '/admin/institution',
    label: 'workspace.nav.adminInstitution',
    description: 'workspace.describe.adminInstitution',
    roles: ['administrator'],
  },
  {
    path: '/start',
    label: 'workspace.nav.start',
    description: 'workspace.describe.start',
    roles: ['ombudsperson'],
  },
  {
    path: '/account/security',
    label: 'workspace.nav.account',
    description: 'workspace.describe.account',
    roles: [],
  },
];

const roleSet = (memberships: readonly Membership[]) => new Set(memberships.map((m) => m.role));

/**
 * The menu of a signed-in user: the items for any of their roles, and the own account for everyone;
 * the platform operator's pages for the operator only.
 */
export function menuFor(memberships: readonly Membership[], platformOperator = false): MenuItem[] {
  const mine = roleSet(memberships);
  return MENU.filter((item) =>
    item.platform
      ? platformOperator
      : item.roles.length === 0 || item.roles.some((r) => mine.has(r)),
  );
}

/** Where each role's work starts, first match wins for a person with several roles. */
const HOME_BY_ROLE: readonly [Role, string][] = [
  ['confidential_adviser', '/cases'],
  ['safety_coordinator', '/cases'],
  ['administrator', '/admin'],
  ['board', '/statistics'],
  ['expert_team_member', '/consultations'],
  ['partner_service', '/partner-counts'],
  ['support_officer', '/team/activities'],
  ['ombudsperson', '/start'],
];

/** The page a user lands on after signing in: their own work, never a page that refuses them. */
export function homePath(memberships: readonly Membership[]): string {
  const mine = roleSet(memberships);
  return HOME_BY_ROLE.find(([role]) => mine.has(role))?.[1] ?? '/start';
}
