import { expect } from 'vitest';
import type { createApp } from '../../src/server/app.js';
import type { Role } from '../../src/domain/roles.js';
import { createStaff, defaultTeamId, PASSWORD } from './factories.js';
import { TestClient } from './http-client.js';
import type { createTestDeps } from './test-deps.js';

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
type App = ReturnType<typeof createApp>;

/** A named stalking report through the public form; returns the case id. */
export async function reportStalking(
  deps: Deps,
  app: App,
  extra: Record<string, string> = {},
): Promise<string> {
  const reporter = new TestClient(app);
  await reporter.get('/melden');
  const res = await reporter.post('/melden', {
    team: 'students',
    idempotencyKey: reporter.inputValue('idempotencyKey'),
    category: 'stalking',
    narrative:
      'Een oud-collega wacht mij al weken op bij het station en stuurt dreigende berichten.',
    location: 'off_campus',
    reporterRole: 'staff',
    accusedRole: 'external',
    accusedName: 'Karel Pietersen',
    goal: 'action',
    anonymous: 'no',
    name: 'Sanne Visser',
    contact: 'sanne.visser@example.test',
    ...extra,
  });
  expect(res.status).toBe(200);
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)?.[1] ?? '';
  const row = await deps.db
    .selectFrom('case')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A signed-in staff client with the given roles in the default team. */
export async function signedInStaff(deps: Deps, app: App, roles: Role[], name = 'Staff Member') {
  const teamId = await defaultTeamId(deps);
  const staff = await createStaff(deps, teamId, roles, name);
  const client = new TestClient(app);
  await client.signIn(staff.email, PASSWORD);
  return { ...staff, client, teamId };
}

export async function auditTypes(deps: Deps, caseId: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('audit_event')
    .select('type')
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.type);
}
