import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { createApp } from '../src/server/app.js';
import { readSsoConfig } from '../src/server/sso/sso.config.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { postMultipart } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * A named reporter may have name and e-mail confirmed through the institution's OpenID Connect
 * sign-in — a real oidc-provider on 127.0.0.1. No staff session or account comes of it.
 */
const BASE = 'http://meldpunt.test';
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  eva: {
    email: 'eva.student@uni.example',
    name: 'Eva Jansen',
    meldpunt_roles: ['students:confidential_adviser'],
  },
};
let idp: http.Server;
let issuer: string;
let coordinator: { id: string; email: string };

beforeAll(async () => {
  idp = http.createServer();
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'meldpunt',
        client_secret: 'a-test-client-secret',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${BASE}/sso/oidc/callback`, `${BASE}/sso/oidc/reporter/callback`],
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'meldpunt_roles'] },
    findAccount: async (_ctx: unknown, id: string) =>
      ACCOUNTS[id]
        ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) }
        : undefined,
    pkce: { required: () => true },
  });
  idp.on('request', provider.callback());
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
      },
      BASE,
    ),
  }),
});
beforeAll(async () => {
  coordinator = await createStaff(t.deps, t.teamId, ['safety_coordinator', 'confidential_adviser']);
});

const ANSWERS: Record<string, Record<string, string>> = {
  behalf: { behalf: 'self' },
  category: { category: 'intimidation' },
  subtype: { subtype: '' },
  narrative: { narrative: 'Een medewerker intimideert mij in de werkgroep.' },
  when: { happenedUnsure: 'yes' },
  location: { location: 'campus' },
  reporterRole: { reporterRole: 'student' },
  gender: { gender: '' },
  accusedRole: { accusedRole: 'staff' },
  accused: {},
  goal: { goal: 'advice' },
  anonymous: { anonymous: 'no' },
  channel: { channel: 'email' },
};
const step = (client: TestClient, fields: Record<string, string>) =>
  client.post('/melden/vraag', {
    draft: client.inputValue('draft'),
    step: client.inputValue('step'),
    idempotencyKey: client.inputValue('idempotencyKey'),
    ...fields,
  });

/** Answers question pages until `until` (a step key, or the check page). */
async function answerUntil(client: TestClient, until: string) {
  for (let i = 0; i < 20; i++) {
    const key = client.inputValue('step');
    if (key === until || (until === 'check' && client.lastHtml.includes('data-testid="answers"')))
      return;
    expect((await step(client, ANSWERS[key] ?? {})).status, `step ${key}`).toBe(200);
  }
  throw new Error(`never reached ${until}`);
}

/** From the verify button through the IdP (login + consent) back to the intake, like a browser. */
async function verifyAtIdp(client: TestClient, login: string) {
  const res = await client.post('/melden/verifieer', { draft: client.inputValue('draft') });
  expect(res.status).toBe(303);
  let location = res.headers.get('location')!;
  expect(location.startsWith(issuer)).toBe(true);
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  for (let hop = 0; hop < 20; hop++) {
    if (location.startsWith(BASE)) {
      const back = await client.get(location.slice(BASE.length));
      expect(back.status).toBe(200);
      expect(client.lastHtml).toContain('url=/melden/verifieer/terug');
      return client.get('/melden/verifieer/terug');
    }
    let idpRes = await fetch(new URL(location, issuer), {
      redirect: 'manual',
      headers: { cookie: cookie() },
    });
    keep(idpRes);
    if (idpRes.status === 200) {
      const html = await idpRes.text();
      const action = /<form[^>]+action="([^"]+)"/.exec(html)![1]!;
      const prompt = /name="prompt" value="(\w+)"/.exec(html)![1]!;
      idpRes = await fetch(new URL(action, issuer), {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(
          prompt === 'login' ? { prompt, login, password: 'x' } : { prompt },
        ),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
      });
      keep(idpRes);
    }
    location = idpRes.headers.get('location')!;
    expect(location, `IdP answered ${idpRes.status}`).toBeTruthy();
  }
  throw new Error('too many redirects');
}

async function send(client: TestClient) {
  await answerUntil(client, 'check');
  expect(
    (
      await postMultipart(client, '/melden', {
        draft: client.inputValue('draft'),
        idempotencyKey: client.inputValue('idempotencyKey'),
      })
    ).status,
  ).toBe(200);
  const reference = /data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]!;
  return t.deps.db
    .selectFrom('case')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
}

async function staffPage(caseId: string) {
  const staff = new TestClient(t.app, 'en');
  await staff.signIn(coordinator.email, PASSWORD);
  expect((await staff.get(`/cases/${caseId}`)).status).toBe(200);
  return staff.lastHtml;
}

describe('a named reporter verified by the institution (OpenID Connect)', () => {
  it('fills name and e-mail from the IdP, marks the case verified for staff, and creates no staff session or account', async () => {
    const client = new TestClient(t.app, 'en');
    await client.get('/melden');
    await answerUntil(client, 'contact');
    expect(client.lastHtml).toContain('data-testid="verify"');
    const sessionsBefore = (await t.deps.db.selectFrom('session').select('id_hash').execute())
      .length;
    const back = await verifyAtIdp(client, 'eva');
    expect(back.status).toBe(200);
    expect(client.inputValue('step')).toBe('contact');
    expect(client.lastHtml).toContain('data-testid="verified-notice"');
    expect(client.inputValue('name')).toBe('Eva Jansen');
    expect(client.inputValue('contact')).toBe('eva.student@uni.example');
    expect(client.lastHtml).not.toContain('data-testid="verify"');
    // No staff session, no account, no link — despite the staff roles in the IdP's claims.
    expect((await t.deps.db.selectFrom('session').select('id_hash').execute()).length).toBe(
      sessionsBefore,
    );
    expect(
      await t.deps.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'eva.student@uni.example')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await t.deps.db
        .selectFrom('sso_identity')
        .select('subject')
        .where('subject', '=', 'eva')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect((await client.get('/cases')).status).toBe(303);
    expect(
      await t.deps.db.selectFrom('intake_verification').select('id_hash').execute(),
    ).toHaveLength(0); // taken on return
  });

  it('files the verified identity sealed with the report, audited without content; staff see "confirmed by the institution"', async () => {
    const client = new TestClient(t.app, 'en');
    await client.get('/melden');
    await answerUntil(client, 'contact');
    await verifyAtIdp(client, 'eva');
    expect(
      (
        await step(client, {
          name: client.inputValue('name'),
          contact: client.inputValue('contact'),
        })
      ).status,
    ).toBe(200);
    await answerUntil(client, 'check');
    expect(client.lastHtml).toContain(
      'Eva Jansen, eva.student@uni.example (confirmed by your institution)',
    );
    const kase = await send(client);
    const html = await staffPage(kase.id);
    expect(html).toContain('Eva Jansen — eva.student@uni.example');
    expect(html).toContain('data-testid="reporter-verified"');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'REPORTER_IDENTITY_VERIFIED')
      .where('case_id', '=', kase.id)
      .execute();
    expect(events.map((e) => e.detail)).toEqual([{ provider: 'oidc' }]);
    const party = await t.deps.db
      .selectFrom('case_party')
      .select('identity')
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(party.identity.toString('latin1')).not.toContain('Eva'); // sealed
  });

  it('drops the confirmation when the reporter changes the name, and ignores a posted claim of verification', async () => {
    const client = new TestClient(t.app, 'en');
    await client.get('/melden');
    await answerUntil(client, 'contact');
    await verifyAtIdp(client, 'eva');
    expect(
      (await step(client, { name: 'Someone Else', contact: client.inputValue('contact') })).status,
    ).toBe(200);
    await answerUntil(client, 'check');
    expect(client.lastHtml).not.toContain('confirmed by your institution');
    const changed = await send(client);
    expect(await staffPage(changed.id)).not.toContain('data-testid="reporter-verified"');

    const forger = new TestClient(t.app);
    await forger.get('/melden');
    await answerUntil(forger, 'contact');
    expect(
      (await step(forger, { name: 'Eva Jansen', contact: 'eva.student@uni.example' })).status,
    ).toBe(200);
    await answerUntil(forger, 'check');
    const forged = await postMultipart(forger, '/melden', {
      draft: forger.inputValue('draft'),
      idempotencyKey: forger.inputValue('idempotencyKey'),
      verifiedBy: 'oidc',
      verifiedName: 'Eva Jansen',
      verifiedEmail: 'eva.student@uni.example',
    });
    expect(forged.status).toBe(200);
    const reference = /data-testid="reference">([^<]+)</.exec(forger.lastHtml)![1]!;
    const row = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(await staffPage(row.id)).not.toContain('data-testid="reporter-verified"');
  });

  it('returns to the answers unconfirmed when the IdP answer does not verify, and offers nothing without single sign-on', async () => {
    const client = new TestClient(t.app, 'en');
    await client.get('/melden');
    await answerUntil(client, 'contact');
    const narrativeDraft = client.inputValue('draft');
    expect((await client.post('/melden/verifieer', { draft: narrativeDraft })).status).toBe(303);
    expect((await client.get('/sso/oidc/reporter/callback?code=forged&state=forged')).status).toBe(
      200,
    );
    expect((await client.get('/melden/verifieer/terug')).status).toBe(200);
    expect(client.inputValue('step')).toBe('contact');
    expect(client.lastHtml).toContain('data-testid="verify-failed"');
    expect(client.lastHtml).not.toContain('data-testid="verified-notice"');

    const plain = createApp(t.deps, { sso: { baseUrl: BASE, roleMap: {} } });
    const other = new TestClient(plain, 'en');
    await other.get('/melden');
    await answerUntil(other, 'contact');
    expect(other.lastHtml).not.toContain('data-testid="verify"');
    expect(
      (await other.post('/melden/verifieer', { draft: other.inputValue('draft') })).status,
    ).toBe(404);
  });
});
