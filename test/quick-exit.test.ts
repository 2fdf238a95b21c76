import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { reportAnonymously } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';
import { findReporterCaseId, signInWithReceipt } from '../src/server/mailbox/reporter-session.js';

const t = useTestApp({ env: { MELDPUNT_QUICK_EXIT_URL: 'https://weer.example/' } });

async function signedInMailbox() {
  const { receipt } = await reportAnonymously(t.app);
  const client = new TestClient(t.app, 'nl');
  await client.get('/postbus');
  const res = await client.post('/postbus', { receipt });
  expect(res.headers.get('location')).toBe('/postbus/inbox');
  expect((await client.get('/postbus/inbox')).status).toBe(200);
  return client;
}

describe('the quick exit and the mailbox session (issue 18)', () => {
  it('ends the mailbox session on the server, clears the site and leaves for the neutral site', async () => {
    const client = await signedInMailbox();
    const mailboxCookie = client.cookie('mp_mailbox');
    expect(mailboxCookie).toBeTruthy();

    const res = await client.get('/weg');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://weer.example/');
    expect(res.headers.get('clear-site-data')).toBe('"cache", "cookies", "storage"');
    expect(res.headers.get('cache-control')).toBe('no-store');

    // A copy of the old cookie (a browser that ignored Clear-Site-Data) opens nothing any more.
    const replay = await t.app.request('/postbus/inbox', {
      headers: { cookie: `mp_mailbox=${mailboxCookie}` },
    });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/postbus');
  });

  it('answers on every public page, also without a mailbox session', async () => {
    const res = await t.app.request('/weg');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://weer.example/');
    const home = await (await t.app.request('/')).text();
    expect(home).toContain('href="/weg"');
  });

  it('signs the reporter out after 15 minutes without a request, and an hour after sign-in at the latest', async () => {
    const { receipt } = await reportAnonymously(t.app);
    const start = new Date('2026-12-04T10:00:00Z');
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);

    const idle = await signInWithReceipt(
      t.deps.db,
      t.deps.keyring,
      receipt,
      'receipt:browser:idle-test',
      start,
    );
    if (!idle.ok) throw new Error('sign-in failed');
    expect(await findReporterCaseId(t.deps.db, idle.token, minutes(14))).toBeTruthy();
    expect(await findReporterCaseId(t.deps.db, idle.token, minutes(28))).toBeTruthy(); // 14 minutes after the last request
    expect(await findReporterCaseId(t.deps.db, idle.token, minutes(44))).toBeUndefined(); // 16 minutes idle

    const busy = await signInWithReceipt(
      t.deps.db,
      t.deps.keyring,
      receipt,
      'receipt:browser:busy-test',
      start,
    );
    if (!busy.ok) throw new Error('sign-in failed');
    for (let m = 10; m <= 50; m += 10)
      expect(
        await findReporterCaseId(t.deps.db, busy.token, minutes(m)),
        `minute ${m}`,
      ).toBeTruthy();
    expect(await findReporterCaseId(t.deps.db, busy.token, minutes(59))).toBeTruthy();
    expect(await findReporterCaseId(t.deps.db, busy.token, minutes(61))).toBeUndefined();
  });
});
