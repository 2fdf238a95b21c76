import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { createApp } from '../src/server/app.js';
import { createUser } from '../src/server/users/users.service.js';
import { confirmEnrolment, getEnrolmentSecret } from '../src/server/auth/two-factor.service.js';
import { timeStep, totpCode } from '../src/server/auth/totp.js';
import {
  findPasswordReset,
  issuePasswordReset,
} from '../src/server/recovery/password-reset.service.js';
import { createTestDeps } from './support/test-deps.js';
import { startTestSmtp } from './support/smtp.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, defaultTeamId, PASSWORD } from './support/factories.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';

/**
 * Account recovery (docs/decisions/018-account-recovery.md): a forgotten password through a
 * single-use link mailed by a real local SMTP server, and the administrator's reset of a lost
 * second factor.
 */
type Deps = Awaited<ReturnType<typeof createTestDeps>>;
const BASE_URL = 'https://meldpunt.example';
const NEW_PASSWORD = 'a brand new passphrase 2026';
let deps: Deps;
let app: ReturnType<typeof createApp>;
let teamId: string;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  deps = await createTestDeps({ MELDPUNT_SMTP_URL: smtp.url, MELDPUNT_BASE_URL: BASE_URL });
  app = createApp(deps);
  teamId = await defaultTeamId(deps);
});
afterAll(async () => {
  await deps.dispose();
  await smtp.close();
});

const RESET_SUBJECT = 'Nieuw wachtwoord voor het meldpunt sociale veiligheid';
/** Mails to an address (of one subject: a new report also notifies the team's advisers). */
const mailsTo = (address: string, subject?: string) =>
  smtp.messages.filter(
    (m) =>
      m.to &&
      !Array.isArray(m.to) &&
      m.to.value.some((v) => v.address === address) &&
      (!subject || m.subject === subject),
  );

async function waitForMails(
  address: string,
  count: number,
  subject?: string,
): Promise<ParsedMail[]> {
  await expect
    .poll(() => mailsTo(address, subject).length, { timeout: 10_000, interval: 50 })
    .toBeGreaterThanOrEqual(count);
  return mailsTo(address, subject);
}

/** The path of the reset link in a mail (the link itself carries the configured base URL). */
function resetPath(mail: ParsedMail): string {
  const link = new RegExp(`${BASE_URL}(/login/reset/[A-Za-z0-9_-]{43})\\b`).exec(mail.text ?? '');
  expect(link, 'reset link in the mail').not.toBeNull();
  return link![1]!;
}

/** Enrols the authenticator app as a user would; returns the secret the app holds and the recovery codes. */
async function enrolTotp(userId: string) {
  const secret = (await getEnrolmentSecret(deps.db, deps.keyring, userId))!;
  const codes = (await confirmEnrolment(
    deps.db,
    deps.keyring,
    userId,
    totpCode(secret, timeStep(new Date())),
  ))!;
  return { secret, codes };
}

/** Password, then the app's code: the next step's, as enrolment used the current one (each is accepted once). */
async function signInWithCode(client: TestClient, email: string, password: string, secret: Buffer) {
  expect((await client.signIn(email, password)).headers.get('location')).toBe('/login/two-factor');
  await client.get('/login/two-factor');
  const res = await client.post('/login/two-factor', {
    code: totpCode(secret, timeStep(new Date()) + 1),
  });
  expect(res.headers.get('location')).toBe('/cases');
}

const withoutCsrf = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');
const auditOf = (type: string) =>
  deps.db.selectFrom('audit_event').selectAll().where('type', '=', type).orderBy('id').execute();

