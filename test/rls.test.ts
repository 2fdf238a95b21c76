import { describe, expect, it, beforeAll } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import {
  APP_ROLE,
  PLATFORM_TABLES,
  withInstitution,
  asPlatform,
} from '../src/server/db/tenancy.js';
import { loadDemoData } from '../src/server/demo/demo.service.js';
import { recordAudit, verifyAuditChain } from '../src/server/audit/audit.service.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Row-level security between institutions (issue 22, decision 036): tested with the
 * application's own checks bypassed — raw SQL as the application's database role.
 */
const t = useTestApp();

let instA: string;
let instB: string;
let teamB: string;
let protectedTables: string[];

/** The column naming a row's institution: the institution's own id for the institution table. */
const own = (table: string) => (table === 'institution' ? 'id' : 'institution_id');

/** A connection as the application role, under `institution` (or none). */
async function asApp(institution: string | null) {
  const client = new pg.Client({ connectionString: t.deps.config.databaseUrl! });
  await client.connect();
  await client.query(`SET ROLE ${APP_ROLE}`);
  if (institution)
    await client.query(`SELECT set_config('meldpunt.institution', $1, false)`, [institution]);
  return client;
}

async function countOf(client: pg.Client, table: string, where = 'true', params: unknown[] = []) {
  const r = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`,
    params,
  );
  return r.rows[0]!.n;
}

beforeAll(async () => {
  // Institution A: the installation's own, filled by the demo and a report through the form.
  instA = (await t.deps.db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
  await loadDemoData(t.deps.db, t.deps.keyring);
  const caseId = await caseIdOf(t.deps, (await submitReport(t.app)).reference);
  const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
  await adviser.client.get(`/cases/${caseId}`);
  // Institution B, with a team and an audit event of its own.
  instB = (
    await t.deps.db
      .insertInto('institution')
      .values({ key: 'uni-b', name: 'Universiteit B' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  teamB = await withInstitution(instB, () =>
    t.deps.db.transaction().execute(async (trx) => {
      const team = await trx
        .insertInto('team')
        .values({ institution_id: instB, key: 'b-team', name_nl: 'Team B', name_en: 'Team B' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { type: 'TEAM_CREATED', actor: { kind: 'system' }, teamId: team.id });
      return team.id;
    }),
  );
  const rows = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity
    ORDER BY 1`.execute(t.deps.db);
  protectedTables = rows.rows.map((r) => r.name);
});

