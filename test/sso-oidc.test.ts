import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { TestClient } from './support/http-client.js';
import { createTeam } from './support/factories.js';
import { readSsoConfig } from '../src/server/sso/sso.config.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with its development login
 * screens; the test walks the browser's path through it with a cookie jar.
 */
const BASE = 'http://meldpunt.test';
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  anna: {
    email: 'anna@uni.example',
    name: 'Anna de Vries',
    meldpunt_roles: ['students:confidential_adviser', 'ccp:safety_coordinator'],
  },
  bert: { email: 'bert@uni.example', name: 'Bert', meldpunt_roles: ['staff-group'] },
  nobody: { email: 'nobody@uni.example', name: 'Nobody', meldpunt_roles: [] },
  gina: {
    email: 'gina@uni.example',
    name: 'Gina',
    meldpunt_roles: ['students:confidential_adviser'],
  },
  hans: {
    email: 'hans@uni.example',
    name: 'Hans',
    meldpunt_roles: ['students:confidential_adviser'],
  },
};
/** Accounts that sign in at the IdP with multi-factor: their ID token says acr REFEDS MFA. */
const REFEDS_MFA = 'https://refeds.org/profile/mfa';
const MFA_LOGINS = new Set(['gina']);
let requestedAcr: string | null = null;
let idp: http.Server;
let issuer: string;

