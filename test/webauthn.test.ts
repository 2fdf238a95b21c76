import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { timeStep, totpCode } from '../src/server/auth/totp.js';
import { clearFailures } from '../src/server/http/throttle.js';
import { relyingPartyFor } from '../src/server/auth/webauthn.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { base32Decode } from './support/base32.js';
import { useTestApp } from './support/use-test-app.js';

const ORIGIN = 'http://localhost:3000';
const t = useTestApp({ env: { MELDPUNT_BASE_URL: ORIGIN } });

// --- A software authenticator: P-256 key, "none" attestation, CBOR by hand. ---

function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(n, 1);
  return b;
}

function cbor(value: unknown): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === 'string')
    return Buffer.concat([cborHead(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([cborHead(2, value.length), value]);
  if (value instanceof Map)
    return Buffer.concat([
      cborHead(5, value.size),
      ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)]),
    ]);
  throw new Error('unsupported');
}

const b64url = (b: Buffer) => b.toString('base64url');
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest();

class SoftwareKey {
  readonly keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  readonly credentialId = crypto.randomBytes(32);

  coseKey(): Buffer {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  register(options: { challenge: string; rp: { id: string } }, origin = ORIGIN) {
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.create',
        challenge: options.challenge,
        origin,
        crossOrigin: false,
      }),
    );
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    // flags UP | UV | AT, sign count 0, zero AAGUID
    const authData = Buffer.concat([
      sha256(options.rp.id),
      Buffer.from([0x45]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      idLen,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(attestationObject),
        transports: ['usb'],
      },
      clientExtensionResults: {},
    };
  }

  assert(
    options: { challenge: string; rpId: string },
    signCount: number,
    opts: { origin?: string; signer?: crypto.KeyObject } = {},
  ) {
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: options.challenge,
        origin: opts.origin ?? ORIGIN,
        crossOrigin: false,
      }),
    );
    const count = Buffer.alloc(4);
    count.writeUInt32BE(signCount);
    const authData = Buffer.concat([sha256(options.rpId), Buffer.from([0x05]), count]);
    const signature = crypto.sign(
      'sha256',
      Buffer.concat([authData, sha256(clientData)]),
      opts.signer ?? this.keys.privateKey,
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
      },
      clientExtensionResults: {},
    };
  }
}

/** What the page's script does: JSON with the CSRF token of the page in a header. */
function postJson(client: TestClient, path: string, body: unknown = {}) {
  return client.send(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken() },
  });
}

async function countAudit(type: string) {
  const rows = await t.deps.db
    .selectFrom('audit_event')
    .select('id')
    .where('type', '=', type as never)
    .execute();
  return rows.length;
}

