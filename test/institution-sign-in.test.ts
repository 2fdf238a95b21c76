import { beforeAll, describe, expect, it } from 'vitest';
import { makeKeyPair } from './support/saml-idp.js';
import { InstitutionSignInInput } from '../src/server/institution-settings/institution-sign-in.schemas.js';
import {
  findInstitutionIdp,
  findInstitutionSignInView,
  setInstitutionSignIn,
} from '../src/server/institution-settings/institution-sign-in.service.js';
import { signInWithIdentity, type SsoIdentity } from '../src/server/sso/sso.service.js';
import { identityFromAttributes } from '../src/server/sso/sso-identity.js';
import { withInstitution } from '../src/server/db/tenancy.js';
import { createUser } from '../src/server/users/users.service.js';
import { useTestApp, type TestDeps } from './support/use-test-app.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { postMultipart } from './support/reporter-flow.js';
import { noisePng } from './support/images.js';

/** A browser on one host name: every request carries that Host header. */
class HostClient extends TestClient {
  constructor(
    app: ConstructorParameters<typeof TestClient>[0],
    readonly host: string,
  ) {
    super(app, 'en');
  }
  override send(path: string, init: RequestInit & { headers?: Record<string, string> }) {
    const headers: Record<string, string> = {
      ...(init.headers as Record<string, string> | undefined),
      host: this.host,
    };
    return super.send(path, { ...init, headers });
  }
}

/**
 * Decision 038: an institution's own identity provider. The client secret is sealed at rest and
 * never presented; invalid settings are refused with the field and a clear reason; an identity
 * from an institution's IdP creates and signs in accounts of that institution only, with roles in
 * that institution's teams only; the platform host's choice of institution leads to its host.
 */
const PLATFORM = 'platform.test';
const t = useTestApp({
  env: { MELDPUNT_TENANCY: 'host', MELDPUNT_BASE_URL: `http://${PLATFORM}` },
});
const SECRET = 'a-very-secret-client-secret-7f3a';
const CLI = { kind: 'cli' } as const;

interface Inst {
  id: string;
  teamId: string;
  key: string;
}
let A: Inst;
let B: Inst;

