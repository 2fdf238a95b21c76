import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, type RouteAccess } from '../src/server/access/access.table.js';
import { ROLES } from '../src/domain/roles.js';
import { API_SCOPES, createApiToken } from '../src/server/api/api-tokens.service.js';
import { createStaff, PASSWORD } from './support/factories.js';
import {
  addInstitution,
  createPlatformOperator,
  HostClient,
  type Institution,
} from './support/institutions.js';
import { seedInstitutionData, type InstitutionData } from './support/institution-data.js';
import {
  concretePath,
  fingerprint,
  MATRIX,
  NEUTRAL_PARAMS,
  type Own,
} from './support/institution-matrix.js';
import { reportAnonymously } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Issue 22, done-when 1: two institutions on one installation, each on its own host name. A
 * report to A — with everything the routes can show of it — is invisible to every role of B:
 * every route of the need-to-know table, with A's ids in its path, asked by each of B's team roles,
 * B's platform operator, an anonymous visitor and a reporter in B's mailbox, on B's host and with
 * the same browser on A's host. No answer that passes (2xx/3xx) shows anything of A, no file of A
 * is served, and A's rows are unchanged afterwards. A's own people do see it (the control).
 */
const PLATFORM = 'platform.test';
const t = useTestApp({
  smtp: true,
  env: { MELDPUNT_TENANCY: 'host', MELDPUNT_BASE_URL: `http://${PLATFORM}` },
});

let A: Institution;
let B: Institution;
let dataA: InstitutionData;

beforeAll(async () => {
  A = await addInstitution(t.deps, 'uni-a', 'meldpunt.uni-a.test', 'Team Sociale Veiligheid A');
  B = await addInstitution(t.deps, 'uni-b', 'meldpunt.uni-b.test', 'Vertrouwenspunt B');
  dataA = await seedInstitutionData(t.deps, t.app, A, 'qa7', {
    counter: 7340,
    mails: t.smtp.messages,
  });
}, 300_000);

/** Everything of A a page of B must never show: the marked texts, its reference, its ids and names. */
function leaksOf(text: string, publicToo = true): string[] {
  const secrets = [
    ...dataA.markers.filter((m) => publicToo || !dataA.publicMarkers.includes(m)),
    dataA.reference,
    ...Object.entries(dataA.ids)
      .filter(([k]) => !NEUTRAL_PARAMS.has(k))
      .map(([, v]) => v),
  ];
  return secrets.filter((s) => s && text.includes(s));
}

interface Viewer {
  label: string;
  client: HostClient;
  csrf: string;
  /** Signs in again where the viewer signed in (the walk ends with signing out); checks the session holds there. */
  renew(): Promise<void>;
}

/** B's people: each team role and the administrator on B's host, the platform operator, a visitor, a reporter in B's mailbox. */
async function viewersOfB(): Promise<Viewer[]> {
  const { receipt } = await reportAnonymously(asHost(B.host), [], {
    team: B.teamKey,
    narrative: 'Een melding bij B.',
  });
  const make = async (
    label: string,
    home: string,
    signIn?: { email?: string; receipt?: string },
  ) => {
    const client = new HostClient(t.app, home);
    const renew = async () => {
      client.host = home;
      if (signIn?.email) {
        expect((await client.signIn(signIn.email, PASSWORD)).status, label).toBe(303);
        expect((await client.get('/account/security')).status, label).toBe(200);
      } else if (signIn?.receipt) {
        await client.get('/postbus');
        expect((await client.post('/postbus', { receipt: signIn.receipt })).status, label).toBe(
          303,
        );
        expect((await client.get('/postbus/inbox')).status, label).toBe(200);
      } else await client.get('/login');
    };
    await renew();
    return { label, client, csrf: client.csrfToken(), renew };
  };
  const out: Viewer[] = [];
  for (const role of ROLES) {
    const staff = await createStaff(t.deps, B.teamId, [role], `${role} of B`);
    out.push(await make(role, B.host, { email: staff.email }));
  }
  out.push(
    await make('platform operator', PLATFORM, {
      email: (await createPlatformOperator(t.deps)).email,
    }),
    await make('anonymous', B.host),
    await make('reporter (mailbox of B)', B.host, { receipt }),
  );
  return out;
}