describe('WebAuthn as a second factor', () => {
  it('enrols a key beside TOTP, signs in with it, and refuses a wrong signature, a replayed challenge, a wrong origin and a stale counter', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const owner = new TestClient(t.app);
    expect((await owner.signIn(adviser.email, PASSWORD)).headers.get('location')).toBe('/cases');
    await owner.get('/account/security');
    // A key needs TOTP first: the no-JavaScript path and the recovery codes stay available.
    expect(owner.lastHtml).not.toContain('data-webauthn="register"');
    expect((await postJson(owner, '/account/webauthn/options')).status).toBe(409);
    const secret = /data-testid="totp-secret">([^<]+)</
      .exec(owner.lastHtml)![1]!
      .replace(/\s/g, '');
    const secretBytes = base32Decode(secret);
    expect(
      (
        await owner.post('/account/two-factor', {
          code: totpCode(secretBytes, timeStep(new Date())),
        })
      ).status,
    ).toBe(200);

    await owner.get('/account/security');
    expect(owner.lastHtml).toContain('data-webauthn="register"');
    expect(owner.lastHtml).toContain('src="/assets/webauthn.js?v=');
    // Without a CSRF header the JSON endpoint is refused.
    const noCsrf = await owner.send('/account/webauthn/options', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(noCsrf.status).toBe(403);
    await owner.get('/account/security');

    const key = new SoftwareKey();
    const regOptions = await (await postJson(owner, '/account/webauthn/options')).json();
    expect(regOptions.rp.id).toBe('localhost');
    // A registration for another origin is refused (and uses up its challenge).
    expect(
      (await postJson(owner, '/account/webauthn', key.register(regOptions, 'https://evil.example')))
        .status,
    ).toBe(422);
    expect((await postJson(owner, '/account/webauthn', key.register(regOptions))).status).toBe(422);
    const fresh = await (await postJson(owner, '/account/webauthn/options')).json();
    const registered = await postJson(owner, '/account/webauthn', key.register(fresh));
    expect(registered.status).toBe(200);
    expect(await registered.json()).toEqual({
      ok: true,
      redirect: '/account/security?notice=key-added',
    });
    expect(await countAudit('USER_WEBAUTHN_REGISTERED')).toBe(1);
    const stored = await t.deps.db
      .selectFrom('webauthn_credential')
      .selectAll()
      .where('user_id', '=', adviser.id)
      .execute();
    expect(stored.map((s) => s.credential_id)).toEqual([b64url(key.credentialId)]);
    await owner.get('/account/security');
    expect(owner.lastHtml).toContain('data-testid="webauthn-keys"');

    // Sign-in: password, then the key instead of a code.
    const client = new TestClient(t.app);
    expect((await client.signIn(adviser.email, PASSWORD)).headers.get('location')).toBe(
      '/login/two-factor',
    );
    await client.get('/login/two-factor');
    expect(client.lastHtml).toContain('data-webauthn="authenticate"');
    expect(client.lastHtml).toContain('name="code"'); // the TOTP form stays
    // A wrong code keeps the key on offer.
    expect((await client.post('/login/two-factor', { code: '000000' })).status).toBe(401);
    expect(client.lastHtml).toContain('data-webauthn="authenticate"');
    const authOptions = await (await postJson(client, '/login/two-factor/webauthn/options')).json();
    expect(authOptions.allowCredentials.map((c: { id: string }) => c.id)).toEqual([
      b64url(key.credentialId),
    ]);
    const assertion = key.assert(authOptions, 1);
    const signedIn = await postJson(client, '/login/two-factor/webauthn', assertion);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ ok: true, redirect: '/cases' });
    expect((await client.get('/cases')).status).toBe(200);
    expect(await countAudit('USER_WEBAUTHN_VERIFIED')).toBe(1);

    // Refusals, each in a session that stays pending.
    const attacker = new TestClient(t.app);
    await attacker.signIn(adviser.email, PASSWORD);
    await attacker.get('/login/two-factor');
    const refused = async (make: (o: { challenge: string; rpId: string }) => unknown) => {
      const options = await (await postJson(attacker, '/login/two-factor/webauthn/options')).json();
      return (await postJson(attacker, '/login/two-factor/webauthn', make(options))).status;
    };
    const otherKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(await refused((o) => key.assert(o, 2, { signer: otherKey }))).toBe(401); // wrong signature
    expect(await refused(() => assertion)).toBe(401); // the used challenge, replayed as a whole
    expect(await refused((o) => key.assert({ ...o, challenge: authOptions.challenge }, 3))).toBe(
      401,
    ); // used challenge, freshly signed
    expect(await refused((o) => key.assert(o, 4, { origin: 'https://evil.example' }))).toBe(401); // wrong origin
    expect(await refused((o) => key.assert(o, 1))).toBe(401); // counter not above the stored one (cloned key)
    expect((await attacker.get('/cases')).headers.get('location')).toBe('/login');
    expect(await countAudit('USER_WEBAUTHN_VERIFIED')).toBe(1);
    const stillOne = await t.deps.db
      .selectFrom('webauthn_credential')
      .select('counter')
      .where('user_id', '=', adviser.id)
      .executeTakeFirstOrThrow();
    expect(Number(stillOne.counter)).toBe(1);
    // Five failures share the TOTP budget: now even the right key is throttled.
    expect(await refused((o) => key.assert(o, 7))).toBe(429);
    expect((await attacker.get('/cases')).headers.get('location')).toBe('/login');
    // Once the window is over (cleared here), the right key with a rising counter works again.
    await clearFailures(t.deps.db, `totp:${adviser.id}`);
    expect(await refused((o) => key.assert(o, 8))).toBe(200);
    expect((await attacker.get('/cases')).status).toBe(200);
  });

  it("removes an own key (audited, with a notice), and answers 404 for another user's key", async () => {
    const owner = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const other = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const mine = await signedInWithKey(owner.email);
    const theirs = await signedInWithKey(other.email);
    const idOf = async (userId: string) =>
      (
        await t.deps.db
          .selectFrom('webauthn_credential')
          .select('id')
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).id;
    const [myKey, theirKey] = [await idOf(owner.id), await idOf(other.id)];

    await mine.get('/account/security');
    expect(mine.lastHtml).toContain(`action="/account/webauthn/${myKey}/delete"`);
    expect(mine.lastHtml).not.toContain(theirKey);
    // Another user's key, a key that does not exist, and a malformed id: all 404, nothing removed or audited.
    expect((await mine.post(`/account/webauthn/${theirKey}/delete`, {})).status).toBe(404);
    expect((await mine.post(`/account/webauthn/${crypto.randomUUID()}/delete`, {})).status).toBe(
      404,
    );
    expect((await mine.post('/account/webauthn/not-a-uuid/delete', {})).status).toBe(404);
    await mine.get('/account/security');
    expect((await mine.post(`/account/webauthn/${myKey}/delete`, { _csrf: 'forged' })).status).toBe(
      403,
    );
    expect((await new TestClient(t.app).post(`/account/webauthn/${myKey}/delete`, {})).status).toBe(
      403,
    ); // no CSRF cookie, no session
    expect(
      await t.deps.db
        .selectFrom('webauthn_credential')
        .select('id')
        .where('id', 'in', [myKey, theirKey])
        .execute(),
    ).toHaveLength(2);
    expect(await countAudit('USER_WEBAUTHN_REMOVED')).toBe(0);

    // The own key: 303 to the page with a notice; the key is gone and the removal audited.
    await mine.get('/account/security');
    const removed = await mine.post(`/account/webauthn/${myKey}/delete`, {});
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/account/security?notice=key-removed');
    await mine.get(removed.headers.get('location')!);
    expect(mine.lastHtml).toContain('De sleutel is verwijderd.');
    expect(mine.lastHtml).not.toContain('data-testid="webauthn-keys"');
    expect(
      await t.deps.db
        .selectFrom('webauthn_credential')
        .select('id')
        .where('user_id', '=', owner.id)
        .execute(),
    ).toEqual([]);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .selectAll()
      .where('type', '=', 'USER_WEBAUTHN_REMOVED')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_user_id).toBe(owner.id);
    expect(JSON.stringify(events[0]!.detail)).toContain(myKey);
    expect((await mine.post(`/account/webauthn/${myKey}/delete`, {})).status).toBe(404); // already gone
    // The other user's key still works; the owner's next sign-in offers the code only.
    expect(
      await t.deps.db
        .selectFrom('webauthn_credential')
        .select('id')
        .where('id', '=', theirKey)
        .execute(),
    ).toHaveLength(1);
    await theirs.get('/account/security');
    expect(theirs.lastHtml).toContain(`action="/account/webauthn/${theirKey}/delete"`);
    const again = new TestClient(t.app);
    expect((await again.signIn(owner.email, PASSWORD)).headers.get('location')).toBe(
      '/login/two-factor',
    );
    await again.get('/login/two-factor');
    expect(again.lastHtml).not.toContain('data-webauthn="authenticate"');
    expect((await postJson(again, '/login/two-factor/webauthn/options')).status).toBe(404);
  });

  it('says on the enrolment pages that the app comes first and the key right after; no key button before TOTP', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(t.app, 'en');
    await client.signIn(adviser.email, PASSWORD);
    await client.get('/account/security');
    expect(client.lastHtml).toContain('Set up the app first');
    expect(client.lastHtml).not.toContain('data-webauthn');
    const secret = base32Decode(
      /data-testid="totp-secret">([^<]+)</.exec(client.lastHtml)![1]!.replace(/\s/g, ''),
    );
    expect(
      (await client.post('/account/two-factor', { code: totpCode(secret, timeStep(new Date())) }))
        .status,
    ).toBe(200);
    // The recovery codes page offers the key, with a line for browsers without JavaScript.
    expect(client.lastHtml).toContain('data-testid="recovery-codes"');
    expect(client.lastHtml).toContain('data-webauthn="register"');
    expect(client.lastHtml).toMatch(
      /<noscript><p>A security key or passkey works only with JavaScript/,
    );
    expect((await postJson(client, '/account/webauthn/options')).status).toBe(200);
  });

  it('serves the script from our own origin, and refuses key sign-in outside a pending session', async () => {
    const res = await t.app.request('/assets/webauthn.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('navigator.credentials');
    // Its requests (challenge, answer) are allowed to our own origin and nowhere else.
    const csp = (await t.app.request('/login')).headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("default-src 'none'");
    const stranger = new TestClient(t.app);
    await stranger.get('/login');
    expect((await postJson(stranger, '/login/two-factor/webauthn/options')).status).not.toBe(200);
  });
});

