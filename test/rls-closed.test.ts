import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { sql } from 'kysely';
import {
  APP_ROLE,
  asPlatform,
  setDefaultContext,
  withInstitution,
} from '../src/server/db/tenancy.js';
import { createUser } from '../src/server/users/users.service.js';
import { createSession } from '../src/server/auth/auth.service.js';
import {
  forgetInstitutions,
  INSTITUTION_CACHE_MS,
  institutionByHost,
} from '../src/server/tenancy/tenancy.js';
import { TestClient } from './support/http-client.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Row-level security fails closed (issue 22, decision 036): with the default the server and the
 * CLI run with, a query through the application's own Db outside withInstitution/asPlatform sees
 * and writes nothing of a protected table, while every request runs in an explicit context and
 * works. Also the accounts: an institution sees only its own, the platform operator's only the
 * platform context does.
 */
const t = useTestApp();

let instA: string;
let instB: string;
let caseId: string;
let protectedTables: string[];
let adviser: Awaited<ReturnType<typeof signedIn>>;
let ofB: { id: string; email: string };
let operatorId: string;
const operatorEmail = `operator-${Date.now()}@platform.test`;

beforeAll(async () => {
  instA = (await t.deps.db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
  caseId = await caseIdOf(t.deps, (await submitReport(t.app)).reference);
  adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
  expect((await adviser.client.get(`/cases/${caseId}`)).status).toBe(200);
  operatorId = await t.deps.db.transaction().execute((trx) =>
    createUser(
      trx,
      {
        email: operatorEmail,
        displayName: 'Operator',
        password: PASSWORD,
        memberships: [],
        platformOperator: true,
      },
      { kind: 'system' },
    ),
  );
  const rows = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity
    ORDER BY 1`.execute(t.deps.db);
  protectedTables = rows.rows.map((r) => r.name);
});

afterEach(() => setDefaultContext('platform'));

describe('outside any context (the default of the server and the CLI)', () => {
  it('the application role with no institution: nothing of any protected table, no insert', async () => {
    setDefaultContext('closed');
    const who = await sql<{ u: string }>`SELECT current_user AS u`.execute(t.deps.db);
    expect(who.rows[0]!.u).toBe(APP_ROLE);
    // Not vacuous: the accounts, the institution, the team and the case are there.
    for (const table of ['app_user', 'session', 'institution', 'team', 'case', 'audit_event']) {
      const seen = await asPlatform(() =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db),
      );
      expect([table, seen.rows[0]!.n > 0]).toEqual([table, true]);
    }
    expect(protectedTables).toEqual(
      expect.arrayContaining(['institution', 'app_user', 'session', 'user_totp', 'case']),
    );
    for (const table of protectedTables) {
      const n = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.deps.db);
      expect([table, n.rows[0]!.n]).toEqual([table, 0]);
    }
    expect(await t.deps.db.selectFrom('case').select('id').execute()).toEqual([]);
    await expect(
      t.deps.db
        .insertInto('team')
        .values({ institution_id: instA, key: 'closed', name_nl: 'x', name_en: 'x' })
        .execute(),
    ).rejects.toThrow(/row-level security/);
    await expect(
      t.deps.db
        .insertInto('app_user')
        .values({ institution_id: instA, email: 'closed@example.test', display_name: 'x' })
        .execute(),
    ).rejects.toThrow(/row-level security/);
    expect(
      Number(
        (await t.deps.db.deleteFrom('case').where('id', '=', caseId).executeTakeFirst())
          .numDeletedRows,
      ),
    ).toBe(0);
    expect(await asPlatform(() => t.deps.db.selectFrom('case').select('id').execute())).not.toEqual(
      [],
    );
  });

  it('every request runs in an explicit context and works; a handler that forgets it sees nothing', async () => {
    setDefaultContext('closed');
    const reporter = new TestClient(t.app);
    expect((await reporter.get('/melden')).status).toBe(200);
    expect((await adviser.client.get(`/cases/${caseId}`)).status).toBe(200);
    expect((await adviser.client.get('/cases')).status).toBe(200);
    expect(adviser.client.lastHtml).toContain((await asPlatform(() => referenceOf(caseId)))!);
    expect((await t.app.request('/health')).status).toBe(200);
    const fresh = await asPlatform(() => createStaff(t.deps, t.teamId, ['confidential_adviser']));
    const client = new TestClient(t.app);
    expect((await client.signIn(fresh.email, PASSWORD)).status).toBe(303);
    // The same query in a handler mounted outside the application's context middleware.
    const bare = new Hono();
    bare.get('/cases', async (c) =>
      c.json(await t.deps.db.selectFrom('case').select('id').execute()),
    );
    expect(await (await bare.request('/cases')).json()).toEqual([]);
  });

  it('the platform operator signs in on the single site (one institution) and works in the platform context', async () => {
    setDefaultContext('closed');
    const operator = new TestClient(t.app);
    const landed = await operator.signIn(operatorEmail, PASSWORD);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('/platform');
    expect((await operator.get('/platform')).status).toBe(200);
    // their own page: signed in (a visitor is sent to /login), their rows visible
    expect((await operator.get('/account/security')).status).toBe(200);
  });
});

async function referenceOf(id: string) {
  return (
    await t.deps.db.selectFrom('case').select('reference').where('id', '=', id).executeTakeFirst()
  )?.reference;
}

describe('the accounts under row-level security', () => {
  beforeAll(async () => {
    instB = (
      await t.deps.db
        .insertInto('institution')
        .values({ key: 'uni-b-closed', name: 'Universiteit B' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const teamB = (
      await t.deps.db
        .insertInto('team')
        .values({ institution_id: instB, key: 'b-closed', name_nl: 'B', name_en: 'B' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ofB = await createStaff(t.deps, teamB, ['confidential_adviser']);
    await t.deps.db.transaction().execute((trx) => createSession(trx, ofB.id, 'complete'));
    await t.deps.db.transaction().execute((trx) => createSession(trx, operatorId, 'complete'));
  });

  it("an institution sees its own accounts and sessions, never another's or the platform operator's", async () => {
    const accounts = (inst: string) =>
      withInstitution(inst, () => t.deps.db.selectFrom('app_user').select('id').execute()).then(
        (r) => r.map((x) => x.id),
      );
    const underA = await accounts(instA);
    expect(underA).toContain(adviser.id);
    expect(underA).not.toContain(ofB.id);
    expect(underA).not.toContain(operatorId);
    expect(await accounts(instB)).toEqual([ofB.id]);
    const sessionsOf = (inst: string, user: string) =>
      withInstitution(inst, () =>
        t.deps.db.selectFrom('session').select('user_id').where('user_id', '=', user).execute(),
      );
    expect(await sessionsOf(instA, ofB.id)).toEqual([]);
    expect(await sessionsOf(instA, operatorId)).toEqual([]);
    expect(await sessionsOf(instB, ofB.id)).toHaveLength(1);
    // The platform context sees them all; the credential rows carry their account's institution.
    const all = await asPlatform(() =>
      t.deps.db
        .selectFrom('session')
        .select(['user_id', 'institution_id'])
        .where('user_id', 'in', [ofB.id, operatorId, adviser.id])
        .execute(),
    );
    expect(new Map(all.map((r) => [r.user_id, r.institution_id]))).toEqual(
      new Map([
        [ofB.id, instB],
        [operatorId, null],
        [adviser.id, instA],
      ]),
    );
    // A cannot give B's account (or the operator's) a session, whatever institution it names.
    for (const user of [ofB.id, operatorId])
      await expect(
        withInstitution(instA, () =>
          t.deps.db.transaction().execute((trx) => createSession(trx, user, 'complete')),
        ),
      ).rejects.toThrow(/row-level security/);
  });
});

describe('the institution lookup of every request', () => {
  it('is cached in-process, forgotten when this process changes an institution, and expires', async () => {
    const host = `cached-${Date.now()}.test`;
    const id = (
      await t.deps.db
        .insertInto('institution')
        .values({ key: `cached-${Date.now()}`, name: 'Cached', host })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await institutionByHost(t.deps.db, host))?.name).toBe('Cached');
    // A change behind this process's back (another process) is not seen yet …
    await t.deps.db
      .updateTable('institution')
      .set({ name: 'Renamed' })
      .where('id', '=', id)
      .execute();
    expect((await institutionByHost(t.deps.db, host))?.name).toBe('Cached');
    // … until the entry expires,
    vi.useFakeTimers({ now: Date.now() + INSTITUTION_CACHE_MS + 1, toFake: ['Date'] });
    try {
      expect((await institutionByHost(t.deps.db, host))?.name).toBe('Renamed');
    } finally {
      vi.useRealTimers();
    }
    // … or this process changes an institution itself.
    await t.deps.db
      .updateTable('institution')
      .set({ name: 'Again' })
      .where('id', '=', id)
      .execute();
    expect((await institutionByHost(t.deps.db, host))?.name).toBe('Renamed');
    forgetInstitutions();
    expect((await institutionByHost(t.deps.db, host))?.name).toBe('Again');
    // Read in the platform context: under the fail-closed default too.
    forgetInstitutions();
    setDefaultContext('closed');
    expect((await institutionByHost(t.deps.db, host))?.id).toBe(id);
  });
});
