import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';
import { inviteUser } from '../src/server/admin/users.admin.service.js';
import { issuePasswordReset } from '../src/server/recovery/password-reset.service.js';

const t = useTestApp();
const COMMON = '1qaz2wsx3edc'; // 12 characters, and on every list of leaked passwords
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issue 15, finding 12 (decision 024): the password sign-in slows down instead of locking; common passwords are refused. */
describe('password sign-in hardening', () => {
  it('keys the throttle by a keyed hash of the address, and slows wrong guesses down without locking the account', async () => {
    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const attacker = new TestClient(t.app);
    await attacker.get('/login');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await attacker.post('/login', { email: officer.email, password: `wrong-${i}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(attacker.lastHtml).toContain('seconden');
    const keys = (await t.deps.db.selectFrom('throttle').select('key').execute()).map((r) => r.key);
    expect(keys.some((k) => k.startsWith('login:'))).toBe(true);
    expect(keys.join(' ')).not.toContain(officer.email.split('@')[0]!);

    // Parallel guesses after the pause: one is checked, the others wait.
    await sleep(1100);
    const parallel = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        attacker.post('/login', { email: officer.email, password: `again-${i}` }),
      ),
    );
    expect(parallel.map((r) => r.status).sort()).toEqual([401, 429, 429, 429, 429, 429]);

    // The colleague is delayed by seconds, not locked out for a quarter of an hour.
    await sleep(2100);
    const colleague = new TestClient(t.app);
    expect((await colleague.signIn(officer.email, PASSWORD)).status).toBe(303);
    expect((await colleague.get('/team/activities')).status).toBe(200); // signed in: a support officer's own work (issue 19)
  });

  it('refuses a commonly breached password when an invitation is accepted and when a password is reset, in Dutch and English', async () => {
    const token = await t.deps.db.transaction().execute((trx) =>
      inviteUser(
        trx,
        t.teamId,
        {
          email: `invited-${Date.now()}@example.test`,
          displayName: 'Invited',
          locale: 'nl',
          roles: ['support_officer'],
        },
        { kind: 'system' },
      ),
    );
    const invited = new TestClient(t.app);
    await invited.get(`/invite/${token}`);
    expect(
      (await invited.post(`/invite/${token}`, { displayName: 'Invited', password: COMMON })).status,
    ).toBe(422);
    expect(invited.lastHtml).toContain('veelgebruikte (en gelekte) wachtwoorden');
    expect(
      (await invited.post(`/invite/${token}`, { displayName: 'Invited', password: PASSWORD }))
        .status,
    ).not.toBe(422);

    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const reset = (await issuePasswordReset(t.deps.db, officer.email))!;
    const english = new TestClient(t.app, 'en');
    await english.get(`/login/reset/${reset.token}`);
    expect(
      (
        await english.post(`/login/reset/${reset.token}`, {
          password: COMMON.toUpperCase(),
          confirm: COMMON.toUpperCase(),
        })
      ).status,
    ).toBe(422);
    expect(english.lastHtml).toContain('commonly used (and leaked) passwords');
  });
});
