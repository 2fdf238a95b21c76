import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadDemoData } from '../src/server/demo/demo.service.js';
import { DEMO_FACULTIES } from '../src/server/demo/demo-org-units.js';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { createTestDeps } from './support/test-deps.js';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps?.dispose());

const countCases = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM "case"`.execute(deps.db)).rows[0]!.n;

describe('npm start -- --demo', () => {
  it('loads the published figures for the two previous years, so the report has a previous year; a second run adds nothing', async () => {
    const accounts = await loadDemoData(deps.db, deps.keyring);
    expect(accounts?.emails).toContain('board@demo.meldpunt.invalid');
    const report = await getAnnualReport(deps.db, { year: year - 1, lang: 'nl', format: 'json' });
    expect(report).toMatchObject({
      year: year - 1,
      total: 104,
      previousYear: year - 2,
      previousTotal: 127,
    });
    expect(report.previousTotal).toBeGreaterThan(0);
    expect(report.byCategory.find((c) => c.key === 'sexual_violence')).toMatchObject({
      count: 25,
      percent: 24,
      previousPercent: 20,
    });
    const thisYear = await getAnnualReport(deps.db, { year, lang: 'nl', format: 'json' });
    expect(thisYear.previousTotal).toBe(104);

    const before = await countCases();
    expect(before).toBe(104 + 127 + 6);
    await loadDemoData(deps.db, deps.keyring);
    expect(await countCases()).toBe(before);
  });

  it("gives the students' team Maastricht University's six faculties, named in both languages, which the history's reports count on; a second run changes nothing", async () => {
    await loadDemoData(deps.db, deps.keyring);
    const units = async () =>
      deps.db
        .selectFrom('org_unit')
        .innerJoin('team', 'team.id', 'org_unit.team_id')
        .select(['team.key as team', 'org_unit.key', 'org_unit.label_nl', 'org_unit.label_en'])
        .orderBy('org_unit.key')
        .execute();
    const saved = await units();
    expect(saved).toHaveLength(6);
    expect(saved).toContainEqual({
      team: 'students',
      key: 'LAW',
      label_nl: 'Faculteit der Rechtsgeleerdheid (FdR)',
      label_en: 'Faculty of Law',
    });
    for (const u of saved) expect(u.label_nl === u.key || u.label_en === u.key, u.key).toBe(false);
    expect(saved.map((u) => u.key).sort()).toEqual(DEMO_FACULTIES.map((f) => f.key).sort());
    const report = await getAnnualReport(deps.db, { year: year - 1, lang: 'en', format: 'json' });
    expect(report.byOrgUnit.find((u) => u.key === 'LAW')).toMatchObject({
      label: 'Faculty of Law',
      count: 25,
    });

    const events = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM audit_event WHERE type = 'ORG_UNIT_SAVED'`.execute(
          deps.db,
        )
      ).rows[0]!.n;
    const before = await events();
    await loadDemoData(deps.db, deps.keyring);
    expect(await units()).toEqual(saved);
    expect(await events()).toBe(before);

    // A demo installation from before the faculties had names (the import labels a unit with its key), and one an administrator renamed.
    await deps.db
      .updateTable('org_unit')
      .set({ label_nl: 'LAW', label_en: 'LAW' })
      .where('key', '=', 'LAW')
      .execute();
    await deps.db
      .updateTable('org_unit')
      .set({ label_nl: 'Economie', label_en: 'Economics' })
      .where('key', '=', 'SBE')
      .execute();
    await loadDemoData(deps.db, deps.keyring);
    const after = await units();
    expect(after.find((u) => u.key === 'LAW')).toMatchObject({
      label_nl: 'Faculteit der Rechtsgeleerdheid (FdR)',
      label_en: 'Faculty of Law',
    });
    expect(after.find((u) => u.key === 'SBE')).toMatchObject({
      label_nl: 'Economie',
      label_en: 'Economics',
    });
    expect(await events()).toBe(before + 1);
  });
});
