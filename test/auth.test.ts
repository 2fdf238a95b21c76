import { describe, expect, it } from 'vitest';
import { issueFirstAdminToken } from '../src/server/auth/auth.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, defaultTeamId, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

describe('first administrator', () => {
  it('is created once through the setup link, with an argon2id hash and no other way in', async () => {
    const token = await issueFirstAdminToken(t.deps.db);
    expect(token).toBeDefined();
    const client = new TestClient(t.app, 'en');
    await client.get(`/setup/${token}`);
    const weak = await client.post(`/setup/${token}`, {
      displayName: 'Ada',
      email: 'ada@uni.example',
      password: 'short',
    });
    expect(weak.status).toBe(422);
    expect(client.lastHtml).toContain('Use at least 12 characters.');
    const ok = await client.post(`/setup/${token}`, {
      displayName: 'Ada',
      email: 'ada@uni.example',
      password: 'a long passphrase',
    });
    expect(ok.status).toBe(200);
    const user = await t.deps.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', 'ada@uni.example')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const again = await client.post(`/setup/${token}`, {
      displayName: 'Eve',
      email: 'eve@uni.example',
      password: 'a long passphrase',
    });
    expect(again.status).toBe(404);
    expect(await issueFirstAdminToken(t.deps.db)).toBeUndefined();
  });
});

describe('staff sign-in', () => {
  it('signs in, keeps the session in the database and signs out for good', async () => {
    const user = await createStaff(t.deps, await defaultTeamId(t.deps), ['confidential_adviser']);
    const client = new TestClient(t.app);
    const res = await client.signIn(user.email, PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mp_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await client.get('/cases')).status).toBe(200);
    await client.post('/logout', {});
    const sessions = await t.deps.db
      .selectFrom('session')
      .select('user_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toHaveLength(0);
    expect((await client.get('/cases')).status).toBe(303);
  });

  it('throttles repeated wrong passwords, also refusing the right one while blocked', async () => {
    const user = await createStaff(t.deps, await defaultTeamId(t.deps), ['confidential_adviser']);
    const client = new TestClient(t.app, 'en');
    for (let i = 0; i < 5; i++)
      expect((await client.signIn(user.email, 'wrong password')).status).toBe(401);
    const blocked = await client.signIn(user.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(client.lastHtml).toContain('Too many failed attempts');
    const other = await createStaff(t.deps, await defaultTeamId(t.deps), ['confidential_adviser']);
    expect((await new TestClient(t.app).signIn(other.email, PASSWORD)).status).toBe(303);
  });

  it('answers a NUL character in the form like any wrong input, not with a server error (found by fuzzing)', async () => {
    const res = await new TestClient(t.app, 'en').signIn('\u0000', '\u0000');
    expect(res.status).toBe(422);
  });

  it('answers an unknown account like a wrong password', async () => {
    const client = new TestClient(t.app, 'en');
    expect((await client.signIn('nobody@uni.example', PASSWORD)).status).toBe(401);
    expect(client.lastHtml).toContain('The e-mail address or password is not correct.');
  });
});
