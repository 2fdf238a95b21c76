import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { readSsoConfig } from '../src/server/sso/sso.config.js';
import { TestClient } from './support/http-client.js';
import { createTeam, PASSWORD } from './support/factories.js';
import { createUser } from '../src/server/users/users.service.js';
import {
  makeKeyPair,
  REFEDS_MFA,
  signingCertOf,
  startSamlIdp,
  verifyRedirectSignature,
  type SamlAccounts,
  type SamlIdp,
} from './support/saml-idp.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * SAML 2.0 sign-in against a real IdP on 127.0.0.1 (test/support/saml-idp.ts): signed
 * assertions over HTTP-Redirect + HTTP-POST, roles from the eduPersonEntitlement attribute;
 * with our own key pair, signed AuthnRequests that an IdP requiring them verifies.
 */
const BASE = 'http://meldpunt.test';
const MAIL = 'urn:mace:dir:attribute-def:mail';
const NAME = 'urn:mace:dir:attribute-def:displayName';
const ROLES = 'urn:mace:dir:attribute-def:eduPersonEntitlement';
const ACCOUNTS: SamlAccounts = {
  carla: {
    [MAIL]: 'carla@uni.example',
    [NAME]: 'Carla Jansen',
    [ROLES]: ['urn:mace:uni.example:vp', 'ccp:support_officer'],
  },
  dirk: { [MAIL]: 'dirk@uni.example', [NAME]: 'Dirk', [ROLES]: 'students:safety_coordinator' },
  nobody: {
    [MAIL]: 'nobody@uni.example',
    [NAME]: 'Nobody',
    [ROLES]: 'urn:mace:uni.example:library',
  },
  erik: { [MAIL]: 'erik@uni.example', [NAME]: 'Erik', [ROLES]: 'students:confidential_adviser' },
  fleur: { [MAIL]: 'fleur@uni.example', [NAME]: 'Fleur', [ROLES]: 'students:confidential_adviser' },
};
let idp: SamlIdp;