describe('WebAuthn under an IP address', () => {
  // Browsers refuse an IP address as RP ID: the pages explain instead of offering a key that would only fail.
  const explanation = {
    nl: 'Beveiligingssleutels en passkeys werken alleen als deze dienst onder een domeinnaam draait',
    en: 'Security keys and passkeys only work when this service runs under a domain name',
  };
  const appAt = (baseUrl: string) =>
    createApp({ ...t.deps, config: { ...t.deps.config, baseUrl } });

  it('knows which base URLs browsers accept for keys', () => {
    for (const url of [
      'http://127.0.0.1:3000',
      'https://10.1.2.3',
      'http://[::1]:3000',
      'https://[2001:db8::1]',
    ])
      expect(relyingPartyFor(url).canUseKeys, url).toBe(false);
    for (const url of [
      'http://localhost:3000',
      'https://meldpunt.uni.example',
      'http://meldpunt.test',
    ])
      expect(relyingPartyFor(url).canUseKeys, url).toBe(true);
  });

  it('at http://127.0.0.1:… the two-factor sign-in says keys need a domain name, in both languages, and offers no key button', async () => {
    const ipApp = appAt('http://127.0.0.1:3000');
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    await signedInWithKey(adviser.email); // a key registered while the service ran under localhost

    for (const lang of ['nl', 'en'] as const) {
      const client = new TestClient(ipApp, lang);
      expect((await client.signIn(adviser.email, PASSWORD)).headers.get('location')).toBe(
        '/login/two-factor',
      );
      await client.get('/login/two-factor');
      expect(client.lastHtml).toContain(explanation[lang]);
      expect(client.lastHtml).not.toContain('data-webauthn');
      expect(client.lastHtml).not.toContain('/assets/webauthn.js');
      expect(client.lastHtml).toContain('name="code"'); // the app's code still signs in
      expect((await client.post('/login/two-factor', { code: '000000' })).status).toBe(401);
      expect(client.lastHtml).toContain(explanation[lang]);
      expect(client.lastHtml).not.toContain('data-webauthn');
    }
  });

  it('at http://127.0.0.1:… the security page says so too, enrolment promises no key, and the recovery-codes page offers none', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(appAt('http://127.0.0.1:3000'), 'en');
    await client.signIn(adviser.email, PASSWORD);
    await client.get('/account/security');
    expect(client.lastHtml).not.toContain('Set up the app first');
    const secret = base32Decode(
      /data-testid="totp-secret">([^<]+)</.exec(client.lastHtml)![1]!.replace(/\s/g, ''),
    );
    expect(
      (await client.post('/account/two-factor', { code: totpCode(secret, timeStep(new Date())) }))
        .status,
    ).toBe(200);
    expect(client.lastHtml).toContain('data-testid="recovery-codes"');
    expect(client.lastHtml).not.toContain('data-webauthn');
    expect(client.lastHtml).not.toContain('Also use a security key');
    await client.get('/account/security');
    expect(client.lastHtml).toContain('Security keys and passkeys</h3>');
    expect(client.lastHtml).toContain(explanation.en);
    expect(client.lastHtml).not.toContain('data-webauthn');
    expect(client.lastHtml).not.toContain('/assets/webauthn.js');
    await client.get('/lang/nl?next=/account/security');
    await client.get('/account/security');
    expect(client.lastHtml).toContain(explanation.nl);
    expect(client.lastHtml).not.toContain('data-webauthn');
  });

  it('at http://localhost:… the same pages offer the key button and no explanation', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const owner = await signedInWithKey(adviser.email);
    await owner.get('/account/security');
    expect(owner.lastHtml).toContain('data-webauthn="register"');
    expect(owner.lastHtml).not.toContain(explanation.nl);
    const client = new TestClient(appAt('http://localhost:3000'), 'en');
    await client.signIn(adviser.email, PASSWORD);
    await client.get('/login/two-factor');
    expect(client.lastHtml).toContain('data-webauthn="authenticate"');
    expect(client.lastHtml).not.toContain(explanation.en);
  });
});

/** A signed-in client of a user with TOTP confirmed and one software key registered. */
async function signedInWithKey(email: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.signIn(email, PASSWORD);
  await client.get('/account/security');
  const secret = base32Decode(
    /data-testid="totp-secret">([^<]+)</.exec(client.lastHtml)![1]!.replace(/\s/g, ''),
  );
  expect(
    (await client.post('/account/two-factor', { code: totpCode(secret, timeStep(new Date())) }))
      .status,
  ).toBe(200);
  const options = await (await postJson(client, '/account/webauthn/options')).json();
  expect(
    (await postJson(client, '/account/webauthn', new SoftwareKey().register(options))).status,
  ).toBe(200);
  return client;
}
