import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ env: { MELDPUNT_BASE_URL: 'https://meldpunt.example' } });

/** Issue 15, finding 12 (decision 024): over https the session and CSRF cookies carry the `__Host-` prefix. */
describe('cookies over https', () => {
  it('names the CSRF and session cookies __Host- (Secure, Path=/, no Domain) and reads only those', async () => {
    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const client = new TestClient(t.app);
    const page = await client.get('/login');
    const csrf = page.headers.getSetCookie().find((c) => c.startsWith('__Host-mp_csrf='));
    expect(csrf).toMatch(/; Path=\//);
    expect(csrf).toMatch(/; Secure/);
    expect(csrf).not.toMatch(/Domain=/i);
    const res = await client.post('/login', { email: officer.email, password: PASSWORD });
    expect(res.status).toBe(303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('__Host-mp_session='))!;
    expect(session).toMatch(/; Secure/);
    expect((await client.get('/team/activities')).status).toBe(200); // a support officer's own work (issue 19)

    // A cookie without the prefix (as a sibling subdomain could set one) is not a session.
    const token = /^__Host-mp_session=([^;]+)/.exec(session)![1]!;
    const planted = await t.app.request('/team/activities', {
      headers: { cookie: `mp_session=${token}` },
    });
    expect(planted.headers.get('location')).toBe('/login');
  });
});
