import { describe, expect, it } from 'vitest';
import { budgetKey, consumeRateBudget, intakeBudget } from '../src/server/http/rate-limit.js';
import { TestClient } from './support/http-client.js';
import { useTestApp } from './support/use-test-app.js';

const INTAKE_BUDGET = intakeBudget(20);

const t = useTestApp({ env: { MELDPUNT_INTAKE_PER_MINUTE: String(INTAKE_BUDGET.perWindow) } });

describe('the global budget for anonymous actions', () => {
  it('allows perWindow actions per window, refuses the next, and opens again in the next window', async () => {
    const budget = { perWindow: 3, windowSeconds: 60 };
    const now = new Date('2026-05-01T10:00:05Z');
    for (let i = 0; i < 3; i++) await consumeRateBudget(t.deps.db, 'test', budget, now);
    await expect(consumeRateBudget(t.deps.db, 'test', budget, now)).rejects.toMatchObject({ code: 'THROTTLED' });
    await expect(consumeRateBudget(t.deps.db, 'test', budget, new Date('2026-05-01T10:01:01Z'))).resolves.toBeUndefined();
  });

  it('answers 429 to a submission once the intake budget is spent, and stores nothing', async () => {
    const reporter = new TestClient(t.app);
    await reporter.get('/melden');
    // Spend this window's and the next window's budget (the request may cross a minute boundary).
    const now = Date.now();
    for (const at of [now, now + INTAKE_BUDGET.windowSeconds * 1000]) {
      await t.deps.db.insertInto('throttle').values({ key: budgetKey('intake', INTAKE_BUDGET, new Date(at)), failures: INTAKE_BUDGET.perWindow, window_started_at: new Date(at) }).execute();
    }
    const before = await t.deps.db.selectFrom('case').select('id').execute();
    const res = await reporter.post('/melden', {
      team: 'students', idempotencyKey: reporter.inputValue('idempotencyKey'), category: 'bullying', narrative: 'Overstroming',
      location: 'campus', reporterRole: 'student', accusedRole: 'student', goal: 'advice', anonymous: 'yes',
    });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('Te veel pogingen');
    expect(await t.deps.db.selectFrom('case').select('id').execute()).toHaveLength(before.length);
  });
});
