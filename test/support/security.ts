import { expect } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/http/env.js';
import { TestClient } from './http-client.js';
import { createStaff, PASSWORD } from './factories.js';
import type { Deps } from '../../src/server/bootstrap.js';
import type { Role } from '../../src/domain/roles.js';

/** Helpers of the issue-6 tests: a report through the public form, and signed-in staff. */
export async function submitReport(app: Hono<AppEnv>, overrides: Record<string, string> = {}) {
  const reporter = new TestClient(app);
  await reporter.get('/melden');
  const res = await reporter.post('/melden', {
    team: 'students',
    idempotencyKey: reporter.inputValue('idempotencyKey'),
    category: 'sexual_violence',
    subtype: 'physical',
    narrative: 'Een verhaal zonder bijzonderheden.',
    location: 'campus',
    reporterRole: 'student',
    accusedRole: 'staff',
    goal: 'advice',
    anonymous: 'yes',
    ...overrides,
  });
  expect(res.status).toBe(200);
  return {
    reference: /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)?.[1] ?? '',
    receipt: /data-testid="receipt">([^<]+)</.exec(reporter.lastHtml)?.[1],
  };
}

export async function caseIdOf(deps: Deps, reference: string): Promise<string> {
  const row = await deps.db
    .selectFrom('case')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function signedIn(
  app: Hono<AppEnv>,
  deps: Deps,
  teamId: string,
  roles: Role[],
  name?: string,
) {
  const user = await createStaff(deps, teamId, roles, name);
  const client = new TestClient(app);
  const res = await client.signIn(user.email, PASSWORD);
  expect(res.status).toBe(303);
  return { ...user, client };
}
