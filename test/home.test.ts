import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/domain/roles.js';
import { ACCESS_TABLE } from '../src/server/access/access.table.js';
import { isAllowed } from '../src/server/access/access.policy.js';
import { menuFor } from '../src/server/home/home.menu.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

/** Where each role should land, written out here rather than taken from home.menu.ts. */
const EXPECTED_HOME: Record<Role, string> = {
  confidential_adviser: '/cases',
  safety_coordinator: '/cases',
  ombudsperson: '/start',
  support_officer: '/team/activities',
  expert_team_member: '/consultations',
  board: '/statistics',
  partner_service: '/partner-counts',
  administrator: '/admin',
};

describe('every role lands on its own work (issue 19)', () => {
  it('signs each role in to its own page, which answers 200, and /cases sends a role without an inbox there too', async () => {
    for (const role of ROLES) {
      const user = await createStaff(t.deps, t.teamId, [role]);
      const client = new TestClient(t.app);
      const res = await client.signIn(user.email, PASSWORD);
      expect(res.headers.get('location'), role).toBe(EXPECTED_HOME[role]);
      const home = await client.get(EXPECTED_HOME[role]);
      expect(home.status, `${role} ${EXPECTED_HOME[role]}`).toBe(200);
      const html = await home.text();
      expect(html, role).not.toContain('geen toegang');
      const inbox = await client.get('/cases');
      if (EXPECTED_HOME[role] === '/cases') expect(inbox.status).toBe(200);
      else
        expect([inbox.status, inbox.headers.get('location')], role).toEqual([
          303,
          EXPECTED_HOME[role],
        ]);
    }
  });

  it('offers in each role’s menu only pages the access table lets that role open, and every one of them opens', async () => {
    for (const role of ROLES) {
      const user = await createStaff(t.deps, t.teamId, [role]);
      const memberships = [{ teamId: t.teamId, teamKey: '', role }];
      const client = new TestClient(t.app);
      await client.signIn(user.email, PASSWORD);
      for (const item of menuFor(memberships)) {
        const entry = ACCESS_TABLE.find((r) => r.method === 'GET' && r.path === item.path);
        expect(entry, item.path).toBeDefined();
        expect(
          isAllowed(entry!.rule, { id: user.id, memberships }, undefined, t.teamId),
          `${role} ${item.path}`,
        ).toBe(true);
        const res = await client.get(item.path);
        expect([200, 303], `${role} ${item.path}`).toContain(res.status);
        if (res.status === 303)
          expect(res.headers.get('location'), `${role} ${item.path}`).not.toBe('/login');
      }
    }
  });

  it('shows the ombudsperson a start page that says what they may see, and links in the menu', async () => {
    const user = await createStaff(t.deps, t.teamId, ['ombudsperson']);
    const client = new TestClient(t.app);
    await client.signIn(user.email, PASSWORD);
    const html = await (await client.get('/start')).text();
    expect(html).toContain('Als ombudsfunctionaris');
    expect(html).toContain('href="/account/security"');
    expect(html).not.toContain('href="/cases"');
  });
});
