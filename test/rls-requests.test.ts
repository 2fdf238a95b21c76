import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { runDueJobs } from '../src/server/jobs/scheduler.js';
import type { Job } from '../src/server/jobs/job.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Requests and jobs of an installation with one institution run as the application's database
 * role under that institution (decision 036): take a right away from that role only, and the
 * page that needs it fails while the login role still has it.
 */
const t = useTestApp();

describe('requests and jobs under the institution', () => {
  it('a request works as meldpunt_app: without its right to read the teams, the report form fails', async () => {
    expect((await t.app.request('/melden')).status).toBe(200);
    await sql`REVOKE SELECT ON team FROM meldpunt_app`.execute(t.deps.db);
    try {
      expect((await t.app.request('/melden')).status).toBe(500);
      // The login role (the platform context) still reads them.
      expect(await t.deps.db.selectFrom('team').select('id').execute()).not.toHaveLength(0);
    } finally {
      await sql`GRANT SELECT ON team TO meldpunt_app`.execute(t.deps.db);
    }
    expect((await t.app.request('/melden')).status).toBe(200);
  });

  it('a job runs once per institution, each time as meldpunt_app under that institution', async () => {
    const seen: { user: string; institution: string; teams: number }[] = [];
    const probe: Job = {
      name: `probe-${Date.now()}`,
      everyMinutes: 1,
      async run(deps) {
        const r = await sql<{ user: string; institution: string; teams: number }>`
          SELECT current_user AS user, current_setting('meldpunt.institution') AS institution,
            (SELECT count(*)::int FROM team) AS teams`.execute(deps.db);
        seen.push(r.rows[0]!);
      },
    };
    const a = (await t.deps.db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
    const b = (
      await t.deps.db
        .insertInto('institution')
        .values({ key: 'uni-job', name: 'Universiteit Job' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await runDueJobs(t.deps, new Date(), undefined, [probe])).toEqual([probe.name]);
    expect(seen).toEqual([
      { user: 'meldpunt_app', institution: a, teams: 1 },
      { user: 'meldpunt_app', institution: b, teams: 0 },
    ]);
  });
});
