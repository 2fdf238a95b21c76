import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../src/server/access/access.table.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { intakeFields, postMultipart } from './support/reporter-flow.js';
import {
  addInstitution,
  createPlatformOperator,
  HostClient,
  signedInOn,
  type Institution,
} from './support/institutions.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Issue 22 (decision 035): two institutions on one installation, each on its own host name. What
 * one institution's reporters file is invisible to every staff role of the other; sessions,
 * sign-in, administration, branding and the pattern signal stay within one institution.
 */
const PLATFORM = 'platform.test';
const HOST_A = 'meldpunt.uni-a.test';
const HOST_B = 'meldpunt.uni-b.test';
const t = useTestApp({
  env: { MELDPUNT_TENANCY: 'host', MELDPUNT_BASE_URL: `http://${PLATFORM}` },
});
let A: Institution;
let B: Institution;

const signedIn = (host: string, email: string) => signedInOn(t.app, host, email);

/** Files an anonymous report on a host; returns the case's id and reference, or the refusal's status. */
async function fileReport(host: string, teamKey: string) {
  const reporter = new HostClient(t.app, host);
  await reporter.get('/melden');
  const res = await postMultipart(reporter, '/melden', intakeFields(reporter, { team: teamKey }));
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)?.[1];
  return { status: res.status, reference };
}

/** References are numbered per team, so the same reference can exist at A and at B. */
async function caseOf(reference: string, teamId: string) {
  return t.deps.db
    .selectFrom('case')
    .select(['id', 'team_id'])
    .where('reference', '=', reference)
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
}

let caseA: { id: string; reference: string };

beforeAll(async () => {
  A = await addInstitution(t.deps, 'uni-a', HOST_A, 'Team Sociale Veiligheid Uni A', null);
  B = await addInstitution(t.deps, 'uni-b', HOST_B, 'Vertrouwenspunt Uni B', '#7a1f5c');
  const filed = await fileReport(HOST_A, A.teamKey);
  expect(filed.status).toBe(200);
  caseA = { id: (await caseOf(filed.reference!, A.teamId)).id, reference: filed.reference! };
});

describe('resolution by host name', () => {
  it('answers an unknown host with a clear 404 page, even for the public pages', async () => {
    for (const path of ['/', '/melden', '/login', '/privacy']) {
      const res = await t.app.request(path, {
        headers: { host: 'unknown.example', 'accept-language': 'en' },
      });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('No reporting point has been set up at this address');
    }
  });

  it('serves the platform host only the platform pages and sign-in', async () => {
    const res = await t.app.request('/melden', { headers: { host: PLATFORM } });
    expect(res.status).toBe(404);
    expect((await t.app.request('/login', { headers: { host: PLATFORM } })).status).toBe(200);
  });
});

