import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import { canUseRoute, type CaseFacts, type Viewer } from './access.policy.js';

// An independent oracle for the need-to-know table: for a sample of routes, who may use them,
// written out by hand from the role table in docs/architecture.md (and the domain's "need to
// know"), not derived from access.table.ts. test/access-table.test.ts walks every entry against
// the live app; this says what the entries must BE for routes where a mistake would leak.
const TEAM = 'team-a';
const OTHER_TEAM = 'team-b';
const ME = 'user-me';
const viewer = (role: Role, teamId = TEAM): Viewer => ({
  id: ME,
  memberships: [{ teamId, teamKey: teamId, role }],
});

const assignedToMe: CaseFacts = { teamId: TEAM, assignedAdviserId: ME };
const assignedToOther: CaseFacts = { teamId: TEAM, assignedAdviserId: 'user-other' };
const open: CaseFacts = { teamId: TEAM, assignedAdviserId: null };
const conflicted: CaseFacts = { teamId: TEAM, assignedAdviserId: ME, conflictedUserIds: [ME] };
const otherTeams: CaseFacts = { teamId: OTHER_TEAM, assignedAdviserId: null };

type Row = [
  route: string,
  who: string,
  v: Viewer | undefined,
  c: CaseFacts | undefined,
  allowed: boolean,
];
const ROWS: Row[] = [
  // Reading a case: the coordinator sees every case of the team; an adviser their own and open ones.
  ['GET /cases/:id', 'coordinator, team case', viewer('safety_coordinator'), assignedToOther, true],
  ['GET /cases/:id', 'adviser, own case', viewer('confidential_adviser'), assignedToMe, true],
  ['GET /cases/:id', 'adviser, open case', viewer('confidential_adviser'), open, true],
  [
    'GET /cases/:id',
    "adviser, a colleague's case",
    viewer('confidential_adviser'),
    assignedToOther,
    false,
  ],
  [
    'GET /cases/:id',
    'adviser with a conflict of interest',
    viewer('confidential_adviser'),
    conflicted,
    false,
  ],
  [
    'GET /cases/:id',
    'coordinator of another team',
    viewer('safety_coordinator'),
    otherTeams,
    false,
  ],
  ['GET /cases/:id', 'administrator', viewer('administrator'), open, false],
  ['GET /cases/:id', 'support officer', viewer('support_officer'), open, false],
  ['GET /cases/:id', 'expert team member', viewer('expert_team_member'), open, false],
  ['GET /cases/:id', 'board', viewer('board'), open, false],
  ['GET /cases/:id', 'ombudsperson', viewer('ombudsperson'), open, false],
  ['GET /cases/:id', 'partner service', viewer('partner_service'), open, false],
  ['GET /cases/:id', 'visitor', undefined, open, false],
  // Changing a case: only its own adviser or the coordinator; an open case is not yet anyone's.
  [
    'POST /cases/:id/status',
    'adviser, own case',
    viewer('confidential_adviser'),
    assignedToMe,
    true,
  ],
  ['POST /cases/:id/status', 'adviser, open case', viewer('confidential_adviser'), open, false],
  [
    'POST /cases/:id/status',
    'coordinator, team case',
    viewer('safety_coordinator'),
    assignedToOther,
    true,
  ],
  // The threat log: the case's handlers, or a holder of the per-case grant.
  [
    'GET /threat-log/:id',
    'grantee without a role',
    { id: ME, memberships: [] },
    { ...assignedToOther, grantees: [ME] },
    true,
  ],
  [
    'GET /threat-log/:id',
    'support officer without the grant',
    viewer('support_officer'),
    assignedToOther,
    false,
  ],
  // Administration: administrators only, never case content.
  ['GET /admin', 'administrator', viewer('administrator'), undefined, true],
  ['GET /admin', 'coordinator', viewer('safety_coordinator'), undefined, false],
  // Figures: the board and the coordinator.
  ['GET /statistics', 'board', viewer('board'), undefined, true],
  ['GET /statistics', 'adviser', viewer('confidential_adviser'), undefined, false],
  // The public site needs no session.
  ['GET /melden', 'visitor', undefined, undefined, true],
  ['POST /postbus', 'visitor', undefined, undefined, true],
  // A route missing from the table is refused (fail closed), whoever asks.
  ['GET /no-such-route', 'coordinator', viewer('safety_coordinator'), undefined, false],
];

describe('the need-to-know table, a hand-written sample', () => {
  it.each(ROWS)('%s — %s → %s', (route, _who, v, c, allowed) => {
    const [method, path] = route.split(' ') as ['GET' | 'POST', string];
    expect(canUseRoute(method, path, v, c)).toBe(allowed);
  });
});
