import { describe, expect, it } from 'vitest';
import { timeStep, totpCode } from '../src/server/auth/totp.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { signedIn } from './support/security.js';
import { base32Decode } from './support/base32.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

describe('two-factor sign-in', () => {
  it('administrator enforces it; an adviser enrols TOTP, gets recovery codes, and signs in with a code', async () => {
    const admin = await signedIn(t.app, t.deps, t.teamId, ['administrator']);
    await admin.client.get('/admin/security');
    expect((await admin.client.submit('/admin/security', { requireTwoFactor: 'yes' })).status).toBe(
      200,
    );

    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(t.app);
    const login = await client.signIn(adviser.email, PASSWORD);
    expect(login.headers.get('location')).toBe('/login/two-factor/enrol');
    // Until enrolled, the password alone gives no access to the staff area.
    expect((await client.get('/cases')).headers.get('location')).toBe('/login');
    await client.get('/login/two-factor/enrol');
    const secret = base32Decode(/data-testid="totp-secret">([^<]+)</.exec(client.lastHtml)![1]!);
    expect((await client.post('/login/two-factor/enrol', { code: '000000' })).status).toBe(422);
    const enrolled = await client.post('/login/two-factor/enrol', {
      code: totpCode(secret, timeStep(new Date())),
    });
    expect(enrolled.status).toBe(200);
    const codes = [...client.lastHtml.matchAll(/<li><code>([A-Z2-9]{10})<\/code><\/li>/g)].map(
      (m) => m[1]!,
    );
    expect(codes).toHaveLength(10);
    expect((await client.get('/cases')).status).toBe(200);

    // Next sign-in: password, then a code; a used code is not accepted twice.
    const next = new TestClient(t.app);
    expect((await next.signIn(adviser.email, PASSWORD)).headers.get('location')).toBe(
      '/login/two-factor',
    );
    await next.get('/login/two-factor');
    const code = totpCode(secret, timeStep(new Date()) + 1);
    const ok = await next.post('/login/two-factor', { code });
    expect(ok.headers.get('location')).toBe('/cases');
    expect((await next.get('/cases')).status).toBe(200);
    const replay = new TestClient(t.app);
    await replay.signIn(adviser.email, PASSWORD);
    await replay.get('/login/two-factor');
    expect((await replay.post('/login/two-factor', { code })).status).toBe(401);
    // A recovery code works once.
    expect(
      (await replay.post('/login/two-factor', { code: codes[0]! })).headers.get('location'),
    ).toBe('/cases');
    const again = new TestClient(t.app);
    await again.signIn(adviser.email, PASSWORD);
    await again.get('/login/two-factor');
    expect((await again.post('/login/two-factor', { code: codes[0]! })).status).toBe(401);
  });

  it('throttles guessing of second-factor codes and of passwords', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(t.app);
    await client.signIn(adviser.email, PASSWORD);
    await client.get('/login/two-factor/enrol');
    const secret = base32Decode(/data-testid="totp-secret">([^<]+)</.exec(client.lastHtml)![1]!);
    await client.post('/login/two-factor/enrol', { code: totpCode(secret, timeStep(new Date())) });
    const guesser = new TestClient(t.app);
    await guesser.signIn(adviser.email, PASSWORD);
    await guesser.get('/login/two-factor');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await guesser.post('/login/two-factor', { code: String(100000 + i) })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    // Even the right code is refused while throttled.
    expect(
      (
        await guesser.post('/login/two-factor', {
          code: totpCode(secret, timeStep(new Date()) + 1),
        })
      ).status,
    ).toBe(429);

    const other = await createStaff(t.deps, t.teamId, ['support_officer']);
    const brute = new TestClient(t.app);
    await brute.get('/login');
    const pw: number[] = [];
    for (let i = 0; i < 6; i++)
      pw.push((await brute.post('/login', { email: other.email, password: `wrong-${i}` })).status);
    expect(pw[5]).toBe(429);
    expect((await brute.post('/login', { email: other.email, password: PASSWORD })).status).toBe(
      429,
    );
  });

  it('lists the user\u2019s own sessions and revokes one', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: false }).execute();
    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const first = new TestClient(t.app);
    const second = new TestClient(t.app);
    await first.signIn(officer.email, PASSWORD);
    await second.signIn(officer.email, PASSWORD);
    await first.get('/account/security');
    const rows = first.lastHtml.split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    const otherRow = rows.find((r) => !r.includes('deze sessie'))!;
    const otherId = /\/account\/sessions\/([0-9a-f-]{36})\/revoke/.exec(otherRow)![1]!;
    expect(
      (await first.post(`/account/sessions/${otherId}/revoke`, {})).headers.get('location'),
    ).toBe('/account/security');
    expect((await second.get('/cases')).headers.get('location')).toBe('/login');
    expect((await first.get('/team/activities')).status).toBe(200); // a support officer's own work (issue 19)
    // Someone else's session cannot be revoked.
    const stranger = await signedIn(t.app, t.deps, t.teamId, ['support_officer']);
    await stranger.client.get('/account/security');
    await first.get('/account/security');
    const mine = /\/account\/sessions\/([0-9a-f-]{36})\/revoke/.exec(first.lastHtml)![1]!;
    expect((await stranger.client.post(`/account/sessions/${mine}/revoke`, {})).status).toBe(404);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('actor_user_id')
      .where('type', '=', 'SESSION_REVOKED')
      .execute();
    expect(events).toEqual([{ actor_user_id: officer.id }]);
  });
});
