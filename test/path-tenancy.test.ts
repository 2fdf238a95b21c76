import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../src/server/http/env.js';
import { ACCESS_TABLE } from '../src/server/access/access.table.js';
import { TestClient } from './support/http-client.js';
import { createUser } from '../src/server/users/users.service.js';
import { intakeGuardCommand } from '../src/cli/intake.command.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { intakeFields, postMultipart } from './support/reporter-flow.js';
import { useTestApp, type TestDeps } from './support/use-test-app.js';

/**
 * Path mode (MELDPUNT_TENANCY=path, decision 039): two institutions under /uni-a/ and /uni-b/ on
 * one address. Every page under a prefix keeps its links, forms, redirects and cookies under that
 * prefix; a report, a session and a case of A stay A's.
 */
const t = useTestApp({
  smtp: true,
  env: { MELDPUNT_TENANCY: 'path', MELDPUNT_BASE_URL: 'http://meldpunt.test' },
});

/** A browser on one institution's prefix: a path it is given gets the prefix in front, unless it names one. */
class PrefixClient extends TestClient {
  constructor(
    app: Hono<AppEnv>,
    readonly prefix: string,
  ) {
    super(app, 'en');
  }
  override send(path: string, init: RequestInit & { headers?: Record<string, string> }) {
    return super.send(/^\/uni-[ab]\//.test(path) ? path : this.prefix + path, init);
  }
}

interface Institution {
  id: string;
  teamId: string;
  teamKey: string;
  teamName: string;
  prefix: string;
}
let A: Institution;
let B: Institution;

async function addInstitution(deps: TestDeps, key: string, teamName: string): Promise<Institution> {
  const inst = await deps.db
    .insertInto('institution')
    .values({ key, name: `Universiteit ${key}`, host: null, colour_primary: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const team = await deps.db
    .insertInto('team')
    .values({ institution_id: inst.id, key: `${key}-team`, name_nl: teamName, name_en: teamName })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inst.id, teamId: team.id, teamKey: `${key}-team`, teamName, prefix: `/${key}` };
}

/**
 * Every root-relative URL in the page's URL attributes, found independently of the rewriter:
 * a plain pattern over the double-quoted attributes Hono writes.
 */
function rootRelativeUrls(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/\s(href|src|action|formaction|data-endpoint)="([^"]*)"/g)) {
    const url = m[2]!.replace(/&amp;/g, '&');
    if (url.startsWith('/') && !url.startsWith('//')) urls.push(url);
  }
  for (const m of html.matchAll(/http-equiv="refresh" content="[^"]*url=([^"]*)"/gi))
    urls.push(m[1]!);
  return urls;
}
function escaping(html: string, prefix: string): string[] {
  return rootRelativeUrls(html).filter((u) => !u.startsWith(`${prefix}/`));
}

let caseA: { id: string; reference: string };

async function fileReport(inst: Institution, teamKey: string) {
  const reporter = new PrefixClient(t.app, inst.prefix);
  await reporter.get('/melden');
  expect(escaping(reporter.lastHtml, inst.prefix)).toEqual([]);
  const res = await postMultipart(reporter, '/melden', intakeFields(reporter, { team: teamKey }));
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)?.[1];
  return { status: res.status, reference, html: reporter.lastHtml };
}

beforeAll(async () => {
  A = await addInstitution(t.deps, 'uni-a', 'Team Sociale Veiligheid Uni A');
  B = await addInstitution(t.deps, 'uni-b', 'Vertrouwenspunt Uni B');
  const filed = await fileReport(A, A.teamKey);
  expect(filed.status).toBe(200);
  expect(escaping(filed.html, A.prefix)).toEqual([]);
  const row = await t.deps.db
    .selectFrom('case')
    .select(['id', 'team_id'])
    .where('reference', '=', filed.reference!)
    .where('team_id', '=', A.teamId)
    .executeTakeFirstOrThrow();
  caseA = { id: row.id, reference: filed.reference! };
});