/** The app as seen from one host name (for helpers that take an app). */
function asHost(host: string): typeof t.app {
  return new Proxy(t.app, {
    get(target, prop, receiver) {
      if (prop !== 'request') return Reflect.get(target, prop, receiver) as unknown;
      return (path: string, init: RequestInit = {}) =>
        target.request(path, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), host },
        });
    },
  });
}

/** Routes that end the browser's session go last, so that the rest is asked signed in. */
const ENDS_SESSION = new Set(['POST /logout', 'POST /postbus/uitloggen', 'GET /weg']);
const key = (r: RouteAccess) => `${r.method} ${r.path}`;
const walkOrder = [...ACCESS_TABLE].sort(
  (a, b) => Number(ENDS_SESSION.has(key(a))) - Number(ENDS_SESSION.has(key(b))),
);
const hasSecretParam = (path: string) =>
  [...path.matchAll(/:([A-Za-z]+)/g)].some(([, name]) => !NEUTRAL_PARAMS.has(name!));

async function ask(v: Viewer, route: RouteAccess): Promise<Response> {
  const path = concretePath(route.path, dataA);
  if (route.method === 'GET') return v.client.get(path);
  const spec = MATRIX[key(route)]?.body ?? {};
  const body = typeof spec === 'function' ? spec(dataA.ids) : spec;
  return v.client.post(path, { _csrf: v.csrf, ...body });
}

/** What is wrong with an answer to one of B's people, if anything. */
async function findings(route: RouteAccess, res: Response, host: string): Promise<string[]> {
  const out: string[] = [];
  if (res.status >= 500) out.push(`answered ${res.status}`);
  // A form refused for its token never reaches the route: the walk itself would be wrong.
  if (res.status === 403 && (await res.clone().text()).includes('The form has expired'))
    out.push('refused as a stale form (the walk sent a wrong CSRF token)');
  if (res.status >= 400) return out;
  // On A's own host, B's browser is a visitor of A's public site: A's team and partner directory
  // are public there, and a link that is its own key (A's invitation, A's calendar file) opens
  // for whoever holds it — on A's host only; on B's host everything of A counts.
  const onA = host === A.host;
  if (onA && MATRIX[key(route)]?.capability) return out;
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  const body =
    type.startsWith('text/') || type.includes('json') || type.includes('xml')
      ? text
      : text.replace(/[^\x20-\x7e]+/g, ' ');
  const leaks = leaksOf(body + (res.headers.get('location') ?? ''), !onA);
  if (leaks.length) out.push(`${res.status} shows ${leaks.join(', ')}`);
  if (res.status < 300 && !type.startsWith('text/html') && hasSecretParam(route.path))
    out.push(`${res.status} serves a ${type || 'body'} for A's id`);
  return out;
}

describe('institution B and A’s report, over every route of the need-to-know table', () => {
  it('covers every route of the table, and no route that is not in it', () => {
    const inTable = ACCESS_TABLE.map(key);
    expect(
      inTable.filter((r) => !(r in MATRIX)),
      'routes missing from test/support/institution-matrix.ts',
    ).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !inTable.includes(r))).toEqual([]);
    // every path parameter has a value of A's (throws for a parameter name nobody knows)
    for (const r of ACCESS_TABLE) expect(concretePath(r.path, dataA)).not.toContain(':');
  });

  it('shows nothing of A to any of B’s people, on B’s host or on A’s, and changes nothing of A', async () => {
    const before = await fingerprint(t.deps, A.id);
    const viewers = await viewersOfB();
    const problems: string[] = [];
    let asked = 0;
    await Promise.all(
      viewers.map(async (v) => {
        for (const host of [B.host, A.host]) {
          if (host === A.host) await v.renew(); // the walk on B's host ended by signing out
          v.client.host = host;
          for (const route of walkOrder) {
            const res = await ask(v, route);
            asked++;
            for (const f of await findings(route, res, host))
              problems.push(`${v.label} on ${host}: ${key(route)} ${f}`);
          }
        }
      }),
    );
    expect(problems).toEqual([]);
    expect(asked).toBe(viewers.length * ACCESS_TABLE.length * 2);
    const after = await fingerprint(t.deps, A.id);
    expect(
      Object.keys(before).filter((table) => before[table] !== after[table]),
      'tables of A changed',
    ).toEqual([]);
  }, 600_000);
});