describe('forgotten password, by e-mail', () => {
  it('answers the same for any address, mails a content-free single-use link, ends old sessions and still asks the second factor', async () => {
    const adviser = await createStaff(
      deps,
      teamId,
      ['confidential_adviser'],
      'Adviser Vertrouwelijk',
    );
    const { reference } = await submitReport(app, {
      narrative: 'Een verhaal dat nooit in een e-mail mag staan.',
    });
    await deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', await caseIdOf(deps, reference))
      .execute();
    // A session from before the reset (signed in before the app was set up: it stays a full session).
    const before = new TestClient(app);
    expect((await before.signIn(adviser.email, PASSWORD)).headers.get('location')).toBe('/cases');
    const { secret } = await enrolTotp(adviser.id);
    expect((await before.get('/cases')).status).toBe(200);

    // The sign-in page links to the form; an unknown and a known address get the same answer.
    const login = new TestClient(app);
    await login.get('/login');
    expect(login.lastHtml).toContain('href="/login/forgot"');
    expect(login.lastHtml).toContain('Wachtwoord vergeten?');
    const client = new TestClient(app);
    expect((await client.get('/login/forgot')).status).toBe(200);
    const unknown = await client.post('/login/forgot', {
      email: `nobody-${Date.now()}@example.test`,
    });
    const unknownPage = await client.follow(unknown);
    const known = await client.post('/login/forgot', { email: adviser.email.toUpperCase() });
    const knownPage = await client.follow(known);
    expect(unknown.status).toBe(303);
    expect(known.status).toBe(303);
    expect(known.headers.get('location')).toBe(unknown.headers.get('location'));
    expect(knownPage.status).toBe(unknownPage.status);
    expect(withoutCsrf(await knownPage.text())).toBe(withoutCsrf(await unknownPage.text()));
    expect(client.lastHtml).toContain('data-testid="reset-sent"');

    // One mail, to the account only: a link and nothing about a case or the person.
    const [mail] = await waitForMails(adviser.email, 1, RESET_SUBJECT);
    const text = mail!.text ?? '';
    for (const secretText of [
      reference,
      'Een verhaal',
      'Adviser Vertrouwelijk',
      adviser.email,
      'sexual',
      'seksueel',
    ])
      expect(text).not.toContain(secretText);
    expect(mail!.html).toBeFalsy();
    expect(mail!.attachments).toHaveLength(0);
    expect(
      smtp.messages.filter((m) => (m.to as { text?: string })?.text?.startsWith('nobody-')),
    ).toHaveLength(0);
    const path = resetPath(mail!);
    // Only a hash of the token is stored.
    const token = path.split('/').pop()!;
    const row = await deps.db
      .selectFrom('password_reset_token')
      .selectAll()
      .where('user_id', '=', adviser.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash.equals(crypto.createHash('sha256').update(token).digest())).toBe(true);
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(3600_000);

    // The new-password page: the rules of setup and invitation, and a repeat that must match.
    const reset = new TestClient(app);
    expect((await reset.get(path)).status).toBe(200);
    expect(reset.lastHtml).toContain(adviser.email);
    const short = await reset.post(path, { password: 'too short', confirm: 'too short' });
    expect(short.status).toBe(422);
    expect(reset.lastHtml).toContain('Gebruik minstens 12 tekens.');
    const mismatch = await reset.post(path, {
      password: NEW_PASSWORD,
      confirm: `${NEW_PASSWORD}!`,
    });
    expect(mismatch.status).toBe(422);
    expect(reset.lastHtml).toContain('De twee wachtwoorden zijn niet gelijk.');
    const english = new TestClient(app, 'en');
    await english.get(path);
    expect((await english.post(path, { password: 'too short', confirm: 'too short' })).status).toBe(
      422,
    );
    expect(english.lastHtml).toContain('Use at least 12 characters.');
    await english.post(path, { password: NEW_PASSWORD, confirm: 'something else entirely' });
    expect(english.lastHtml).toContain('The two passwords are not the same.');

    // Success: 303 to the sign-in page with a confirmation; the link is used up.
    const done = await reset.post(path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?notice=passwordChanged');
    await reset.follow(done);
    expect(reset.lastHtml).toContain('Uw wachtwoord is gewijzigd');
    const again = new TestClient(app);
    expect((await again.get(path)).status).toBe(404);
    expect(again.lastHtml).toContain('Deze link is ongeldig, verlopen');
    await again.get('/login/forgot'); // a page with a form, for the CSRF token
    expect(
      (
        await again.post(path, {
          password: 'yet another passphrase',
          confirm: 'yet another passphrase',
        })
      ).status,
    ).toBe(404);

    // Every earlier session has ended; the old password no longer works; the second factor is still asked.
    expect((await before.get('/cases')).headers.get('location')).toBe('/login');
    expect((await new TestClient(app).signIn(adviser.email, PASSWORD)).status).toBe(401);
    await signInWithCode(new TestClient(app), adviser.email, NEW_PASSWORD, secret);

    // Audited, and the user is told (content-free) that the password changed.
    const requested = (await auditOf('PASSWORD_RESET_REQUESTED')).filter(
      (e) => e.detail.userId === adviser.id,
    );
    expect(requested.map((e) => e.detail.linkSent)).toEqual([true]);
    const resetEvents = (await auditOf('USER_PASSWORD_RESET')).filter(
      (e) => e.actor_user_id === adviser.id,
    );
    expect(resetEvents).toHaveLength(1);
    expect(resetEvents[0]!.detail.sessionsEnded).toBeGreaterThanOrEqual(1);
    const [changed] = await waitForMails(adviser.email, 1, 'Uw wachtwoord is gewijzigd');
    expect(changed!.text).toContain(`${BASE_URL}/login`);
    expect(mailsTo(adviser.email, RESET_SUBJECT)).toHaveLength(1);
  });

  it('a link lasts one hour; a newer link replaces it; forged links are refused in both languages', async () => {
    const officer = await createStaff(deps, teamId, ['support_officer']);
    const hourAgo = Date.now() - 3600_000;
    const old = (await issuePasswordReset(deps.db, officer.email, new Date(hourAgo - 60_000)))!;
    expect(await findPasswordReset(deps.db, old.token)).toBeUndefined();
    const nl = new TestClient(app);
    expect((await nl.get(`/login/reset/${old.token}`)).status).toBe(404);
    expect(nl.lastHtml).toContain('een link is een uur geldig');
    expect(nl.lastHtml).toContain('href="/login/forgot"');
    const recent = (await issuePasswordReset(deps.db, officer.email, new Date(hourAgo + 60_000)))!;
    expect((await new TestClient(app).get(`/login/reset/${recent.token}`)).status).toBe(200);

    // Through the form: the mailed link, expired in the database, no longer opens.
    const client = new TestClient(app, 'en');
    await client.get('/login/forgot');
    await client.post('/login/forgot', { email: officer.email });
    // In the account's language (Dutch), not the browser's.
    const path = resetPath((await waitForMails(officer.email, 1, RESET_SUBJECT))[0]!);
    expect((await new TestClient(app).get(`/login/reset/${recent.token}`)).status).toBe(404); // replaced by the newer link
    await deps.db
      .updateTable('password_reset_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', officer.id)
      .execute();
    expect((await client.get(path)).status).toBe(404);
    expect(client.lastHtml).toContain(
      'This link is invalid, has expired (a link is valid for one hour) or has already been used.',
    );
    const forged = `/login/reset/${crypto.randomBytes(32).toString('base64url')}`;
    expect((await client.get(forged)).status).toBe(404);
    expect(client.lastHtml).toContain('Request a new link');
    await client.get('/login/forgot');
    expect(
      (await client.post(forged, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status,
    ).toBe(404);
    expect((await new TestClient(app).signIn(officer.email, PASSWORD)).status).toBe(303); // the password is unchanged
  });

  it('sends no link to an account that signs in only through single sign-on, nor to a deactivated one — with the same answer', async () => {
    const ssoEmail = `sso-${Date.now()}@example.test`;
    const ssoId = await deps.db.transaction().execute(async (trx) => {
      const id = await createUser(
        trx,
        {
          email: ssoEmail,
          displayName: 'SSO User',
          memberships: [{ teamId, role: 'confidential_adviser' }],
        },
        { kind: 'system' },
      );
      await trx
        .insertInto('sso_identity')
        .values({ provider: 'oidc', subject: `sub-${id}`, user_id: id })
        .execute();
      return id;
    });
    const gone = await createStaff(deps, teamId, ['support_officer']);
    await deps.db
      .updateTable('app_user')
      .set({ is_active: false })
      .where('id', '=', gone.id)
      .execute();
    const client = new TestClient(app);
    await client.get('/login/forgot');
    for (const email of [ssoEmail, gone.email]) {
      const res = await client.post('/login/forgot', { email });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login/forgot?notice=sent');
    }
    // The request is handled after the answer: wait for its audit event, then look for mail.
    await expect
      .poll(
        async () =>
          (await auditOf('PASSWORD_RESET_REQUESTED')).filter((e) =>
            [ssoId, gone.id].includes(e.detail.userId as string),
          ).length,
        { timeout: 10_000 },
      )
      .toBe(2);
    const events = (await auditOf('PASSWORD_RESET_REQUESTED')).filter((e) =>
      [ssoId, gone.id].includes(e.detail.userId as string),
    );
    expect(events.map((e) => e.detail.linkSent)).toEqual([false, false]);
    expect(mailsTo(ssoEmail)).toHaveLength(0);
    expect(mailsTo(gone.email)).toHaveLength(0);
    expect(
      await deps.db
        .selectFrom('password_reset_token')
        .select('user_id')
        .where('user_id', 'in', [ssoId, gone.id])
        .execute(),
    ).toEqual([]);
  });

  it('throttles requests per address (known or not) and per browser, and says how long to wait', async () => {
    const person = await createStaff(deps, teamId, ['board']);
    for (const email of [person.email, `unknown-${Date.now()}@example.test`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const client = new TestClient(app); // a new browser each time: the address's own limit
        await client.get('/login/forgot');
        statuses.push((await client.post('/login/forgot', { email })).status);
        if (i === 5)
          expect(client.lastHtml).toContain(
            'Er zijn te veel aanvragen gedaan. Probeer het over 15 minuten opnieuw.',
          );
      }
      expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    }
    await waitForMails(person.email, 5, RESET_SUBJECT);
    const browser = new TestClient(app, 'en');
    await browser.get('/login/forgot');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await browser.post('/login/forgot', { email: `spray-${i}-${Date.now()}@example.test` }))
          .status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(browser.lastHtml).toContain(
      'Too many requests have been made. Try again in 15 minutes.',
    );
    // Bad input is a form error, not a request.
    const typo = new TestClient(app);
    await typo.get('/login/forgot');
    expect((await typo.post('/login/forgot', { email: 'not an address' })).status).toBe(422);
    expect(typo.lastHtml).toContain('Vul een geldig e-mailadres in.');
  });
});

describe("an administrator's reset of a lost second factor", () => {
  it('removes app, recovery codes and keys, ends the sessions, is audited, and the user must enrol again', async () => {
    const admin = await signedIn(app, deps, teamId, ['administrator'], 'Admin One');
    const user = await createStaff(deps, teamId, ['confidential_adviser']);
    const session = new TestClient(app);
    expect((await session.signIn(user.email, PASSWORD)).headers.get('location')).toBe('/cases');
    await enrolTotp(user.id);
    await deps.db
      .insertInto('webauthn_credential')
      .values({
        user_id: user.id,
        credential_id: `cred-${user.id}`,
        public_key: Buffer.from('key'),
      })
      .execute();
    await deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
    try {
      const page = `/admin/teams/${teamId}/users/${user.id}`;
      const action = `${page}/two-factor/reset`;

      await admin.client.get(page);
      expect(admin.client.lastHtml).toContain(
        'Authenticator-app ingesteld; beveiligingssleutels: 1.',
      );
      expect(admin.client.lastHtml).toContain(`action="${action}"`);
      // Without the confirmation nothing happens.
      expect((await admin.client.post(action, {})).status).toBe(422);
      expect(admin.client.lastHtml).toContain(
        'Bevestig dat de gebruiker hier zelf om heeft gevraagd.',
      );
      expect(admin.client.lastHtml).toContain('href="#field-confirmReset"');
      expect(
        await deps.db
          .selectFrom('user_totp')
          .select('user_id')
          .where('user_id', '=', user.id)
          .execute(),
      ).toHaveLength(1);

      const res = await admin.client.post(action, { confirmReset: 'yes' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${page}?notice=twoFactorReset`);
      await admin.client.follow(res);
      expect(admin.client.lastHtml).toContain('De tweestapsverificatie is gereset');
      expect(admin.client.lastHtml).toContain(
        'Geen authenticator-app ingesteld; beveiligingssleutels: 0.',
      );
      for (const table of [
        'user_totp',
        'recovery_code',
        'webauthn_credential',
        'session',
      ] as const) {
        expect(
          await deps.db
            .selectFrom(table)
            .select('user_id')
            .where('user_id', '=', user.id)
            .execute(),
          table,
        ).toEqual([]);
      }
      expect((await session.get('/cases')).headers.get('location')).toBe('/login');
      const [event] = (await auditOf('TWO_FACTOR_RESET')).filter(
        (e) => e.detail.userId === user.id,
      );
      expect(event).toMatchObject({ actor_kind: 'user', actor_user_id: admin.id, team_id: teamId });
      expect(event!.detail).toMatchObject({ totp: true, recoveryCodes: 10, keys: 1, sessions: 1 });
      await waitForMails(user.email, 1, 'Uw tweestapsverificatie is gereset');

      // The next sign-in asks to enrol again; the old app's code no longer opens anything.
      const next = new TestClient(app);
      expect((await next.signIn(user.email, PASSWORD)).headers.get('location')).toBe(
        '/login/two-factor/enrol',
      );
      expect((await next.get('/cases')).headers.get('location')).toBe('/login');
    } finally {
      await deps.db.updateTable('institution').set({ require_two_factor: false }).execute();
    }
  });

  it('is refused to a non-administrator, to an administrator of another team, and for one\u2019s own account', async () => {
    const user = await createStaff(deps, teamId, ['safety_coordinator']);
    await enrolTotp(user.id);
    const action = `/admin/teams/${teamId}/users/${user.id}/two-factor/reset`;
    const coordinator = await signedIn(app, deps, teamId, ['safety_coordinator']);
    await coordinator.client.get('/cases');
    expect((await coordinator.client.post(action, { confirmReset: 'yes' })).status).toBe(403);
    const otherTeam = await createTeam(deps, `recovery-${Date.now()}`);
    const stranger = await signedIn(app, deps, otherTeam, ['administrator']);
    await stranger.client.get('/admin');
    expect((await stranger.client.post(action, { confirmReset: 'yes' })).status).toBe(403);
    // Through their own team's path the user is not theirs to see.
    expect(
      (
        await stranger.client.post(`/admin/teams/${otherTeam}/users/${user.id}/two-factor/reset`, {
          confirmReset: 'yes',
        })
      ).status,
    ).toBe(404);
    expect(
      await deps.db
        .selectFrom('user_totp')
        .select('user_id')
        .where('user_id', '=', user.id)
        .execute(),
    ).toHaveLength(1);

    const admin = await signedIn(app, deps, teamId, ['administrator']);
    await enrolTotp(admin.id);
    const own = `/admin/teams/${teamId}/users/${admin.id}`;
    // Enrolled while signed in; the session stays complete.
    await admin.client.get(own);
    expect(admin.client.lastHtml).toContain(
      'Uw eigen tweestapsverificatie kunt u hier niet resetten.',
    );
    expect(admin.client.lastHtml).not.toContain(`action="${own}/two-factor/reset"`);
    expect(
      (await admin.client.post(`${own}/two-factor/reset`, { confirmReset: 'yes' })).status,
    ).toBe(403);
    expect(
      await deps.db
        .selectFrom('user_totp')
        .select('user_id')
        .where('user_id', '=', admin.id)
        .execute(),
    ).toHaveLength(1);
    expect(
      (await auditOf('TWO_FACTOR_RESET')).filter((e) =>
        [user.id, admin.id].includes(e.detail.userId as string),
      ),
    ).toEqual([]);
  });
});