async function addInstitution(deps: TestDeps, key: string): Promise<Inst> {
  const inst = await deps.db
    .insertInto('institution')
    .values({ key, name: `Instelling ${key}`, host: `${key}.test` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const team = await deps.db
    .insertInto('team')
    .values({ institution_id: inst.id, key, name_nl: key, name_en: key })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inst.id, teamId: team.id, key };
}

const valid = (extra: Record<string, string> = {}) =>
  InstitutionSignInInput.parse({
    oidcIssuer: 'https://connect.surfconext.nl',
    oidcClientId: 'meldpunt-a',
    oidcClientSecret: SECRET,
    roleMap: JSON.stringify({ 'vp-group': ['uni-a:confidential_adviser', 'uni-b:administrator'] }),
    ...extra,
  });

function errorsOf(input: Record<string, string>): Record<string, string> {
  const parsed = InstitutionSignInInput.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
}

beforeAll(async () => {
  A = await addInstitution(t.deps, 'uni-a');
  B = await addInstitution(t.deps, 'uni-b');
});

describe('the settings of an institution’s own IdP', () => {
  it('seals the client secret at rest and never presents it', async () => {
    await t.deps.db
      .transaction()
      .execute((trx) => setInstitutionSignIn(trx, t.deps.keyring, A.id, valid(), CLI));
    const row = await t.deps.db
      .selectFrom('institution_sign_in')
      .selectAll()
      .where('institution_id', '=', A.id)
      .executeTakeFirstOrThrow();
    expect(row.oidc_client_secret!.includes(Buffer.from(SECRET))).toBe(false);
    expect(row.oidc_client_secret!.length).toBeGreaterThan(SECRET.length);
    const view = await findInstitutionSignInView(t.deps.db, A.id);
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(view).toMatchObject({ oidcClientId: 'meldpunt-a', hasClientSecret: true });
    // the audit trail records that it changed, not what it is
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'INSTITUTION_SIGN_IN_CHANGED')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    // opened only for the sign-in itself
    const idp = await findInstitutionIdp(t.deps.db, t.deps.keyring, A.id);
    expect(idp?.oidc?.clientSecret).toBe(SECRET);
    // a copy of the sealed secret under another institution does not open
    await t.deps.db
      .insertInto('institution_sign_in')
      .values({
        institution_id: B.id,
        oidc_issuer: 'https://idp.b.test',
        oidc_client_id: 'b',
        oidc_client_secret: row.oidc_client_secret,
        oidc_secret_key_id: row.oidc_secret_key_id,
      })
      .execute();
    await expect(findInstitutionIdp(t.deps.db, t.deps.keyring, B.id)).rejects.toThrow();
    await t.deps.db.deleteFrom('institution_sign_in').where('institution_id', '=', B.id).execute();
  });

  it('keeps the stored secret when none is given, and refuses a new client without one', async () => {
    await t.deps.db
      .transaction()
      .execute((trx) =>
        setInstitutionSignIn(trx, t.deps.keyring, A.id, valid({ oidcClientSecret: '' }), CLI),
      );
    expect((await findInstitutionIdp(t.deps.db, t.deps.keyring, A.id))?.oidc?.clientSecret).toBe(
      SECRET,
    );
    const result = await t.deps.db
      .transaction()
      .execute((trx) =>
        setInstitutionSignIn(trx, t.deps.keyring, B.id, valid({ oidcClientSecret: '' }), CLI),
      );
    expect(result).toEqual({ ok: false, field: 'oidcClientSecret' });
  });

  it('refuses invalid settings with the field and a clear reason', () => {
    expect(errorsOf({ oidcIssuer: 'ftp://idp.example' })).toMatchObject({
      oidcIssuer: 'validation.sso.url',
    });
    // http only for an IdP on this machine
    expect(errorsOf({ oidcIssuer: 'http://idp.example', oidcClientId: 'x' })).toMatchObject({
      oidcIssuer: 'validation.sso.url',
    });
    expect(errorsOf({ oidcIssuer: 'http://127.0.0.1:4000', oidcClientId: 'x' })).toEqual({});
    expect(errorsOf({ oidcIssuer: 'https://idp.example' })).toMatchObject({
      oidcClientId: 'validation.required',
    });
    expect(
      errorsOf({ samlEntryPoint: 'https://idp.example/sso', samlIdpCert: 'not a certificate' }),
    ).toMatchObject({ samlIdpCert: 'validation.sso.certificate' });
    expect(
      errorsOf({ samlEntryPoint: 'https://idp.example/sso', samlIdpCert: makeKeyPair().cert }),
    ).toEqual({});
    for (const roleMap of ['not json', '["a"]', '{"g": "students"}', '{"g": "students:king"}'])
      expect(errorsOf({ roleMap })).toMatchObject({ roleMap: 'validation.sso.roleMap' });
  });
});

describe('an identity from an institution’s IdP stays in that institution', () => {
  const identity = (subject: string, email: string, values: string[]): SsoIdentity =>
    identityFromAttributes(
      'oidc',
      subject,
      { email, name: 'Ida Jansen', roles: values },
      { email: 'email', name: 'name', roles: 'roles' },
      { 'vp-group': ['uni-a:confidential_adviser', 'uni-b:administrator'] },
      true,
    )!;

  it('creates an account of the institution with roles in its own teams only', async () => {
    const result = await withInstitution(A.id, () =>
      signInWithIdentity(t.deps.db, identity(`${A.id}|ida`, 'ida@uni-a.test', ['vp-group']), A.id),
    );
    expect('token' in result).toBe(true);
    const user = await t.deps.db
      .selectFrom('app_user')
      .select(['id', 'institution_id'])
      .where('email', '=', 'ida@uni-a.test')
      .executeTakeFirstOrThrow();
    expect(user.institution_id).toBe(A.id);
    const roles = await t.deps.db
      .selectFrom('team_membership')
      .select(['team_id', 'role'])
      .where('user_id', '=', user.id)
      .execute();
    expect(roles).toEqual([{ team_id: A.teamId, role: 'confidential_adviser' }]);
  });

  it('grants nothing from a map that names only another institution’s team', async () => {
    const result = await withInstitution(B.id, () =>
      signInWithIdentity(
        t.deps.db,
        identity(`${B.id}|olaf`, 'olaf@uni-b.test', ['uni-a:administrator']),
        B.id,
      ),
    );
    expect(result).toEqual({ refused: 'no_roles' });
  });

  it('does not sign an account of one institution in at another', async () => {
    await createUser(
      t.deps.db,
      {
        email: 'kees@uni-a.test',
        displayName: 'Kees',
        memberships: [{ teamId: A.teamId, role: 'confidential_adviser' }],
      },
      CLI,
    );
    const kees = await t.deps.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'kees@uni-a.test')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('sso_identity')
      .values({ provider: 'oidc', subject: 'shared-subject', user_id: kees.id })
      .execute();
    const result = await withInstitution(B.id, () =>
      signInWithIdentity(
        t.deps.db,
        identity('shared-subject', 'other@uni-b.test', ['uni-b:confidential_adviser']),
        B.id,
      ),
    );
    expect(result).toEqual({ refused: 'not_linked' });
  });
});

