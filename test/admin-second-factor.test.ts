import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { enrolAtSignIn, postFields, signInWithCode } from './support/two-factor.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

/** Issue 15, finding 2: administrators and role grants under enforced two-factor sign-in (decision 024). */
describe('administrators and case roles under enforced two-factor sign-in', () => {
  it('an administrator must enrol, cannot grant themselves a case role, and a granted role asks the second factor again', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
    const admin = await createStaff(t.deps, t.teamId, ['administrator']);
    const client = new TestClient(t.app);
    // A password alone does not let an administrator in.
    expect((await client.signIn(admin.email, PASSWORD)).headers.get('location')).toBe(
      '/login/two-factor/enrol',
    );
    expect((await client.get(`/admin/teams/${t.teamId}/users`)).headers.get('location')).toBe(
      '/login',
    );
    const secret = await enrolAtSignIn(client);

    // Giving oneself a case role is refused, and nothing changes.
    const userPage = `/admin/teams/${t.teamId}/users/${admin.id}`;
    expect((await client.get(userPage)).status).toBe(200);
    const self = await postFields(client, `${userPage}/roles`, [
      ['roles', 'administrator'],
      ['roles', 'safety_coordinator'],
    ]);
    expect(self.status).toBe(403);
    const roles = await t.deps.db
      .selectFrom('team_membership')
      .select('role')
      .where('user_id', '=', admin.id)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['administrator']);

    // Another administrator grants it (audited); the grantee's session ends and the next
    // sign-in asks the second factor before any case is opened.
    const other = await createStaff(t.deps, t.teamId, ['administrator']);
    const otherClient = new TestClient(t.app);
    await otherClient.signIn(other.email, PASSWORD);
    await enrolAtSignIn(otherClient);
    await otherClient.get(userPage);
    expect(
      (
        await postFields(otherClient, `${userPage}/roles`, [
          ['roles', 'administrator'],
          ['roles', 'safety_coordinator'],
        ])
      ).status,
    ).toBe(303);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'detail'])
      .where('type', '=', 'USER_ROLES_CHANGED')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(other.id);
    expect((await client.get('/cases')).headers.get('location')).toBe('/login');
    const again = await signInWithCode(t.app, admin.email, secret);
    expect((await again.get('/cases')).status).toBe(200);
  });

  it('someone without a second factor who is given a case role must enrol first', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const client = new TestClient(t.app);
    expect((await client.signIn(officer.email, PASSWORD)).headers.get('location')).toBe(
      '/team/activities',
    );
    const admin = await createStaff(t.deps, t.teamId, ['administrator']);
    const adminClient = new TestClient(t.app);
    await adminClient.signIn(admin.email, PASSWORD);
    await enrolAtSignIn(adminClient);
    const page = `/admin/teams/${t.teamId}/users/${officer.id}`;
    await adminClient.get(page);
    expect(
      (
        await postFields(adminClient, `${page}/roles`, [
          ['roles', 'support_officer'],
          ['roles', 'confidential_adviser'],
        ])
      ).status,
    ).toBe(303);
    // The open password-only session no longer works; signing in again leads to enrolment.
    expect((await client.get('/cases')).headers.get('location')).toBe('/login');
    const next = new TestClient(t.app);
    expect((await next.signIn(officer.email, PASSWORD)).headers.get('location')).toBe(
      '/login/two-factor/enrol',
    );
  });

  it('switching the requirement on ends the password-only sessions of case roles and other administrators', async () => {
    await t.deps.db.updateTable('institution').set({ require_two_factor: false }).execute();
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const [adviserClient, officerClient] = [new TestClient(t.app), new TestClient(t.app)];
    await adviserClient.signIn(adviser.email, PASSWORD);
    await officerClient.signIn(officer.email, PASSWORD);
    expect((await adviserClient.get('/cases')).status).toBe(200);
    const admin = await createStaff(t.deps, t.teamId, ['administrator']);
    const adminClient = new TestClient(t.app);
    await adminClient.signIn(admin.email, PASSWORD);
    await adminClient.get('/admin/security');
    expect((await adminClient.submit('/admin/security', { requireTwoFactor: 'yes' })).status).toBe(
      200,
    );
    expect((await adviserClient.get('/cases')).headers.get('location')).toBe('/login');
    expect((await officerClient.get('/team/activities')).status).toBe(200); // a role the requirement does not cover
  });
});