describe('row-level security per institution', () => {
  it('protects every table of the schema, or lists it as a platform table', async () => {
    const tables = await sql<{
      name: string;
      rls: boolean;
      forced: boolean;
      policies: string[];
      has_column: boolean;
    }>`
      SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
        coalesce((SELECT array_agg(p.polname::text ORDER BY p.polname) FROM pg_policy p
                  WHERE p.polrelid = c.oid), '{}') AS policies,
        EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                AND a.attname = 'institution_id' AND NOT a.attisdropped) AS has_column
      FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY 1`.execute(t.deps.db);
    const platform = new Set<string>(PLATFORM_TABLES);
    const unprotected = tables.rows
      .filter((r) => !platform.has(r.name))
      .filter(
        (r) =>
          !(
            r.rls &&
            r.forced &&
            (r.has_column || r.name === 'institution') &&
            r.policies.includes('institution_isolation') &&
            r.policies.includes('platform_context')
          ),
      )
      .map((r) => r.name);
    expect(unprotected, 'tables with neither a policy nor a place on PLATFORM_TABLES').toEqual([]);
    // Every policy says the same thing, on reading and on writing.
    const policies = await sql<{ tbl: string; name: string; qual: string; check: string }>`
      SELECT c.relname AS tbl, p.polname AS name, pg_get_expr(p.polqual, p.polrelid) AS qual,
        pg_get_expr(p.polwithcheck, p.polrelid) AS check
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid ORDER BY 1, 2`.execute(t.deps.db);
    for (const p of policies.rows) {
      const expected =
        p.name === 'institution_isolation'
          ? `(${own(p.tbl)} = meldpunt_institution())`
          : "((meldpunt_institution() IS NULL) AND (CURRENT_USER <> 'meldpunt_app'::name))";
      expect([p.tbl, p.name, p.qual, p.check]).toEqual([p.tbl, p.name, expected, expected]);
    }
    expect(policies.rows).toHaveLength(2 * protectedTables.length);
    // The platform list names real tables only, and none of them has RLS half-done.
    const names = new Set(tables.rows.map((r) => r.name));
    expect(PLATFORM_TABLES.filter((n) => !names.has(n))).toEqual([]);
    expect(protectedTables.length).toBeGreaterThan(60);
  });

  it('the application role without an institution sees nothing and can write nothing', async () => {
    const client = await asApp(null);
    try {
      for (const table of protectedTables)
        expect([table, await countOf(client, table)]).toEqual([table, 0]);
      await expect(
        client.query(
          `INSERT INTO team (institution_id, key, name_nl, name_en) VALUES ($1, 'x', 'x', 'x')`,
          [instA],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
  });

  it('RLS alone: under institution B, raw SQL returns nothing of A from any table, and changes nothing of A', async () => {
    // The platform context sees A's rows: these are what B must not see.
    const withA: string[] = [];
    for (const table of protectedTables) {
      const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}
        WHERE ${sql.ref(own(table))} = ${instA}`.execute(t.deps.db);
      if (n.rows[0]!.n > 0) withA.push(table);
    }
    // Not vacuous: the demo and the report filled the tables that matter most. The other tables
    // carry the same policy, word for word (the first test reads it from the catalogue).
    expect(withA).toEqual(
      expect.arrayContaining([
        'case',
        'case_key',
        'case_party',
        'audit_event',
        'team',
        'team_membership',
        'institution',
        'app_user',
        'session',
      ]),
    );
    // A case of A with its parties, whose status B will try to change.
    const aCase = await sql<{ id: string; status: string; n: number }>`
      SELECT c.id, c.status, count(p.id)::int AS n FROM "case" c JOIN case_party p ON p.case_id = c.id
      WHERE c.institution_id = ${instA} AND c.status <> 'closed'
      GROUP BY c.id ORDER BY n DESC LIMIT 1`.execute(t.deps.db);
    const { id: aCaseId, status: aStatus, n: aParties } = aCase.rows[0]!;
    expect(aParties).toBeGreaterThan(0);
    const b = await asApp(instB);
    try {
      for (const table of protectedTables) {
        expect([table, await countOf(b, table, `${own(table)} = $1`, [instA])]).toEqual([table, 0]);
        // Without any where at all, only B's own rows.
        expect([
          table,
          await countOf(b, table, `${own(table)} IS DISTINCT FROM $1`, [instB]),
        ]).toEqual([table, 0]);
      }
      expect(await countOf(b, 'team')).toBe(1);
      // Changes to A's rows touch nothing.
      expect(
        (await b.query(`UPDATE "case" SET status = 'closed' WHERE id = $1`, [aCaseId])).rowCount,
      ).toBe(0);
      expect(
        (await b.query(`DELETE FROM case_message WHERE case_id = $1`, [aCaseId])).rowCount,
      ).toBe(0);
      expect((await b.query(`DELETE FROM audit_event`)).rowCount).toBe(1); // B's own event only
      // A row labelled A is refused; a row of B hung on A's case is refused too.
      await expect(
        b.query(
          `INSERT INTO team (institution_id, key, name_nl, name_en) VALUES ($1, 'forged', 'x', 'x')`,
          [instA],
        ),
      ).rejects.toThrow(/row-level security/);
      const someone = (
        await t.deps.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow()
      ).id;
      await expect(
        b.query(`INSERT INTO case_conflict (case_id, user_id) VALUES ($1, $2)`, [aCaseId, someone]),
      ).rejects.toThrow(/another institution/);
      await expect(
        b.query(
          `INSERT INTO case_conflict (case_id, user_id, institution_id) VALUES ($1, $2, $3)`,
          [aCaseId, someone, instA],
        ),
      ).rejects.toThrow(/row-level security|another institution/);
    } finally {
      await b.end();
    }
    // A's data is untouched.
    const after = await t.deps.db
      .selectFrom('case')
      .select('status')
      .where('id', '=', aCaseId)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe(aStatus);
    expect(
      await t.deps.db
        .selectFrom('case_party')
        .select('id')
        .where('case_id', '=', aCaseId)
        .execute(),
    ).toHaveLength(aParties);
  });

  it("the application's own Db under B's context reads none of A, under A's reads A's", async () => {
    const aCases = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('institution_id', '=', instA)
      .execute();
    expect(aCases.length).toBeGreaterThan(100);
    const underB = await withInstitution(instB, () =>
      t.deps.db.selectFrom('case').select('id').execute(),
    );
    expect(underB).toEqual([]);
    const teamsUnderB = await withInstitution(instB, () =>
      t.deps.db.selectFrom('team').select('id').execute(),
    );
    expect(teamsUnderB.map((r) => r.id)).toEqual([teamB]);
    const underA = await withInstitution(instA, () =>
      t.deps.db.selectFrom('case').select('id').execute(),
    );
    expect(underA.length).toBe(aCases.length);
    // The role really is switched, and switched back outside the context.
    const who = await withInstitution(instB, () =>
      sql<{
        u: string;
        i: string;
      }>`SELECT current_user AS u, current_setting('meldpunt.institution') AS i`.execute(t.deps.db),
    );
    expect(who.rows[0]).toEqual({ u: APP_ROLE, i: instB });
    const platform = await asPlatform(() =>
      sql<{ u: string }>`SELECT current_user AS u`.execute(t.deps.db),
    );
    expect(platform.rows[0]!.u).not.toBe(APP_ROLE);
    // Inside a transaction the context holds for every statement.
    const inTrx = await withInstitution(instB, () =>
      t.deps.db.transaction().execute(async (trx) => {
        const c = await trx.selectFrom('case').select('id').execute();
        const u = await sql<{ u: string }>`SELECT current_user AS u`.execute(trx);
        return { cases: c.length, user: u.rows[0]!.u };
      }),
    );
    expect(inTrx).toEqual({ cases: 0, user: APP_ROLE });
  });
});

describe('the audit chain per institution', () => {
  it("holding A's chain lock does not hold up B's audit write, but does hold up A's", async () => {
    const holder = new pg.Client({ connectionString: t.deps.config.databaseUrl! });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(7012027, hashtext($1))`, [instA]);
      const started = Date.now();
      await withInstitution(instB, () =>
        t.deps.db
          .transaction()
          .execute((trx) =>
            recordAudit(trx, { type: 'TEAM_UPDATED', actor: { kind: 'system' }, teamId: teamB }),
          ),
      );
      expect(Date.now() - started).toBeLessThan(2000);
      // A's writer waits for the lock: with a lock timeout it gives up.
      await expect(
        withInstitution(instA, () =>
          t.deps.db.transaction().execute(async (trx) => {
            await sql`SET LOCAL lock_timeout = '300ms'`.execute(trx);
            await recordAudit(trx, {
              type: 'TEAM_UPDATED',
              actor: { kind: 'system' },
              teamId: t.teamId,
            });
          }),
        ),
      ).rejects.toThrow(/lock timeout/);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('chains each institution from its own genesis, verifies all, and finds a tampered event in one', async () => {
    await withInstitution(instB, () =>
      t.deps.db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, { type: 'TEAM_UPDATED', actor: { kind: 'system' }, teamId: teamB }),
        ),
    );
    const bEvents = await t.deps.db
      .selectFrom('audit_event')
      .select(['id', 'prev_hash', 'hash'])
      .where('institution_id', '=', instB)
      .orderBy('id')
      .execute();
    expect(bEvents.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < bEvents.length; i++)
      expect(bEvents[i]!.prev_hash).toEqual(bEvents[i - 1]!.hash);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
    // Under B's context the verification walks B's chain only.
    const bOnly = await withInstitution(instB, () => verifyAuditChain(t.deps.db));
    expect(bOnly).toEqual({ ok: true, checked: bEvents.length });

    const target = bEvents.at(-1)!;
    await sql`UPDATE audit_event SET detail = '{"forged":true}' WHERE id = ${target.id}`.execute(
      t.deps.db,
    );
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: false, brokenAt: target.id });
    expect(await withInstitution(instB, () => verifyAuditChain(t.deps.db))).toMatchObject({
      ok: false,
      brokenAt: target.id,
    });
    // A's chain, on its own, is intact.
    expect(await withInstitution(instA, () => verifyAuditChain(t.deps.db))).toMatchObject({
      ok: true,
    });
  });
});
