import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './cli-workspace.js';

/** decision 040: `bin/meldpunt platform overview`, as the operator runs it, in the platform context. */
const ws = useCliWorkspace({ prefix: 'cli-overview' });
const meldpunt = (...args: string[]) => ws.run(args);

describe('bin/meldpunt platform overview', { timeout: 300_000 }, () => {
  it('prints the suppressed national figures as CSV, JSON and Markdown', async () => {
    expect((await meldpunt('migrate')).status).toBe(0);
    // Three institutions: 9, 8 and 6 reports of bullying in 2025; one of them also 2 of stalking.
    await ws.inspect(async (deps) => {
      for (const [key, bullying, stalking] of [
        ['x1', 9, 2],
        ['x2', 8, 0],
        ['x3', 6, 0],
      ] as const) {
        const inst = await deps.db
          .insertInto('institution')
          .values({ key, name: `Instelling ${key}`, host: `${key}.test` })
          .returning('id')
          .executeTakeFirstOrThrow();
        const team = await deps.db
          .insertInto('team')
          .values({ institution_id: inst.id, key, name_nl: key, name_en: key })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [category, n] of [
          ['bullying', bullying],
          ['stalking', stalking],
        ] as const)
          await sql`
            INSERT INTO "case" (team_id, reference, source, received_on, channel, via, reporter_role,
              reporter_gender, category, location, accused_role)
            SELECT ${team.id}, ${category} || g, 'import', DATE '2025-04-01', 'email', 'self', 'staff',
              'male', ${category}, 'online', 'staff'
            FROM generate_series(1, ${n}::int) g`.execute(deps.db);
      }
    });
    const csv = await meldpunt(
      'platform',
      'overview',
      '--year',
      '2025',
      '--format',
      'csv',
      '--lang',
      'en',
    );
    expect(csv.stderr).toBe('');
    expect(csv.status).toBe(0);
    // Institutions: 11, 8, 6 (the default institution 0): all at or above 5, total 25.
    expect(csv.stdout).toContain('institution,x1,Instelling x1,11\n');
    expect(csv.stdout).toContain('institution,total,Total,25\n');
    // National: bullying 23 from three institutions; stalking 2 from one, below 5: "< 5". Alone,
    // 25 − 23 would give 2, so bullying is hidden too: stalking 1..4, bullying 21..24.
    expect(csv.stdout).toContain('category,bullying,Bullying,×\n');
    expect(csv.stdout).toContain('category,stalking,Stalking,< 5\n');
    expect(csv.stdout).toContain('category,total,Total,25\n');
    // channel: email 25 from three institutions
    expect(csv.stdout).toContain('channel,email,E-mail,25\n');
    const json = await meldpunt('platform', 'overview', '--year', '2025', '--format', 'json');
    const parsed = JSON.parse(json.stdout) as {
      minInstitutions: number;
      institutions: { total: number };
    };
    expect(parsed.minInstitutions).toBe(3);
    expect(parsed.institutions.total).toBe(25);
    const md = await meldpunt('platform', 'overview', '--year', '2025');
    expect(md.stdout).toMatch(/^# Landelijk overzicht 2025/);
    const bad = await meldpunt('platform', 'overview', '--format', 'pdf');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('meldpunt: --format must be md, csv or json\n');
  });
});
