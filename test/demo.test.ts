import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadDemoData } from '../src/server/demo/demo.service.js';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { createTestDeps } from './support/test-deps.js';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps?.dispose());

const countCases = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM "case"`.execute(deps.db)).rows[0]!.n;

describe('npm start -- --demo', () => {
  it('loads the published figures for the two previous years, so the report has a previous year; a second run adds nothing', async () => {
    const accounts = await loadDemoData(deps.db, deps.keyring);
    expect(accounts?.emails).toContain('board@demo.meldpunt.invalid');
    const report = await getAnnualReport(deps.db, { year: year - 1, lang: 'nl', format: 'json' });
    expect(report).toMatchObject({ year: year - 1, total: 104, previousYear: year - 2, previousTotal: 127 });
    expect(report.previousTotal).toBeGreaterThan(0);
    expect(report.byCategory.find((c) => c.key === 'sexual_violence')).toMatchObject({ count: 25, percent: 24, previousPercent: 20 });
    const thisYear = await getAnnualReport(deps.db, { year, lang: 'nl', format: 'json' });
    expect(thisYear.previousTotal).toBe(104);

    const before = await countCases();
    expect(before).toBe(104 + 127 + 6);
    await loadDemoData(deps.db, deps.keyring);
    expect(await countCases()).toBe(before);
  });
});