describe('the public site per institution', () => {
  it("shows each institution's own teams and name, never the other's", async () => {
    for (const [own, other] of [
      [A, B],
      [B, A],
    ] as const) {
      const client = new HostClient(t.app, own.host);
      expect((await client.get('/privacy')).status).toBe(200);
      expect(client.lastHtml).toContain(own.teamName);
      expect(client.lastHtml).not.toContain(other.teamName);
      expect((await client.get(`/privacy/${other.teamKey}`)).status).toBe(404);
      await client.get('/toegankelijkheid');
      expect(client.lastHtml).toContain(`Universiteit ${own === A ? 'uni-a' : 'uni-b'}`);
      expect(client.lastHtml).not.toContain(`Universiteit ${own === A ? 'uni-b' : 'uni-a'}`);
      await client.get('/');
      expect(client.lastHtml).toContain(`Universiteit ${own === A ? 'uni-a' : 'uni-b'}`);
    }
  });

  it("puts a report filed on A's host in A's team and refuses a team of B there", async () => {
    expect(
      await t.deps.db
        .selectFrom('case')
        .select('team_id')
        .where('id', '=', caseA.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ team_id: A.teamId });
    const before = await t.deps.db
      .selectFrom('case')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('team_id', '=', B.teamId)
      .executeTakeFirstOrThrow();
    const foreign = await fileReport(HOST_A, B.teamKey);
    expect(foreign.status).toBe(422);
    expect(foreign.reference).toBeUndefined();
    const after = await t.deps.db
      .selectFrom('case')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('team_id', '=', B.teamId)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("links B's own stylesheet with its colour and not A's", async () => {
    const b = new HostClient(t.app, HOST_B);
    await b.get('/');
    expect(b.lastHtml).toContain('/assets/institution.css?v=7a1f5c');
    const css = await (await b.get('/assets/institution.css')).text();
    expect(css).toContain('--utrecht-button-primary-action-background-color: #7a1f5c');
    const a = new HostClient(t.app, HOST_A);
    await a.get('/');
    expect(a.lastHtml).not.toContain('/assets/institution.css');
    expect(await (await a.get('/assets/institution.css')).text()).not.toContain('#7a1f5c');
  });
});

describe("A's report and B's staff", () => {
  it("is refused on every case route to B's adviser, coordinator and administrator", async () => {
    const caseRoutes = ACCESS_TABLE.filter((r) => r.rule.kind === 'case');
    expect(caseRoutes.length).toBeGreaterThan(30);
    for (const roles of [
      ['confidential_adviser'],
      ['safety_coordinator'],
      ['administrator'],
    ] as const) {
      const staff = await createStaff(t.deps, B.teamId, [...roles]);
      const client = await signedIn(HOST_B, staff.email);
      await client.get('/start');
      const allowed: string[] = [];
      for (const route of caseRoutes) {
        const path = route.path
          .replace(':id', caseA.id)
          .replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
        const res = route.method === 'GET' ? await client.get(path) : await client.post(path, {});
        if (![403, 404].includes(res.status))
          allowed.push(`${route.method} ${path}: ${res.status}`);
      }
      expect(allowed, roles[0]).toEqual([]);
    }
  }, 120_000);

  it("does not appear in B's inbox, search, statistics or annual report", async () => {
    const coordinator = await createStaff(t.deps, B.teamId, [
      'safety_coordinator',
      'confidential_adviser',
    ]);
    const client = await signedIn(HOST_B, coordinator.email);
    for (const path of [
      '/cases',
      `/cases?q=${encodeURIComponent(caseA.reference)}&x=1`,
      '/statistics',
      '/reports/annual',
    ]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(client.lastHtml, path).not.toContain(caseA.id);
      if (!path.includes('q=')) expect(client.lastHtml, path).not.toContain(caseA.reference);
      expect(client.lastHtml, path).not.toContain(A.teamName);
    }
    // the control: A's own coordinator does see it
    const own = await createStaff(t.deps, A.teamId, ['safety_coordinator']);
    const a = await signedIn(HOST_A, own.email);
    await a.get('/cases');
    expect(a.lastHtml).toContain(caseA.reference);
  });
});

describe('sign-in and sessions stay with their institution', () => {
  it("refuses B's account on A's host, and B's session cookie is no session there", async () => {
    const staff = await createStaff(t.deps, B.teamId, ['safety_coordinator']);
    const onA = new HostClient(t.app, HOST_A);
    await onA.get('/login');
    const refused = await onA.post('/login', { email: staff.email, password: PASSWORD });
    expect(refused.status).toBe(401);
    const onB = await signedIn(HOST_B, staff.email);
    expect((await onB.get('/cases')).status).toBe(200);
    const cookie = `mp_session=${onB.cookie('mp_session')}`;
    const replayed = await t.app.request('/cases', { headers: { host: HOST_A, cookie } });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/login');
    // nor is it A's host's to end: signing out there leaves B's session alive, and A's audit trail untouched
    const eventsOfA = () =>
      t.deps.db
        .selectFrom('audit_event')
        .select('id')
        .where('institution_id', '=', A.id)
        .where('type', '=', 'USER_SIGNED_OUT')
        .execute();
    const signOutsOfA = (await eventsOfA()).length;
    onB.host = HOST_A;
    expect((await onB.post('/logout', {})).status).toBe(303);
    expect(await eventsOfA()).toHaveLength(signOutsOfA);
    // (a browser keeps cookies per host; this client does not, so ask with the cookie itself)
    expect((await t.app.request('/cases', { headers: { host: HOST_B, cookie } })).status).toBe(200);
  });
});

describe('institution administrators', () => {
  it("lets B's administrator add teams only to B and administer nothing of A", async () => {
    const admin = await createStaff(t.deps, B.teamId, ['administrator']);
    const client = await signedIn(HOST_B, admin.email);
    await client.get('/admin');
    const intoA = await client.post('/admin/teams', {
      key: 'sneaky',
      nameNl: 'Sneaky',
      nameEn: 'Sneaky',
      institutionKey: 'uni-a',
    });
    expect(intoA.status).toBe(403);
    const newInstitution = await client.post('/admin/teams', {
      key: 'sneaky2',
      nameNl: 'Sneaky',
      nameEn: 'Sneaky',
      institutionKey: 'brand-new',
    });
    expect(newInstitution.status).toBe(403);
    expect(
      await t.deps.db
        .selectFrom('team')
        .select('id')
        .where('key', 'in', ['sneaky', 'sneaky2'])
        .execute(),
    ).toEqual([]);
    expect(
      await t.deps.db
        .selectFrom('institution')
        .select('id')
        .where('key', '=', 'brand-new')
        .execute(),
    ).toEqual([]);

    await client.get('/admin');
    const own = await client.post('/admin/teams', {
      key: 'b-staff',
      nameNl: 'Medewerkers B',
      nameEn: 'Staff B',
      institutionKey: 'uni-b',
    });
    expect(own.status).toBe(303);
    const created = await t.deps.db
      .selectFrom('team')
      .select('institution_id')
      .where('key', '=', 'b-staff')
      .executeTakeFirstOrThrow();
    expect(created.institution_id).toBe(B.id);

    expect((await client.get(`/admin/teams/${A.teamId}`)).status).toBe(403);
    expect((await client.get(`/admin/teams/${A.teamId}/users`)).status).toBe(403);

    // an existing account of A cannot be pulled into B's team by its e-mail address: under B's
    // context A's accounts are invisible (decision 036), so B's administrator learns nothing about
    // the address either — the answer is that of an address without an account
    const ofA = await createStaff(t.deps, A.teamId, ['confidential_adviser']);
    await client.get(`/admin/teams/${B.teamId}/users`);
    const invite = (email: string) =>
      client.post(`/admin/teams/${B.teamId}/users/invite`, {
        email,
        displayName: 'X',
        locale: 'nl',
        roles: 'confidential_adviser',
      });
    const fresh = await invite(`nobody-${Date.now()}@uni-b.test`);
    await client.get(`/admin/teams/${B.teamId}/users`);
    const pulled = await invite(ofA.email);
    expect(pulled.status).toBe(fresh.status);
    const memberships = await t.deps.db
      .selectFrom('team_membership')
      .select('team_id')
      .where('user_id', '=', ofA.id)
      .execute();
    expect(memberships.map((m) => m.team_id)).toEqual([A.teamId]);
    // nor given roles in B's team by its id
    const byId = await client.post(`/admin/teams/${B.teamId}/users/${ofA.id}/roles`, {
      roles: 'confidential_adviser',
    });
    expect([403, 404]).toContain(byId.status);
    const still = await t.deps.db
      .selectFrom('team_membership')
      .select('team_id')
      .where('user_id', '=', ofA.id)
      .execute();
    expect(still.map((m) => m.team_id)).toEqual([A.teamId]);
  });
});

describe('the platform operator', () => {
  let operatorEmail: string;
  beforeAll(async () => {
    operatorEmail = (await createPlatformOperator(t.deps)).email;
  });

  it("signs in on the platform host only; institutions' staff are refused there", async () => {
    const onA = new HostClient(t.app, HOST_A);
    await onA.get('/login');
    expect((await onA.post('/login', { email: operatorEmail, password: PASSWORD })).status).toBe(
      401,
    );
    const admin = await createStaff(t.deps, A.teamId, ['administrator']);
    const onPlatform = new HostClient(t.app, PLATFORM);
    await onPlatform.get('/login');
    expect(
      (await onPlatform.post('/login', { email: admin.email, password: PASSWORD })).status,
    ).toBe(401);
    const operator = new HostClient(t.app, PLATFORM);
    const landed = await operator.signIn(operatorEmail, PASSWORD);
    expect(landed.headers.get('location')).toBe('/platform');
    expect((await operator.get('/account/security')).status).toBe(200);
    expect((await operator.get('/cases')).status).toBe(404); // no institution on the platform host
    const adminOnA = await signedIn(HOST_A, admin.email);
    expect((await adminOnA.get('/platform')).status).toBe(403);
  });

  it('creates an institution whose first administrator signs in on its own host only', async () => {
    const operator = await signedIn(PLATFORM, operatorEmail);
    expect((await operator.get('/platform')).status).toBe(200);
    const adminEmail = `first-admin-${Date.now()}@uni-c.test`;
    const res = await operator.post('/platform/institutions', {
      name: 'Hogeschool C',
      key: 'hs-c',
      host: 'meldpunt.hs-c.test',
      colour: '',
      teamNameNl: 'Meldpunt Hogeschool C',
      teamNameEn: 'Reporting point Hogeschool C',
      adminName: 'Eerste Beheerder',
      adminEmail,
    });
    expect(res.status).toBe(200);
    const link =
      /<code class="setup-link">http:\/\/meldpunt\.hs-c\.test(\/invite\/[^<]+)<\/code>/.exec(
        operator.lastHtml,
      )?.[1];
    expect(link).toBeDefined();
    // the operator took no role in the new institution
    const operatorRoles = await t.deps.db
      .selectFrom('team_membership')
      .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
      .select('team_id')
      .where('app_user.email', '=', operatorEmail)
      .execute();
    expect(operatorRoles).toEqual([]);

    const invited = new HostClient(t.app, 'meldpunt.hs-c.test');
    await invited.get(link!);
    const accepted = await invited.post(link!, {
      displayName: 'Eerste Beheerder',
      password: 'a long and unusual passphrase 42',
    });
    expect([200, 303]).toContain(accepted.status);
    const account = await t.deps.db
      .selectFrom('app_user')
      .innerJoin('institution', 'institution.id', 'app_user.institution_id')
      .select('institution.key')
      .where('app_user.email', '=', adminEmail)
      .executeTakeFirstOrThrow();
    expect(account.key).toBe('hs-c');

    const onC = new HostClient(t.app, 'meldpunt.hs-c.test');
    await onC.get('/login');
    expect(
      (
        await onC.post('/login', {
          email: adminEmail,
          password: 'a long and unusual passphrase 42',
        })
      ).status,
    ).toBe(303);
    expect((await onC.get('/admin')).status).toBe(200);
    const onA = new HostClient(t.app, HOST_A);
    await onA.get('/login');
    expect(
      (
        await onA.post('/login', {
          email: adminEmail,
          password: 'a long and unusual passphrase 42',
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a primary colour without AA contrast against white, with the ratio', async () => {
    const operator = await signedIn(PLATFORM, operatorEmail);
    await operator.get('/platform');
    // #777777 on white is 4.48:1 (just under AA); #767676 is 4.54:1, the lightest grey that passes.
    const refused = await operator.post(`/platform/institutions/${A.id}/colour`, {
      colour: '#777777',
    });
    expect(refused.status).toBe(422);
    expect(operator.lastHtml).toContain('too little contrast with white: 4.48:1');
    const yellow = await operator.post('/platform/institutions', {
      name: 'Geel',
      key: 'geel',
      host: 'meldpunt.geel.test',
      colour: '#ffff00',
      teamNameNl: 'Geel',
      teamNameEn: 'Yellow',
      adminName: 'Geel',
      adminEmail: `geel-${Date.now()}@geel.test`,
    });
    expect(yellow.status).toBe(422);
    expect(operator.lastHtml).toContain('too little contrast with white: 1.07:1');
    expect(
      await t.deps.db.selectFrom('institution').select('id').where('key', '=', 'geel').execute(),
    ).toEqual([]);
    const row = await t.deps.db
      .selectFrom('institution')
      .select('colour_primary')
      .where('id', '=', A.id)
      .executeTakeFirstOrThrow();
    expect(row.colour_primary).toBeNull();

    await operator.get('/platform');
    const saved = await operator.post(`/platform/institutions/${A.id}/colour`, {
      colour: '#767676',
    });
    expect(saved.status).toBe(303);
    const after = await t.deps.db
      .selectFrom('institution')
      .select('colour_primary')
      .where('id', '=', A.id)
      .executeTakeFirstOrThrow();
    expect(after.colour_primary).toBe('#767676');
    await t.deps.db
      .updateTable('institution')
      .set({ colour_primary: null })
      .where('id', '=', A.id)
      .execute();
  });
});

describe('patterns never cross institutions', () => {
  async function addIdentifier(client: TestClient, caseId: string, value: string) {
    expect((await client.get(`/cases/${caseId}/identifiers`)).status).toBe(200);
    const res = await client.submit(`/cases/${caseId}/identifiers`, {
      kind: 'email',
      value,
      qualifier: '',
    });
    expect(res.status).toBe(200);
  }

  it('gives no signal and no cross-team count for the same person reported at A and at B', async () => {
    const coordA = await signedIn(
      HOST_A,
      (await createStaff(t.deps, A.teamId, ['safety_coordinator'])).email,
    );
    const coordB = await signedIn(
      HOST_B,
      (await createStaff(t.deps, B.teamId, ['safety_coordinator'])).email,
    );
    const a1 = await fileReport(HOST_A, A.teamKey);
    const b1 = await fileReport(HOST_B, B.teamKey);
    const a1Id = (await caseOf(a1.reference!, A.teamId)).id;
    await addIdentifier(coordA, a1Id, 'p.pietersen@example.org');
    await addIdentifier(
      coordB,
      (await caseOf(b1.reference!, B.teamId)).id,
      'P.Pietersen@example.org',
    );
    for (const [client, own, other] of [
      [coordA, a1.reference!, b1.reference!],
      [coordB, b1.reference!, a1.reference!],
    ] as const) {
      expect((await client.get('/patterns')).status).toBe(200);
      expect(client.lastHtml).not.toContain('data-testid="pattern-signal"');
      expect(client.lastHtml).not.toContain('data-testid="pattern-cross-team"');
      expect(client.lastHtml).not.toContain(own);
      expect(client.lastHtml).not.toContain(other);
    }
    // the control: a second report of the same person within A does give A's coordinator a signal
    const a2 = await fileReport(HOST_A, A.teamKey);
    await addIdentifier(
      coordA,
      (await caseOf(a2.reference!, A.teamId)).id,
      'p.pietersen@example.org',
    );
    await coordA.get('/patterns');
    expect(coordA.lastHtml).toContain('data-testid="pattern-signal"');
    expect(coordA.lastHtml).toContain(a1.reference!);
    expect(coordA.lastHtml).toContain(a2.reference!);
    expect(coordA.lastHtml).not.toContain(b1.reference!);
    expect(coordA.lastHtml).not.toContain('data-testid="pattern-cross-team"');
    await coordB.get('/patterns');
    expect(coordB.lastHtml).not.toContain('data-testid="pattern-signal"');
  });
});
