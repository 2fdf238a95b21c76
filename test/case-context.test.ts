import { beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { createApp } from '../src/server/app.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

// Issue 17, decision 034: one case loader. The need-to-know step loads the case once and hands
// the route its case context; the page does not load the case again. The proof counts, per
// request, the SQL that reads a case's wrapped data key (every load of a case reads it) and the
// SQL that reads its conflict declarations (every check of the access facts reads them).
const t = useTestApp();
const seen: string[] = [];
let counted: ReturnType<typeof createApp>;

beforeAll(() => {
  const executor = t.deps.db.getExecutor();
  const spy: KyselyPlugin = {
    transformQuery(args) {
      seen.push(executor.compileQuery(args.node, args.queryId).sql);
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  counted = createApp({ ...t.deps, db: t.deps.db.withPlugin(spy) });
});

async function signedIn(roles: Parameters<typeof createStaff>[2]) {
  const staff = await createStaff(t.deps, t.teamId, roles);
  const client = new TestClient(counted, 'en');
  expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
  return { ...staff, client };
}

/** The SQL one request ran. */
async function queriesOf(run: () => Promise<{ status: number }>, status: number) {
  seen.length = 0;
  expect((await run()).status).toBe(status);
  return {
    keyReads: seen.filter((q) => q.includes('"wrapped_key"')).length,
    conflictReads: seen.filter((q) => /from "case_conflict"/.test(q)).length,
  };
}

describe('one case loader', () => {
  it('GET /cases/:id loads the case once (it loaded it three times before)', async () => {
    const { id } = await seedCase(t.deps, t.teamId);
    const { client } = await signedIn(['safety_coordinator']);
    const page = await queriesOf(() => client.get(`/cases/${id}`), 200);
    expect(page).toEqual({ keyReads: 1, conflictReads: 1 });
  });

  it('a feature page on the case takes the same context: one load for the risk page and the staff messages', async () => {
    const { id } = await seedCase(t.deps, t.teamId);
    const { client } = await signedIn(['safety_coordinator']);
    expect(await queriesOf(() => client.get(`/cases/${id}/risk`), 200)).toEqual({
      keyReads: 1,
      conflictReads: 1,
    });
    expect(await queriesOf(() => client.get(`/cases/${id}/messages`), 200)).toEqual({
      keyReads: 1,
      conflictReads: 1,
    });
  });

  it('a conflicted coordinator is refused after one load, and the refusal is audited once', async () => {
    const { id } = await seedCase(t.deps, t.teamId);
    const coordinator = await signedIn(['safety_coordinator']);
    await t.deps.db
      .insertInto('case_conflict')
      .values({ case_id: id, user_id: coordinator.id })
      .execute();
    const refused = await queriesOf(() => coordinator.client.get(`/cases/${id}`), 403);
    expect(refused.conflictReads).toBe(1);
    const audits = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_ACCESS_REFUSED')
      .where('actor_user_id', '=', coordinator.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ route: 'GET /cases/:id', conflict: true });
  });
});
