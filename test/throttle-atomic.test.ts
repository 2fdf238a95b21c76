import { beforeAll, describe, expect, it } from 'vitest';
import { takeAttempt } from '../src/server/http/throttle.js';
import { timeStep, totpCode } from '../src/server/auth/totp.js';
import { base32Decode } from './support/base32.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

// Issue 15, findings 9 and 11: throttles count and check in one statement, and the API's
// throttle is per token, so made-up tokens never lock a valid one out.
const t = useTestApp();

let admin: TestClient;
beforeAll(async () => {
  const staff = await createStaff(t.deps, t.teamId, ['administrator']);
  admin = new TestClient(t.app);
  await admin.signIn(staff.email, PASSWORD);
});

async function createToken(name: string): Promise<string> {
  await admin.get(`/admin/teams/${t.teamId}/tokens`);
  const body = new URLSearchParams({ _csrf: admin.csrfToken(), name, scopes: 'statistics:read' });
  await admin.send(`/admin/teams/${t.teamId}/tokens`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return /data-testid="api-token">([^<]+)</.exec(admin.lastHtml)![1]!;
}
const call = (token: string) =>
  t.app.request('/api/v1/statistics/annual?year=2025', {
    headers: { authorization: `Bearer ${token}` },
  });

describe('atomic throttles (finding 11)', () => {
  it('lets exactly maxFailures of 60 parallel attempts through', async () => {
    const waits = await Promise.all(
      Array.from({ length: 60 }, () =>
        takeAttempt(t.deps.db, 'test:parallel', { maxFailures: 5, windowMinutes: 15 }),
      ),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0).every((w) => w <= 15)).toBe(true);
  });

  it('checks at most 5 of 60 parallel second-factor guesses', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const enrol = new TestClient(t.app);
    await enrol.signIn(adviser.email, PASSWORD);
    await enrol.get('/login/two-factor/enrol');
    const secret = base32Decode(/data-testid="totp-secret">([^<]+)</.exec(enrol.lastHtml)![1]!);
    await enrol.post('/login/two-factor/enrol', { code: totpCode(secret, timeStep(new Date())) });
    const guesser = new TestClient(t.app);
    await guesser.signIn(adviser.email, PASSWORD);
    await guesser.get('/login/two-factor');
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        guesser.post('/login/two-factor', { code: String(100000 + i) }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    await t.deps.db.updateTable('institution').set({ require_two_factor: false }).execute();
  });

  it('checks at most 5 of 60 parallel receipt-code guesses from one browser', async () => {
    const guesser = new TestClient(t.app);
    await guesser.get('/postbus');
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        guesser
          .post('/postbus', { receipt: `AAAA-BBBB-CCCC-${String(1000 + i)}` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
  });
});

describe('the API throttle per token (finding 9)', () => {
  it('keeps a valid token working after many requests with made-up tokens', async () => {
    const token = await createToken('Dashboard');
    for (let i = 0; i < 25; i++)
      expect([401, 429]).toContain((await call(`mpt_madeup${i}`)).status);
    expect((await call(token)).status).toBe(200);
  });

  it('throttles one made-up token that is tried again and again', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await call('mpt_the-same-guess')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