describe('the control: A’s own people see A’s data on the same routes', () => {
  it('shows A’s markers (or serves its file) on every route with a control', async () => {
    const clients = new Map<Own, HostClient>();
    const own = async (who: Own): Promise<HostClient> => {
      const known = clients.get(who);
      if (known) return known;
      const client = new HostClient(t.app, A.host);
      if (who === 'mailbox') {
        await client.get('/postbus');
        expect((await client.post('/postbus', { receipt: dataA.receipt })).status).toBe(303);
      } else if (who !== 'anonymous') {
        const role = who === 'coordinator' ? 'safety_coordinator' : who;
        expect((await client.signIn(dataA.staff[role]!.email, PASSWORD)).status).toBe(303);
      }
      clients.set(who, client);
      return client;
    };
    const controlled = ACCESS_TABLE.filter((r) => MATRIX[key(r)]?.control);
    expect(controlled.length).toBeGreaterThan(40);
    const blind: string[] = [];
    for (const route of controlled) {
      const spec = MATRIX[key(route)]!;
      const res = await (await own(spec.control!)).get(concretePath(route.path, dataA));
      const seen = spec.file
        ? res.status === 200 && (await res.arrayBuffer()).byteLength > 0
        : res.status === 200 && leaksOf(await res.text()).length > 0;
      if (!seen) blind.push(`${spec.control} ${key(route)}: ${res.status}`);
    }
    expect(blind).toEqual([]);
  }, 60_000);
});

describe('API tokens stay with their institution', () => {
  /** JSON bodies that the API would accept from a token of the right institution. */
  const API_BODIES: Record<string, unknown> = {
    'POST /api/v1/cases': {
      receivedOn: '2026-03-02',
      channel: 'phone',
      via: 'self',
      reporterRole: 'phd',
      reporterGender: 'not_stated',
      category: 'intimidation',
      location: 'campus',
      accusedRole: 'staff',
      anonymous: true,
      narrative: 'Binnengedrongen via een vreemde host.',
    },
    'POST /api/v1/cases/:reference/messages': { body: 'Binnengedrongen via een vreemde host.' },
    'POST /api/v1/cases/:reference/status': { to: 'closed' },
  };
  const call = (host: string, token: string, route: RouteAccess) => {
    const body = API_BODIES[key(route)];
    return t.app.request(concretePath(route.path, dataA), {
      method: route.method,
      headers: {
        host,
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };

  it('refuses A’s token on B’s host and B’s token on A’s host on every /api/v1 route, and A’s token works on A’s', async () => {
    const tokenB = await t.deps.db
      .transaction()
      .execute((trx) => createApiToken(trx, B.teamId, 'B', [...API_SCOPES], { kind: 'system' }));
    const apiRoutes = ACCESS_TABLE.filter((r) => r.rule.kind === 'bearer');
    expect(apiRoutes.length).toBeGreaterThanOrEqual(7);
    const before = await fingerprint(t.deps, A.id);
    const casesOfB = async () =>
      (await t.deps.db.selectFrom('case').select('id').where('team_id', '=', B.teamId).execute())
        .length;
    const countB = await casesOfB();
    const wrong: string[] = [];
    for (const [host, token, who] of [
      [B.host, dataA.apiToken, 'A’s token on B’s host'],
      [A.host, tokenB, 'B’s token on A’s host'],
    ] as const) {
      for (const route of apiRoutes) {
        const res = await call(host, token, route);
        const leaks = leaksOf(await res.text());
        if (![401, 403, 404].includes(res.status) || leaks.length)
          wrong.push(`${who}: ${key(route)} ${res.status} ${leaks.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint(t.deps, A.id)).toEqual(before);
    expect(await casesOfB()).toBe(countB);
    // the control: the same token on its own host reads the case
    const own = apiRoutes.find((r) => key(r) === 'GET /api/v1/cases/:reference')!;
    const res = await call(A.host, dataA.apiToken, own);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(dataA.reference);
  });
});
