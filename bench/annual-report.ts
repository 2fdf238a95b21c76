/**
 * The annual report over many cases: `npx tsx bench/annual-report.ts [CASES]` (default
 * 1,000,000). Uses the embedded PostgreSQL in a temporary directory, or DATABASE_URL when set (a scratch
 * database: it adds cases to the default team). Cases are spread over 2024 and 2025.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { readConfig } from '../src/server/config.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { findTeam } from '../src/server/teams/teams.service.js';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { setDefaultContext } from '../src/server/db/tenancy.js';

// The bench sets up and measures rows as the platform; the servers it starts stay fail-closed.
setDefaultContext('platform');

const total = Number(process.argv[2] ?? 1_000_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-bench-'));
const deps = await bootstrap(
  readConfig({ ...process.env, MELDPUNT_DATA_DIR: dataDir, MELDPUNT_LOG_LEVEL: 'silent' }),
);
try {
  const team = (await findTeam(deps.db))!;
  let started = Date.now();
  for (let offset = 0; offset < total; offset += 100_000) {
    const n = Math.min(100_000, total - offset);
    await sql`
      INSERT INTO "case" (team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender,
        org_unit_key, category, accused_role, follow_up)
      SELECT ${team.id}, 'B' || (${offset} + g), 'import', DATE '2024-01-01' + (g % 730),
        (ARRAY['web_form','appointment','in_person','online_meeting','email','phone'])[1 + g % 6],
        (ARRAY['self','staff_member','citizen'])[1 + g % 3],
        (ARRAY['student','phd','staff','external','unknown'])[1 + g % 5],
        (ARRAY['female','male','non_binary','not_stated'])[1 + g % 4],
        (ARRAY['LAW','SBE','FSE',NULL])[1 + g % 4],
        (ARRAY['sexual_violence','bullying','other','stalking'])[1 + g % 4],
        (ARRAY['student','staff','external','unknown'])[1 + g % 4],
        (ARRAY['advice','referral',NULL])[1 + g % 3]
      FROM generate_series(1, ${n}) g
    `.execute(deps.db);
  }
  await sql`ANALYZE "case"`.execute(deps.db);
  console.log(`inserted ${total} cases in ${Date.now() - started} ms (${deps.kind})`);
  for (let i = 0; i < 3; i++) {
    started = Date.now();
    const report = await getAnnualReport(deps.db, { year: 2025, lang: 'nl', format: 'bench' });
    console.log(
      `annual report 2025: total ${report.total}, previous ${report.previousTotal}, ${Date.now() - started} ms`,
    );
  }
} finally {
  await deps.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