beforeAll(async () => {
  idp = http.createServer();
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'meldpunt',
        client_secret: 'a-test-client-secret',
        redirect_uris: [`${BASE}/sso/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'meldpunt_roles'] },
    findAccount: async (_ctx: unknown, id: string) =>
      ACCOUNTS[id]
        ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) }
        : undefined,
    pkce: { required: () => true },
    acrValues: [REFEDS_MFA, 'urn:test:password'],
  });
  // The development login screen knows no acr: its login step is finished here, saying how the
  // account authenticated (as a real IdP with a second factor would).
  const handle = provider.callback();
  idp.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/auth') requestedAcr = url.searchParams.get('acr_values');
    if (
      req.method === 'POST' &&
      url.pathname.startsWith('/interaction/') &&
      (await provider.interactionDetails(req, res)).prompt.name === 'login'
    ) {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const login = new URLSearchParams(raw).get('login') ?? '';
      const mfa = MFA_LOGINS.has(login);
      await provider.interactionFinished(
        req,
        res,
        {
          login: {
            accountId: login,
            acr: mfa ? REFEDS_MFA : 'urn:test:password',
            amr: mfa ? ['pwd', 'otp'] : ['pwd'],
          },
        },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    handle(req, res);
  });
});
afterAll(() => new Promise((r) => idp.close(r)));
// The app is made once the IdP listens: its address is part of the configuration.
const t = useTestApp({
  app: () => ({
    sso: readSsoConfig(
      {
        MELDPUNT_OIDC_ISSUER: issuer,
        MELDPUNT_OIDC_CLIENT_ID: 'meldpunt',
        MELDPUNT_OIDC_CLIENT_SECRET: 'a-test-client-secret',
        MELDPUNT_OIDC_ALLOW_HTTP: 'true',
        MELDPUNT_SSO_ROLE_MAP: JSON.stringify({ 'staff-group': ['ccp:confidential_adviser'] }),
      },
      BASE,
    ),
  }),
});
beforeAll(() => createTeam(t.deps, 'ccp'));

/** Follows redirects like a browser: our app through app.request, the IdP over HTTP. */
async function signInThroughIdp(login: string): Promise<{ client: TestClient; res: Response }> {
  const client = new TestClient(t.app);
  const jar = new Map<string, string>();
  let res = await client.get('/sso/oidc/start');
  let location = res.headers.get('location')!;
  for (let hop = 0; hop < 20; hop++) {
    if (location.startsWith(BASE)) {
      res = await client.get(location.slice(BASE.length));
      return { client, res };
    }
    const url = new URL(location, issuer);
    let idpRes = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const keep = (r: Response) => {
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    };
    keep(idpRes);
    if (idpRes.status === 200) {
      const html = await idpRes.text();
      const action = /<form[^>]+action="([^"]+)"/.exec(html)![1]!;
      const prompt = /name="prompt" value="(\w+)"/.exec(html)![1]!;
      const body = new URLSearchParams(
        prompt === 'login' ? { prompt, login, password: 'x' } : { prompt },
      );
      idpRes = await fetch(new URL(action, issuer), {
        method: 'POST',
        redirect: 'manual',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      keep(idpRes);
    }
    location = idpRes.headers.get('location')!;
    expect(location, `IdP answered ${idpRes.status}`).toBeTruthy();
  }
  throw new Error('too many redirects');
}

async function rolesOf(email: string) {
  return t.deps.db
    .selectFrom('team_membership')
    .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
    .innerJoin('team', 'team.id', 'team_membership.team_id')
    .select(['team.key', 'team_membership.role'])
    .where('app_user.email', '=', email)
    .orderBy('team.key')
    .execute();
}

describe('OpenID Connect sign-in against a local oidc-provider', () => {
  it('asks for REFEDS MFA (acr_values) and completes the session only when the ID token says so', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
    try {
      const without = await signInThroughIdp('hans');
      expect(requestedAcr).toBe(REFEDS_MFA);
      expect(without.res.status).toBe(200);
      expect(without.client.lastHtml).toContain('href="/login/two-factor/enrol"');
      expect((await without.client.get('/cases')).headers.get('location')).toBe('/login');

      const mfa = await signInThroughIdp('gina');
      expect(mfa.client.lastHtml).toContain('href="/cases"');
      expect((await mfa.client.get('/cases')).status).toBe(200);
      const event = await t.deps.db
        .selectFrom('audit_event')
        .select('detail')
        .where('type', '=', 'USER_SIGNED_IN')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(event.detail).toMatchObject({ method: 'oidc', idpMfa: true, state: 'complete' });
    } finally {
      await t.deps.db.updateTable('institution').set({ require_two_factor: false }).execute();
    }
  });

  it('signs a staff member in with the team roles from the IdP claims', async () => {
    const { client, res } = await signInThroughIdp('anna');
    expect(res.status).toBe(200);
    expect(client.lastHtml).toContain('data-testid="continue"');
    expect(await rolesOf('anna@uni.example')).toEqual([
      { key: 'ccp', role: 'safety_coordinator' },
      { key: 'students', role: 'confidential_adviser' },
    ]);
    const inbox = await client.get('/cases');
    expect(inbox.status).toBe(200);
    const event = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'USER_SIGNED_IN')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ method: 'oidc' });
  });

  it('maps IdP groups through MELDPUNT_SSO_ROLE_MAP and follows role changes at the next sign-in', async () => {
    await signInThroughIdp('bert');
    expect(await rolesOf('bert@uni.example')).toEqual([
      { key: 'ccp', role: 'confidential_adviser' },
    ]);
    ACCOUNTS.bert!.meldpunt_roles = ['students:board'];
    await signInThroughIdp('bert');
    expect(await rolesOf('bert@uni.example')).toEqual([{ key: 'students', role: 'board' }]);
    const links = await t.deps.db
      .selectFrom('sso_identity')
      .selectAll()
      .where('subject', '=', 'bert')
      .execute();
    expect(links).toHaveLength(1);
  });

  it('refuses an account without any mapped role, and a forged callback', async () => {
    const { client, res } = await signInThroughIdp('nobody');
    expect(res.status).toBe(403);
    expect((await client.get('/cases')).status).toBe(303);
    expect(
      await t.deps.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'nobody@uni.example')
        .executeTakeFirst(),
    ).toBeUndefined();
    const forged = await new TestClient(t.app).get('/sso/oidc/callback?code=abc&state=xyz');
    expect(forged.status).toBe(403);
  });
});