describe('the choice of institution on the platform host', () => {
  it('lists the institutions with their own IdP and leads to the chosen one on its own host', async () => {
    const login = await t.app.request('/login', { headers: { host: PLATFORM } });
    const html = await login.text();
    expect(html).toContain('<option value="uni-a">Instelling uni-a</option>');
    expect(html).not.toContain('value="uni-b"'); // no IdP of its own
    const res = await t.app.request('/login/institution?institution=uni-a', {
      headers: { host: PLATFORM },
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('content="0;url=http://uni-a.test/sso/oidc/start"');
    expect(page).toContain('href="http://uni-a.test/sso/oidc/start"');
    const unknown = await t.app.request('/login/institution?institution=uni-b', {
      headers: { host: PLATFORM },
    });
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get('location')).toBe('/login');
  });

  it('offers no choice on an institution’s own host, only its own IdP', async () => {
    const html = await (await t.app.request('/login', { headers: { host: 'uni-a.test' } })).text();
    expect(html).not.toContain('name="institution"');
    expect(html).toContain('href="/sso/oidc/start"');
    const b = await (await t.app.request('/login', { headers: { host: 'uni-b.test' } })).text();
    expect(b).not.toContain('/sso/oidc/start');
  });
});

describe('the institution administrator’s own page', () => {
  it('shows the settings without the secret, takes a logo and serves it on the header of every page', async () => {
    const admin = await createStaff(t.deps, A.teamId, ['administrator']);
    const adviser = await createStaff(t.deps, A.teamId, ['confidential_adviser']);
    const other = new HostClient(t.app, 'uni-a.test');
    expect((await other.signIn(adviser.email, PASSWORD)).status).toBe(303);
    expect((await other.get('/admin/institution')).status).toBe(403);

    const client = new HostClient(t.app, 'uni-a.test');
    expect((await client.signIn(admin.email, PASSWORD)).status).toBe(303);
    expect((await client.get('/admin/institution')).status).toBe(200);
    expect(client.lastHtml).toContain('meldpunt-a');
    expect(client.lastHtml).not.toContain(SECRET);
    expect(client.lastHtml).toContain('http://uni-a.test/sso/oidc/callback');

    const upload = (file: Buffer, name: string) =>
      postMultipart(client, '/admin/institution/logo', { _csrf: client.csrfToken() }, [
        { field: 'logo', name, type: 'image/png', bytes: new Uint8Array(file) },
      ]);
    const refused = await upload(Buffer.from('<svg/>'), 'x.svg');
    expect(refused.status).toBe(422);
    expect(client.lastHtml).toContain('Only PNG and JPEG are accepted');
    const saved = await upload(noisePng(40, 20), 'logo.png');
    expect(saved.status).toBe(303);
    expect((await client.get('/admin')).status).toBe(200);
    const src = /<img class="site-logo" src="([^"]+)" alt="Instelling uni-a"/.exec(
      client.lastHtml,
    )?.[1];
    expect(src).toMatch(/^\/assets\/institution-logo\?v=[0-9a-f]{16}$/);
    const asset = await client.get(src!);
    expect(asset.headers.get('content-type')).toBe('image/png');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // B's host has no logo, and does not serve A's
    expect(
      (await t.app.request('/assets/institution-logo', { headers: { host: 'uni-b.test' } })).status,
    ).toBe(404);
  });
});
