import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import {
  jpegWithExif,
  openMailbox,
  postMultipart,
  reportAnonymously,
} from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';
import { loadCaseContext } from '../src/server/cases/case-context.js';

const t = useTestApp({ smtp: true });

async function caseIdOf(reference: string) {
  return (
    await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
  ).id;
}

async function signedInAdviser() {
  const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
  const client = new TestClient(t.app);
  expect((await client.signIn(adviser.email, PASSWORD)).status).toBe(303);
  return { adviser, client };
}

describe('receipt sign-in', () => {
  it('throttles repeated wrong codes from one browser, in both languages, and a valid code works after', async () => {
    const { receipt } = await reportAnonymously(t.app);
    const guesser = new TestClient(t.app, 'en');
    await guesser.get('/postbus');
    for (let i = 0; i < 5; i++) {
      const res = await guesser.post('/postbus', {
        receipt: `AAAA-BBBB-CCCC-DD${String(i).padStart(2, '2')}`,
      });
      expect(res.status).toBe(401);
      expect(guesser.lastHtml).toContain('We do not know this code.');
    }
    const blocked = await guesser.post('/postbus', { receipt });
    expect(blocked.status).toBe(429);
    expect(guesser.lastHtml).toContain('Too many wrong codes. Try again in 15 minutes.');

    const nl = new TestClient(t.app, 'nl');
    await nl.get('/postbus');
    for (let i = 0; i < 6; i++) await nl.post('/postbus', { receipt: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    expect(nl.lastHtml).toContain('Te veel onjuiste codes.');

    // Another browser with the right code is not held up by the guesser.
    const { res: other } = await openMailbox(t.app, receipt);
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toBe('/postbus/inbox');

    // Once the window has passed, the same browser signs in with the valid code.
    await t.deps.db
      .updateTable('throttle')
      .set({ window_started_at: new Date(Date.now() - 16 * 60_000) })
      .where('key', 'like', 'receipt:browser:%')
      .execute();
    const after = await guesser.post('/postbus', {
      receipt: receipt.toLowerCase().replace(/-/g, ' '),
    });
    expect(after.status).toBe(303);
    const failures = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('type', '=', 'REPORTER_SIGN_IN_FAILED')
      .execute();
    expect(failures.length).toBe(10); // the blocked attempts were not even checked
  });

  it('keeps the mailbox closed without a session and rejects an empty code with a message', async () => {
    const res = await new TestClient(t.app).get('/postbus/inbox');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/postbus');
    const client = new TestClient(t.app, 'nl');
    await client.get('/postbus');
    expect((await client.post('/postbus', { receipt: ' ' })).status).toBe(422);
    expect(client.lastHtml).toContain('Vul dit veld in.');
  });
});

describe('the anonymous mailbox', () => {
  it('exchanges messages and files with the adviser and lets the reporter approve minutes', async () => {
    const { receipt, reference } = await reportAnonymously(t.app);
    const caseId = await caseIdOf(reference);
    const { client: staff } = await signedInAdviser();

    // The reporter leaves an address for notices.
    const { client: reporter } = await openMailbox(t.app, receipt, 'nl');
    await reporter.get('/postbus/inbox');
    expect(reporter.lastHtml).toContain('Ontvangen'); // status
    await reporter.submit('/postbus/e-mail', { email: 'nietmijnnaam@example.test' });
    expect(reporter.lastHtml).toContain('data-testid="notify-set"');

    await staff.get(`/cases/${caseId}/messages`);
    const sent = await postMultipart(staff, `/cases/${caseId}/messages`, {
      body: 'Dank voor uw melding. Wilt u vertellen wat er 9b2d gebeurde?',
    });
    expect(sent.status).toBe(303); // post/redirect/get: reloading the page that follows sends nothing again
    expect(sent.headers.get('location')).toBe(`/cases/${caseId}/messages?notice=sent`);
    await waitFor(() => t.smtp.messages.length === 1);
    const notice = t.smtp.messages[0]!;
    expect(notice.to && 'text' in notice.to ? notice.to.text : JSON.stringify(notice.to)).toContain(
      'nietmijnnaam@example.test',
    );
    for (const secret of ['9b2d', '7c1e', reference, 'intimidation', 'Intimidatie'])
      expect(`${notice.subject}\n${notice.text}`).not.toContain(secret);

    await reporter.get('/postbus/inbox');
    expect(reporter.lastHtml).toContain('Wilt u vertellen wat er 9b2d gebeurde?');
    const reply = await postMultipart(
      reporter,
      '/postbus/berichten',
      { body: 'Het gebeurde na college.' },
      [{ field: 'files', name: 'screenshot.jpg', type: 'image/jpeg', bytes: jpegWithExif() }],
    );
    expect(reply.headers.get('location')).toBe('/postbus/inbox?notice=sent');
    await reporter.follow(reply);
    expect(reporter.lastHtml).toContain('Je bericht is verstuurd.');
    expect(reporter.lastHtml).toContain('screenshot.jpg');
    await reporter.follow(reply); // a reload
    expect(
      await t.deps.db
        .selectFrom('case_message')
        .select('id')
        .where('case_id', '=', caseId)
        .where('author', '=', 'reporter')
        .execute(),
    ).toHaveLength(1);
    // Only the fixed notices are shown: an unknown name shows none, a known one its own text.
    expect((await reporter.get('/postbus/inbox?notice=%3Cb%3Eforged%3C%2Fb%3E')).status).toBe(200);
    expect(reporter.lastHtml).toContain('screenshot.jpg');
    expect(reporter.lastHtml).not.toContain('forged');
    expect(reporter.lastHtml).not.toContain('role="status" class="panel"');
    await reporter.get('/postbus/inbox?notice=disclosed');
    expect(reporter.lastHtml).toContain('role="status" class="panel"');

    await staff.get(`/cases/${caseId}/messages`);
    expect(staff.lastHtml).toContain('Het gebeurde na college.');
    const fileHref = /href="(\/cases\/[0-9a-f-]+\/files\/[0-9a-f-]+)"/.exec(staff.lastHtml)?.[1];
    const download = await staff.get(fileHref!);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).includes(Buffer.from('Exif'))).toBe(false);

    await staff.post(`/cases/${caseId}/minutes`, {
      conversationOn: '2026-11-20',
      minutes: 'Gesprek gevoerd; melder wil advies 5e8f.',
    });
    await reporter.get('/postbus/inbox');
    expect(reporter.lastHtml).toContain('advies 5e8f');
    const minutesId = /action="\/postbus\/verslagen\/([0-9a-f-]+)"/.exec(reporter.lastHtml)?.[1];
    const missing = await reporter.post(`/postbus/verslagen/${minutesId}`, {});
    expect(missing.status).toBe(422);
    expect(reporter.lastHtml).toContain('Maak een keuze.');
    await reporter.submit(`/postbus/verslagen/${minutesId}`, { decision: 'approve' });
    expect(reporter.lastHtml).toContain('Je hebt het verslag goedgekeurd.');
    const row = await t.deps.db
      .selectFrom('case_minutes')
      .select('status')
      .where('id', '=', minutesId!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    // Approving twice is not possible.
    expect(
      (
        await reporter.post(`/postbus/verslagen/${minutesId}`, {
          decision: 'correct',
          correction: 'x',
        })
      ).status,
    ).toBe(404);

    // The address is removable, and then no notice goes out.
    await reporter.get('/postbus/inbox');
    await reporter.post('/postbus/e-mail/verwijderen', {});
    expect(
      await t.deps.db
        .selectFrom('reporter_notification')
        .select('case_id')
        .where('case_id', '=', caseId)
        .executeTakeFirst(),
    ).toBeUndefined();
    await staff.get(`/cases/${caseId}/messages`);
    await postMultipart(staff, `/cases/${caseId}/messages`, { body: 'Nog een bericht.' });
    expect(t.smtp.messages.length).toBe(2); // the minutes notice only

    const types = (
      await t.deps.db
        .selectFrom('audit_event')
        .select('type')
        .where('case_id', '=', caseId)
        .execute()
    ).map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'REPORTER_SIGNED_IN',
        'MAILBOX_VIEWED',
        'CASE_MESSAGE_SENT',
        'CASE_ATTACHMENT_ADDED',
        'CASE_ATTACHMENT_DOWNLOADED',
        'CASE_MINUTES_APPROVED',
        'NOTIFICATION_SENT',
        'NOTIFICATION_ADDRESS_REMOVED',
      ]),
    );
  });

  it('lets a reporter disclose their identity once, stored sealed, never overwritten', async () => {
    const { receipt, reference } = await reportAnonymously(t.app);
    const { client: reporter } = await openMailbox(t.app, receipt, 'en');
    await reporter.get('/postbus/inbox');
    expect(
      (
        await reporter.post('/postbus/identiteit', {
          name: 'Sanne Onthuld',
          contact: 'sanne@example.test',
        })
      ).status,
    ).toBe(422);
    expect(reporter.lastHtml).toContain('Confirm that you want to disclose your name.');
    expect(
      (
        await reporter.post('/postbus/identiteit', {
          name: 'Sanne Onthuld',
          contact: 'op het werk',
          confirm: 'yes',
        })
      ).status,
    ).toBe(422); // not an address or number (issue 18)
    expect(reporter.lastHtml).toContain('value="op het werk"');
    expect(reporter.lastHtml).toContain(
      'Enter an e-mail address (like name@example.com) or a phone number',
    );
    await reporter.submit('/postbus/identiteit', {
      name: 'Sanne Onthuld',
      contact: 'sanne@example.test',
      confirm: 'yes',
    });
    expect(reporter.lastHtml).toContain('data-testid="disclosed"');
    expect(reporter.lastHtml).not.toContain('action="/postbus/identiteit"');
    await reporter.post('/postbus/identiteit', {
      name: 'Iemand Anders',
      contact: 'x@example.test',
      confirm: 'yes',
    });

    // Stored apart from the case and sealed with its key, as a named reporter's identity is.
    const caseId = await caseIdOf(reference);
    const parties = await t.deps.db
      .selectFrom('case_party')
      .select('identity')
      .where('case_id', '=', caseId)
      .where('party', '=', 'reporter')
      .execute();
    expect(parties).toHaveLength(1);
    expect(parties[0]!.identity.includes(Buffer.from('Sanne'))).toBe(false);
    const sealer = await loadCaseContext(t.deps.db, t.deps.keyring, caseId, { kind: 'system' });
    expect(JSON.parse(sealer.openText(parties[0]!.identity, 'party:reporter'))).toEqual({
      name: 'Sanne Onthuld',
      contact: 'sanne@example.test',
    });
    const disclosed = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('case_id', '=', caseId)
      .where('type', '=', 'REPORTER_IDENTITY_DISCLOSED')
      .execute();
    expect(disclosed).toHaveLength(1);
  });

  it('refuses the correspondence to an adviser of another team and a mailbox session the files of another case', async () => {
    const first = await reportAnonymously(t.app, [
      { field: 'files', name: 'a.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
    ]);
    const second = await reportAnonymously(t.app);
    const otherTeam = await createTeam(t.deps, `staff-${Date.now()}`);
    const stranger = await createStaff(t.deps, otherTeam, ['confidential_adviser']);
    const strangerClient = new TestClient(t.app);
    await strangerClient.signIn(stranger.email, PASSWORD);
    expect(
      (await strangerClient.get(`/cases/${await caseIdOf(first.reference)}/messages`)).status,
    ).toBe(404);

    const { client: own } = await openMailbox(t.app, first.receipt);
    await own.get('/postbus/inbox');
    const href = /href="(\/postbus\/bestanden\/[0-9a-f-]+)"/.exec(own.lastHtml)![1]!;
    const { client: other } = await openMailbox(t.app, second.receipt);
    expect((await other.get(href)).status).toBe(404);
  });
});

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check()).toBe(true);
}