describe('resolution by path prefix', () => {
  it('lists the institutions at / with a link to each one’s own site', async () => {
    const res = await t.app.request('/', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/uni-a/"');
    expect(html).toContain('href="/uni-b/"');
    expect(html).toContain('Universiteit uni-a');
    // every link of the list works: no link to a page that lives under an institution's prefix
    const links = rootRelativeUrls(html).filter((u) => !u.startsWith('/lang/'));
    expect(links.length).toBeGreaterThan(3);
    for (const url of links) expect((await t.app.request(url)).status, url).toBeLessThan(400);
  });

  it('answers an unknown prefix, and an unprefixed public page, with the unknown-institution 404', async () => {
    for (const path of ['/nope/melden', '/nope/', '/melden', '/privacy', '/cases']) {
      const res = await t.app.request(path, { headers: { 'accept-language': 'en' } });
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('No reporting point has been set up at this address');
    }
  });

  it('sends /uni-a to /uni-a/ and serves the platform’s sign-in unprefixed', async () => {
    const res = await t.app.request('/uni-a');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/uni-a/');
    const login = await t.app.request('/login');
    expect(login.status).toBe(200);
    expect(escaping(await login.text(), '')).toEqual([]);
  });

  it("shows each institution's own team under its own prefix", async () => {
    for (const [own, other] of [
      [A, B],
      [B, A],
    ] as const) {
      const client = new PrefixClient(t.app, own.prefix);
      expect((await client.get('/privacy')).status).toBe(200);
      expect(client.lastHtml).toContain(own.teamName);
      expect(client.lastHtml).not.toContain(other.teamName);
      // the header names the institution whose prefix this is
      expect(/class="site-name"[^>]*>([^<]*)</.exec(client.lastHtml)?.[1]).toContain(
        `Universiteit ${own === A ? 'uni-a' : 'uni-b'}`,
      );
    }
  });

  it('puts the report filed under /uni-a/ in A’s team and refuses B’s team there', async () => {
    const row = await t.deps.db
      .selectFrom('case')
      .select('team_id')
      .where('id', '=', caseA.id)
      .executeTakeFirstOrThrow();
    expect(row.team_id).toBe(A.teamId);
    expect((await fileReport(A, B.teamKey)).status).toBe(422);
  });
});

describe('no link leaves the prefix', () => {
  const PUBLIC_PAGES = [
    '/',
    '/melden',
    '/wegwijzer',
    '/privacy',
    '/toegankelijkheid',
    '/afspraak',
    '/postbus',
    '/login',
    '/login/reset',
    '/weg',
  ];

  it('on every public page', async () => {
    const client = new PrefixClient(t.app, A.prefix);
    const seen: string[] = [];
    for (const path of PUBLIC_PAGES) {
      const res = await client.get(path);
      if (res.status >= 300 && res.status < 400) {
        expect(res.headers.get('location'), path).toMatch(/^(\/uni-a\/|https?:)/);
        continue;
      }
      expect(res.status, path).toBeLessThan(500);
      const html = await res.text();
      expect(escaping(html, A.prefix), path).toEqual([]);
      seen.push(...rootRelativeUrls(html));
    }
    // the check has something to check: the pages do link to forms, assets and each other
    expect(seen).toContain('/uni-a/melden');
    expect(seen.some((u) => u.startsWith('/uni-a/assets/'))).toBe(true);
  });

  it('on every staff page without parameters and on the pages of a case', async () => {
    const staff = await createStaff(t.deps, A.teamId, ['safety_coordinator', 'administrator']);
    const client = new PrefixClient(t.app, A.prefix);
    const login = await client.signIn(staff.email, PASSWORD);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toMatch(/^\/uni-a\//);
    const paths = ACCESS_TABLE.filter((r) => r.method === 'GET')
      .map((r) => r.path)
      .filter((p) => !p.startsWith('/api') && !p.startsWith('/sso') && !p.startsWith('/platform'))
      .filter((p) => !p.includes(':') || p.startsWith('/cases/:id'))
      .map((p) => p.replace(':id', caseA.id))
      .filter((p) => !p.includes(':') && p !== '/logout' && p !== '/metrics' && p !== '/health');
    expect(paths.length).toBeGreaterThan(30);
    let pages = 0;
    for (const path of paths) {
      const res = await client.get(path);
      const location = res.headers.get('location');
      if (location) expect(location, path).toMatch(/^(\/uni-a\/|https?:)/);
      if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
      pages++;
      expect(escaping(await res.text(), A.prefix), path).toEqual([]);
    }
    expect(pages).toBeGreaterThan(20);
  });
});

describe('sessions and cases per prefix', () => {
  it('scopes the cookies to the prefix and counts a session of A only under /uni-a/', async () => {
    const staff = await createStaff(t.deps, A.teamId, ['safety_coordinator']);
    const client = new PrefixClient(t.app, A.prefix);
    await client.get('/login');
    const res = await client.post('/login', { email: staff.email, password: PASSWORD });
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/; Path=\/uni-a(;|$)/);
    expect((await client.get('/cases')).status).toBe(200);
    expect(client.lastHtml).toContain(caseA.reference);
    // The same browser (this client sends every cookie everywhere) under B's prefix: no session.
    const underB = await client.get('/uni-b/cases');
    expect(underB.status).toBe(303);
    expect(underB.headers.get('location')).toBe('/uni-b/login');
    // and A's password does not sign in under /uni-b/
    const other = new PrefixClient(t.app, B.prefix);
    await other.get('/login');
    expect(
      (await other.post('/login', { email: staff.email, password: PASSWORD })).status,
    ).not.toBe(303);
  });

  it("keeps A's case from B's coordinator under /uni-b/", async () => {
    const staff = await createStaff(t.deps, B.teamId, ['safety_coordinator']);
    const client = new PrefixClient(t.app, B.prefix);
    expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
    expect((await client.get('/cases')).status).toBe(200);
    expect(client.lastHtml).not.toContain(caseA.reference);
    expect([403, 404]).toContain((await client.get(`/cases/${caseA.id}`)).status);
    // and not by going round the prefix: the same id under A's prefix is no session of B's
    expect((await client.get(`/uni-a/cases/${caseA.id}`)).status).toBe(303);
  });
});

describe('links that leave the request', () => {
  it('carry the prefix: a password-reset mail under /uni-a/ links to /uni-a/login/reset/…', async () => {
    const staff = await createStaff(t.deps, A.teamId, ['confidential_adviser']);
    const client = new PrefixClient(t.app, A.prefix);
    await client.get('/login/forgot');
    expect((await client.post('/login/forgot', { email: staff.email })).status).toBeLessThan(400);
    await expect
      .poll(
        () => t.smtp.messages.filter((m) => JSON.stringify(m.to).includes(staff.email)).length,
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    const mail = t.smtp.messages.find((m) => JSON.stringify(m.to).includes(staff.email))!;
    const link = /http:\/\/meldpunt\.test(\/uni-a\/login\/reset\/[A-Za-z0-9_-]{43})\b/.exec(
      mail.text ?? '',
    );
    expect(link, mail.text).not.toBeNull();
    expect((await client.get(link![1]!)).status).toBe(200);
    expect((await client.get(link![1]!.replace('/uni-a/', '/uni-b/'))).status).toBe(404);
  });
});

describe('the intake switch per institution', () => {
  it('closes one institution’s intake from the command line (--institution) and leaves the other open', async () => {
    await intakeGuardCommand.run(t.deps, [
      'closed',
      '--contact',
      'Bel 020 123 4567',
      '--institution',
      'uni-a',
    ]);
    try {
      const a = await new PrefixClient(t.app, A.prefix).get('/melden');
      expect(a.status).toBe(503);
      expect(await a.text()).toContain('Bel 020 123 4567');
      expect((await new PrefixClient(t.app, B.prefix).get('/melden')).status).toBe(200);
    } finally {
      await intakeGuardCommand.run(t.deps, ['open', '--institution', 'uni-a']);
    }
    expect((await new PrefixClient(t.app, A.prefix).get('/melden')).status).toBe(200);
    await expect(
      intakeGuardCommand.run(t.deps, ['closed', '--institution', 'nope']),
    ).rejects.toThrow('no institution with key "nope"');
  });

  it('lets the platform operator, signed in on the unprefixed platform pages, switch one institution', async () => {
    const email = `operator-${Date.now()}@platform.test`;
    await t.deps.db.transaction().execute((trx) =>
      createUser(
        trx,
        {
          email,
          displayName: 'Operator',
          password: PASSWORD,
          memberships: [],
          platformOperator: true,
        },
        { kind: 'system' },
      ),
    );
    const operator = new TestClient(t.app, 'en');
    expect((await operator.signIn(email, PASSWORD)).status).toBe(303);
    expect((await operator.get('/platform')).status).toBe(200);
    expect(escaping(operator.lastHtml, '')).toEqual([]);
    const res = await operator.post(`/platform/institutions/${B.id}/intake`, { mode: 'closed' });
    try {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/platform?saved=1');
      expect((await new PrefixClient(t.app, B.prefix).get('/melden')).status).toBe(503);
      expect((await new PrefixClient(t.app, A.prefix).get('/melden')).status).toBe(200);
    } finally {
      await intakeGuardCommand.run(t.deps, ['open', '--institution', 'uni-b']);
    }
    // the operator's session is no session under an institution's prefix
    expect((await operator.get('/uni-a/cases')).status).toBe(303);
  });
});