beforeAll(async () => {
  idp = await startSamlIdp(ACCOUNTS, ['fleur']);
});
afterAll(() => idp?.close());
// The app is made once the IdP listens: its address and certificate are part of the configuration.
const t = useTestApp({
  app: () => ({
    sso: readSsoConfig(
      {
        MELDPUNT_SAML_ENTRY_POINT: idp.entryPoint,
        MELDPUNT_SAML_IDP_CERT: idp.cert,
        MELDPUNT_SAML_IDP_ISSUER: idp.issuer,
        MELDPUNT_SSO_ROLE_MAP: JSON.stringify({
          'urn:mace:uni.example:vp': 'students:confidential_adviser',
        }),
      },
      BASE,
    ),
  }),
});
beforeAll(() => createTeam(t.deps, 'ccp'));

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`)
    .exec(html)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&') ?? '';

/** The browser's path: our start page → the IdP's login form → the IdP's auto-posting form → our ACS. */
async function signInThroughIdp(
  login: string,
  target = t.app,
  via = idp,
  client = new TestClient(target),
  begin = () => client.get('/sso/saml/start'),
) {
  const start = await begin();
  expect(start.status).toBe(302);
  const loginPage = await (await fetch(start.headers.get('location')!)).text();
  const form = new URLSearchParams({
    id: field(loginPage, 'id'),
    acs: field(loginPage, 'acs'),
    audience: field(loginPage, 'audience'),
    relayState: field(loginPage, 'relayState'),
    login,
  });
  const posted = await (
    await fetch(new URL('/login', via.entryPoint), { method: 'POST', body: form })
  ).text();
  const samlResponse = field(posted, 'SAMLResponse');
  const res = await postToAcs(client, samlResponse);
  return {
    client,
    res,
    samlResponse,
    requestId: form.get('id')!,
    acs: form.get('acs')!,
    audience: form.get('audience')!,
  };
}

function postToAcs(client: TestClient, samlResponse: string) {
  return client.send('/sso/saml/acs', {
    method: 'POST',
    body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: '' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
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

describe('SAML 2.0 sign-in against a local IdP', () => {
  it('links to it from the login page only when single sign-on is configured', async () => {
    const login = await (
      await t.app.request('/login', { headers: { 'accept-language': 'en' } })
    ).text();
    expect(login).toContain('<a href="/sso/saml/start">Sign in through your institution</a>');
    expect(login).not.toContain('/sso/oidc/start');
    const both = createApp(t.deps, {
      sso: {
        ...readSsoConfig({}, BASE),
        saml: readSsoConfig(
          { MELDPUNT_SAML_ENTRY_POINT: idp.entryPoint, MELDPUNT_SAML_IDP_CERT: idp.cert },
          BASE,
        ).saml,
        oidc: {
          issuer: 'http://127.0.0.1:9',
          clientId: 'x',
          clientSecret: 'y',
          rolesClaim: 'r',
          allowHttp: true,
        },
      },
    });
    const bothPage = await (await both.request('/login')).text();
    expect(bothPage).toContain(
      '<a href="/sso/oidc/start">Inloggen via uw instelling (OpenID Connect)</a>',
    );
    expect(bothPage).toContain('<a href="/sso/saml/start">Inloggen via uw instelling (SAML)</a>');
    const none = await (
      await createApp(t.deps, { sso: readSsoConfig({}, BASE) }).request('/login')
    ).text();
    expect(none).not.toContain('/sso/');
    expect(
      (await createApp(t.deps, { sso: readSsoConfig({}, BASE) }).request('/sso/saml/start')).status,
    ).toBe(404);
  });

  it('publishes service-provider metadata with the assertion consumer service', async () => {
    const res = await t.app.request('/sso/saml/metadata');
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${BASE}/sso/saml/metadata"`);
    expect(xml).toContain(`Location="${BASE}/sso/saml/acs"`);
    // Without our own key pair the requests go unsigned, and the metadata says so.
    expect(xml).toContain('AuthnRequestsSigned="false"');
    expect(xml).not.toContain('KeyDescriptor');
    const location = new URL(
      (await new TestClient(t.app).get('/sso/saml/start')).headers.get('location')!,
    );
    expect([...location.searchParams.keys()]).toEqual(['SAMLRequest']);
  });

  it('signs a staff member in with the team roles mapped from the IdP attributes', async () => {
    const { client, res, acs, audience } = await signInThroughIdp('carla');
    expect(acs).toBe(`${BASE}/sso/saml/acs`);
    expect(audience).toBe(`${BASE}/sso/saml/metadata`);
    expect(res.status).toBe(200);
    expect(client.lastHtml).toContain('data-testid="continue"');
    expect(await rolesOf('carla@uni.example')).toEqual([
      { key: 'ccp', role: 'support_officer' },
      { key: 'students', role: 'confidential_adviser' },
    ]);
    expect((await client.get('/cases')).status).toBe(200);
    const user = await t.deps.db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('email', '=', 'carla@uni.example')
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe('Carla Jansen');
    const link = await t.deps.db
      .selectFrom('sso_identity')
      .selectAll()
      .where('provider', '=', 'saml')
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ subject: 'subject-carla', user_id: user.id });
    const event = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'USER_SIGNED_IN')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ method: 'saml' });
  });

  it('never takes over an existing account by e-mail: the sign-in is refused (audited) and the account keeps its roles', async () => {
    const teamId = (
      await t.deps.db
        .selectFrom('team')
        .select('id')
        .where('key', '=', 'ccp')
        .executeTakeFirstOrThrow()
    ).id;
    const existing = await t.deps.db.transaction().execute((trx) =>
      createUser(
        trx,
        {
          email: 'dirk@uni.example',
          displayName: 'Dirk',
          password: PASSWORD,
          memberships: [{ teamId, role: 'confidential_adviser' }],
        },
        { kind: 'system' },
      ),
    );
    const { client, res } = await signInThroughIdp('dirk');
    expect(res.status).toBe(403);
    expect(client.lastHtml).toContain('nog niet gekoppeld');
    expect((await client.get('/cases')).status).toBe(303);
    expect(await rolesOf('dirk@uni.example')).toEqual([
      { key: 'ccp', role: 'confidential_adviser' },
    ]);
    expect(
      await t.deps.db
        .selectFrom('sso_identity')
        .select('user_id')
        .where('subject', '=', 'subject-dirk')
        .executeTakeFirst(),
    ).toBeUndefined();
    const event = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'SSO_SIGN_IN_REFUSED')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({
      provider: 'saml',
      reason: 'not_linked',
      userId: existing,
    });

    // The explicit step: signed in with the password, the user links the institution account (audited).
    const own = new TestClient(t.app);
    await own.signIn('dirk@uni.example', PASSWORD);
    await own.get('/account/security');
    expect(own.lastHtml).toContain('action="/account/sso/saml/link"');
    const linked = await signInThroughIdp('dirk', t.app, idp, own, () =>
      own.post('/account/sso/saml/link', {}),
    );
    expect(linked.res.status).toBe(200);
    expect(
      await t.deps.db
        .selectFrom('sso_identity')
        .select('user_id')
        .where('subject', '=', 'subject-dirk')
        .executeTakeFirstOrThrow(),
    ).toEqual({ user_id: existing });
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'detail'])
      .where('type', '=', 'SSO_IDENTITY_LINKED')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: existing, detail: { provider: 'saml' } });
    // From now on the institution signs this account in; its roles follow the IdP. The role it
    // gains there ends the password session, as a grant by an administrator does.
    expect((await own.get('/cases')).status).toBe(200);
    expect((await signInThroughIdp('dirk')).res.status).toBe(200);
    expect(await rolesOf('dirk@uni.example')).toEqual([
      { key: 'students', role: 'safety_coordinator' },
    ]);
    expect((await own.get('/cases')).headers.get('location')).toBe('/login');
    // A link cannot be started without a signed-in session and its form token.
    expect((await new TestClient(t.app).post('/account/sso/saml/link', {})).status).not.toBe(302);
  });

  it('asks the IdP for REFEDS MFA; without it the session waits for our own second factor', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
    try {
      const { client, res } = await signInThroughIdp('erik');
      expect(idp.lastRequestedContexts()).toEqual([REFEDS_MFA]);
      expect(res.status).toBe(200);
      expect(client.lastHtml).toContain('href="/login/two-factor/enrol"');
      expect((await client.get('/cases')).headers.get('location')).toBe('/login');
      expect((await client.get('/login/two-factor/enrol')).status).toBe(200);

      const mfa = await signInThroughIdp('fleur');
      expect(mfa.client.lastHtml).toContain('href="/cases"');
      expect((await mfa.client.get('/cases')).status).toBe(200);
      const event = await t.deps.db
        .selectFrom('audit_event')
        .select('detail')
        .where('type', '=', 'USER_SIGNED_IN')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(event.detail).toMatchObject({ method: 'saml', idpMfa: true, state: 'complete' });
    } finally {
      await t.deps.db.updateTable('institution').set({ require_two_factor: false }).execute();
    }
  });

  it('refuses an account whose attributes map to no role, and audits the refusal', async () => {
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
    const event = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'SSO_SIGN_IN_REFUSED')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ provider: 'saml', reason: 'no_roles' });
  });

  it('refuses a replayed response, one signed by another key, one for another request, and a post without a started sign-in', async () => {
    const { client, samlResponse, requestId, acs, audience } = await signInThroughIdp('carla');
    expect((await postToAcs(client, samlResponse)).status).toBe(403); // the state cookie was used up

    const fresh = async () => {
      const c = new TestClient(t.app);
      const start = await c.get('/sso/saml/start');
      const request = new URL(start.headers.get('location')!).searchParams.get('SAMLRequest')!;
      const { inflateRawSync } = await import('node:zlib');
      const id = /\bID="([^"]+)"/.exec(
        inflateRawSync(Buffer.from(request, 'base64')).toString(),
      )![1]!;
      return { c, id };
    };
    const signedElsewhere = await fresh();
    const foreign = idp.buildResponse({
      login: 'carla',
      acs,
      audience,
      inResponseTo: signedElsewhere.id,
      foreignKey: true,
    });
    expect(
      (await postToAcs(signedElsewhere.c, Buffer.from(foreign).toString('base64'))).status,
    ).toBe(403);

    const otherRequest = await fresh();
    const stale = idp.buildResponse({ login: 'carla', acs, audience, inResponseTo: requestId });
    expect((await postToAcs(otherRequest.c, Buffer.from(stale).toString('base64'))).status).toBe(
      403,
    );

    const wrongAudience = await fresh();
    const elsewhere = idp.buildResponse({
      login: 'carla',
      acs,
      audience: 'https://other-sp.example',
      inResponseTo: wrongAudience.id,
    });
    expect(
      (await postToAcs(wrongAudience.c, Buffer.from(elsewhere).toString('base64'))).status,
    ).toBe(403);

    const good = await fresh();
    const valid = idp.buildResponse({ login: 'carla', acs, audience, inResponseTo: good.id });
    expect(
      (await postToAcs(new TestClient(t.app), Buffer.from(valid).toString('base64'))).status,
    ).toBe(403); // another browser
    expect((await postToAcs(good.c, Buffer.from(valid).toString('base64'))).status).toBe(200); // the control: same response, right browser
  });
});

