import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { ROLES, type Role } from '../src/domain/roles.js';
import { ACCESS_TABLE, type RouteAccess } from '../src/server/access/access.table.js';
import { isAllowed, type CaseFacts } from '../src/server/access/access.policy.js';
import { createTestDeps } from './support/test-deps.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, defaultTeamId, PASSWORD } from './support/factories.js';
import { caseIdOf, submitReport } from './support/security.js';

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
let deps: Deps;
let app: ReturnType<typeof createApp>;
let ownTeam: string;

interface Viewer {
  label: string;
  id?: string;
  email?: string;
  memberships: { teamId: string; teamKey: string; role: Role }[];
}

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp(deps);
  ownTeam = await defaultTeamId(deps);
});
afterAll(() => deps.dispose());

async function viewers(): Promise<Viewer[]> {
  const otherTeam = await createTeam(deps, `walk-${Date.now()}`);
  const out: Viewer[] = [{ label: 'signed out', memberships: [] }];
  for (const [teamId, where] of [[ownTeam, 'own team'], [otherTeam, 'other team']] as const) {
    for (const role of ROLES) {
      const u = await createStaff(deps, teamId, [role]);
      out.push({ label: `${role} (${where})`, ...u, memberships: [{ teamId, teamKey: '', role }] });
    }
  }
  return out;
}

async function clientFor(v: Viewer): Promise<TestClient> {
  const client = new TestClient(app);
  if (v.email) expect((await client.signIn(v.email, PASSWORD)).status).toBe(303);
  else await client.get('/login');
  return client;
}

/** Concrete values for path parameters; bodies that pass validation where a route needs one. */
function concrete(path: string, caseId: string): string {
  return path
    .replace(':id', caseId)
    .replace(':lang', 'en')
    .replace(':name', 'app.css')
    .replace(':token', 'x'.repeat(43))
    .replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
}
const BODIES: Record<string, Record<string, string>> = {
  'POST /admin/security': { requireTwoFactor: 'no' },
  'POST /cases/:id/retention-hold': { hold: 'no' },
  'POST /cases/:id/consents/:consentId/withdraw': { withdrawVia: 'conversation' },
};

async function request(client: TestClient, route: RouteAccess, caseId: string): Promise<Response> {
  const path = concrete(route.path, caseId);
  if (route.method === 'GET') return client.get(path);
  return client.post(path, BODIES[`${route.method} ${route.path}`] ?? {});
}

function isRefused(res: Response, viewerInCaseTeam: boolean): boolean {
  if (res.status === 403) return true;
  if (res.status === 303 && res.headers.get('location') === '/login') return true;
  return res.status === 404 && !viewerInCaseTeam;
}

describe('the need-to-know table', () => {
  it('holds for every route in it, every role, own team or not, assigned or not — against the live app', async () => {
    const all = await viewers();
    const adviser = all.find((v) => v.label === 'confidential_adviser (own team)')!;
    const colleague = await createStaff(deps, ownTeam, ['confidential_adviser']);
    const cases: { label: string; id: string; facts: CaseFacts }[] = [];
    for (const [label, assignee] of [['assigned to the viewer', adviser.id!], ['assigned to a colleague', colleague.id], ['unassigned', null]] as const) {
      const id = await caseIdOf(deps, (await submitReport(app)).reference);
      await deps.db.updateTable('case').set({ assigned_adviser_id: assignee }).where('id', '=', id).execute();
      cases.push({ label, id, facts: { teamId: ownTeam, assignedAdviserId: assignee } });
    }
    const mismatches: string[] = [];
    let checked = 0;
    for (const v of all) {
      let client = await clientFor(v);
      const inTeam = v.memberships.some((m) => m.teamId === ownTeam);
      for (const route of ACCESS_TABLE) {
        const isCaseRoute = route.rule.kind === 'case';
        // "assigned" is seen from the own-team adviser; for others the first case is simply someone else's.
        for (const c of isCaseRoute ? cases : cases.slice(0, 1)) {
          if (route.path === '/logout' || route.path.startsWith('/account/sessions')) client = await clientFor(v);
          const res = await request(client, route, c.id);
          checked++;
          if (route.path === '/logout') client = await clientFor(v); // signed out by the request itself
          const expected = isAllowed(route.rule, v.id ? { id: v.id, memberships: v.memberships } : undefined, c.facts);
          if (res.status >= 500) mismatches.push(`${v.label} ${route.method} ${route.path} (${c.label}): ${res.status}`);
          else if (route.rule.kind === 'public') continue; // open to all: the route's own logic decides (e.g. setup links)
          else if (expected === isRefused(res, inTeam || !isCaseRoute)) {
            mismatches.push(`${v.label} ${route.method} ${route.path} (${c.label}): expected ${expected ? 'allowed' : 'refused'}, got ${res.status}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(ACCESS_TABLE.length * all.length);
  }, 600_000);

  it('refuses every other case route to visitors, to other teams and to roles that see no case content', async () => {
    const registered = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const inTable = new Set(ACCESS_TABLE.map((r) => `${r.method} ${r.path}`));
    const others = [...registered].filter((r) => /^(GET|POST) \/cases\/:id/.test(r) && !inTable.has(r));
    const caseId = await caseIdOf(deps, (await submitReport(app)).reference);
    const otherTeam = await createTeam(deps, `base-${Date.now()}`);
    const outsiders: Viewer[] = [{ label: 'signed out', memberships: [] }];
    for (const [teamId, roles] of [[otherTeam, ['confidential_adviser', 'safety_coordinator']], [ownTeam, ['support_officer', 'administrator', 'board', 'partner_service']]] as const) {
      for (const role of roles) outsiders.push({ label: `${role}${teamId === ownTeam ? '' : ' (other team)'}`, ...(await createStaff(deps, teamId, [role])), memberships: [{ teamId, teamKey: '', role }] });
    }
    const leaks: string[] = [];
    for (const v of outsiders) {
      const client = await clientFor(v);
      for (const r of others) {
        const [method, path] = r.split(' ') as ['GET' | 'POST', string];
        const res = await request(client, { method, path, rule: { kind: 'signedIn' } }, caseId);
        if (!isRefused(res, false)) leaks.push(`${v.label} ${r}: ${res.status}`);
      }
    }
    expect(others.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 600_000);
});