describe('signed AuthnRequests (MELDPUNT_SAML_SP_KEY / MELDPUNT_SAML_SP_CERT)', () => {
  let sp: { key: string; cert: string };
  const samlEnv = (via: SamlIdp) => ({
    MELDPUNT_SAML_ENTRY_POINT: via.entryPoint,
    MELDPUNT_SAML_IDP_CERT: via.cert,
    MELDPUNT_SAML_IDP_ISSUER: via.issuer,
  });
  let strictIdp: SamlIdp;
  let signedApp: ReturnType<typeof createApp>;

  beforeAll(async () => {
    sp = makeKeyPair(); // a throwaway key pair for this run (openssl, in memory; never in the repository)
    strictIdp = await startSamlIdp(ACCOUNTS);
    const sso = readSsoConfig(
      {
        ...samlEnv(strictIdp),
        MELDPUNT_SAML_SP_KEY: sp.key,
        MELDPUNT_SAML_SP_CERT: sp.cert,
        MELDPUNT_SSO_ROLE_MAP: JSON.stringify({
          'urn:mace:uni.example:vp': 'students:confidential_adviser',
        }),
      },
      BASE,
    );
    signedApp = createApp(t.deps, { sso });
  });
  afterAll(() => strictIdp?.close());

  const signedStart = async (target = signedApp) => {
    const client = new TestClient(target);
    const res = await client.get('/sso/saml/start');
    expect(res.status).toBe(302);
    return { client, location: new URL(res.headers.get('location')!) };
  };

  it('publishes the signing certificate in the metadata; an IdP that requires signed requests verifies them with it', async () => {
    const xml = await (await signedApp.request('/sso/saml/metadata')).text();
    expect(xml).toContain('AuthnRequestsSigned="true"');
    const pem = signingCertOf(xml);
    expect(new crypto.X509Certificate(pem).fingerprint256).toBe(
      new crypto.X509Certificate(sp.cert).fingerprint256,
    );
    strictIdp.requireSignedRequests(pem); // what an IdP does with our metadata

    const { location } = await signedStart();
    expect([...location.searchParams.keys()]).toEqual(['SAMLRequest', 'SigAlg', 'Signature']);
    expect(location.searchParams.get('SigAlg')).toBe(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    );
    expect(verifyRedirectSignature(location.search, pem)).toBe(true);

    const { client, res } = await signInThroughIdp('carla', signedApp, strictIdp);
    expect(res.status).toBe(200);
    expect((await client.get('/cases')).status).toBe(200);
  });

  it('a tampered request, one signed by another key, and an unsigned one are refused by that IdP', async () => {
    strictIdp.requireSignedRequests(sp.cert);
    const { location } = await signedStart();
    expect((await fetch(location)).status).toBe(200); // the control

    // The request itself changed (another assertion consumer service), signature kept.
    const xml = zlib
      .inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64'))
      .toString('utf8');
    const forged = xml.replace(`${BASE}/sso/saml/acs`, 'https://evil.example/acs');
    expect(forged).not.toBe(xml);
    const tampered = new URL(location);
    tampered.searchParams.set(
      'SAMLRequest',
      zlib.deflateRawSync(Buffer.from(forged)).toString('base64'),
    );
    expect(verifyRedirectSignature(tampered.search, sp.cert)).toBe(false);
    expect((await fetch(tampered)).status).toBe(403);
    // A RelayState added afterwards, or a weaker algorithm claimed, breaks it too.
    const relayed = new URL(location);
    relayed.search = location.search.replace('&SigAlg=', '&RelayState=elsewhere&SigAlg=');
    expect(verifyRedirectSignature(relayed.search, sp.cert)).toBe(false);
    const sha1 = new URL(location);
    sha1.searchParams.set('SigAlg', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1');
    expect((await fetch(sha1)).status).toBe(403);
    // Not our key: another SP's certificate does not verify it, and the signature alone is not enough.
    expect(verifyRedirectSignature(location.search, makeKeyPair().cert)).toBe(false);
    const stripped = new URL(location);
    stripped.searchParams.delete('Signature');
    expect((await fetch(stripped)).status).toBe(403);

    // An installation without a key pair: unsigned requests, which this IdP refuses.
    const unsigned = createApp(t.deps, { sso: readSsoConfig(samlEnv(strictIdp), BASE) });
    const plain = await signedStart(unsigned);
    expect(plain.location.searchParams.has('Signature')).toBe(false);
    expect((await fetch(plain.location)).status).toBe(403);
  });

  it('refuses a key without certificate, the reverse, malformed PEM, a mismatched pair and a non-RSA key, with a clear message', () => {
    const read = (extra: Record<string, string>) => () =>
      readSsoConfig({ ...samlEnv(strictIdp), ...extra }, BASE);
    expect(read({ MELDPUNT_SAML_SP_KEY: sp.key })).toThrow(
      /^MELDPUNT_SAML_SP_KEY is set without MELDPUNT_SAML_SP_CERT/,
    );
    expect(read({ MELDPUNT_SAML_SP_CERT: sp.cert })).toThrow(
      /^MELDPUNT_SAML_SP_CERT is set without MELDPUNT_SAML_SP_KEY/,
    );
    const broken = sp.key.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(read({ MELDPUNT_SAML_SP_KEY: broken, MELDPUNT_SAML_SP_CERT: sp.cert })).toThrow(
      /^MELDPUNT_SAML_SP_KEY is not an unencrypted PEM private key/,
    );
    expect(
      read({
        MELDPUNT_SAML_SP_KEY: sp.key,
        MELDPUNT_SAML_SP_CERT:
          '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----',
      }),
    ).toThrow(/^MELDPUNT_SAML_SP_CERT is not a PEM certificate/);
    expect(read({ MELDPUNT_SAML_SP_KEY: sp.key, MELDPUNT_SAML_SP_CERT: sp.key })).toThrow(
      /^MELDPUNT_SAML_SP_CERT is not a PEM certificate/,
    );
    expect(read({ MELDPUNT_SAML_SP_KEY: sp.key, MELDPUNT_SAML_SP_CERT: strictIdp.cert })).toThrow(
      /^MELDPUNT_SAML_SP_CERT is not the certificate of MELDPUNT_SAML_SP_KEY/,
    );
    expect(
      read({ MELDPUNT_SAML_SP_KEY: '/nonexistent/sp-key.pem', MELDPUNT_SAML_SP_CERT: sp.cert }),
    ).toThrow(/^MELDPUNT_SAML_SP_KEY is neither PEM text nor the path of a readable file/);
    const ec = crypto
      .generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(read({ MELDPUNT_SAML_SP_KEY: ec, MELDPUNT_SAML_SP_CERT: sp.cert })).toThrow(
      /^MELDPUNT_SAML_SP_KEY must be an RSA key/,
    );
    // The messages never quote the key.
    try {
      read({ MELDPUNT_SAML_SP_KEY: broken, MELDPUNT_SAML_SP_CERT: sp.cert })();
    } catch (e) {
      expect((e as Error).message).not.toContain(broken.split('\n')[1]!.slice(0, 16));
    }
  });

  it('reads the pair from files too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saml-sp-'));
    try {
      fs.writeFileSync(path.join(dir, 'sp.key'), sp.key, { mode: 0o600 });
      fs.writeFileSync(path.join(dir, 'sp.crt'), sp.cert);
      const cfg = readSsoConfig(
        {
          ...samlEnv(strictIdp),
          MELDPUNT_SAML_SP_KEY: path.join(dir, 'sp.key'),
          MELDPUNT_SAML_SP_CERT: path.join(dir, 'sp.crt'),
        },
        BASE,
      );
      expect(cfg.saml?.signing?.key).toBe(sp.key);
      expect(new crypto.X509Certificate(cfg.saml!.signing!.cert).fingerprint256).toBe(
        new crypto.X509Certificate(sp.cert).fingerprint256,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
