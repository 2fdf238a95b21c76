import { beforeAll, describe, expect, it } from 'vitest';
import { importCases } from '../src/server/imports/case-import.service.js';
import { createTeam } from './support/factories.js';
import { signedIn } from './support/security.js';
import { buildAnnualFixtureCsv, CASE_HEADER } from './support/annual-fixture.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();
let trendTeamId: string;
const TREND_TEAM = 'trend-team';

/** Cases of one year, category and unit, in the import format. */
function rows(year: number, category: string, org: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    [
      '',
      `${year}-03-${String((i % 28) + 1).padStart(2, '0')}`,
      'email',
      'self',
      'student',
      'female',
      org,
      category,
      '',
      '',
      'student',
      'advice',
      '',
      '',
      '',
    ].join(','),
  );
}

beforeAll(async () => {
  await importCases(t.deps.db, t.deps.keyring, { text: buildAnnualFixtureCsv() });
  trendTeamId = await createTeam(t.deps, TREND_TEAM);
  const csv = [
    CASE_HEADER.join(','),
    ...rows(2023, 'stalking', 'LAW', 6),
    ...rows(2023, 'bullying', 'LAW', 20),
    ...rows(2024, 'stalking', 'LAW', 6),
    ...rows(2024, 'bullying', 'SBE', 20),
    ...rows(2025, 'stalking', 'FHML', 30),
    ...rows(2025, 'bullying', 'SBE', 21),
    ...rows(2025, 'threat', 'LAW', 3),
  ].join('\n');
  await importCases(t.deps.db, t.deps.keyring, { text: `${csv}\n`, teamKey: TREND_TEAM });
});

interface Cell {
  kind: string;
  text: string;
}
/** Every table of the page as columns of cells with their total (null when hidden). */
function tablesOf(html: string) {
  return [...html.matchAll(/<table[^>]*data-testid="([^"]+)"[^>]*>(.*?)<\/table>/gs)].map(
    ([, id, body]) => {
      const rowCells = [...body!.matchAll(/<tr data-key="[^"]*">(.*?)<\/tr>/gs)].map((r) =>
        [...r[1]!.matchAll(/<td data-cell="(\w+)">([^<]*)<\/td>/g)].map((c): Cell => ({
          kind: c[1]!,
          text: c[2]!,
        })),
      );
      const foot = /<tfoot>(.*?)<\/tfoot>/s.exec(body!)?.[1] ?? '';
      const totals = [...foot.matchAll(/<td data-cell="(\w+)">([^<]*)<\/td>/g)].map((c) =>
        c[1] === 'total' ? Number(c[2]) : null,
      );
      const columns = totals.map((total, i) => ({ total, cells: rowCells.map((r) => r[i]!) }));
      return { id: id!, columns };
    },
  );
}

/**
 * The adversary: knows the shown cells, the total, that "< t" is 1..t-1 and that a × cell was the
 * smallest non-zero cell left (so t..smallest shown). For every hidden cell it tries every value and
 * checks whether the other hidden cells can make up the rest (reachable sums, computed by brute force).
 */
function recoveredCells(column: { total: number | null; cells: Cell[] }, t: number): number[] {
  if (column.total === null) return [];
  const shown = column.cells.filter((c) => c.kind === 'shown').map((c) => Number(c.text));
  const cap = Math.min(column.total, ...shown.filter((n) => n > 0));
  const hidden = column.cells.flatMap((c, i) =>
    c.kind === 'small'
      ? [{ i, lo: 1, hi: t - 1 }]
      : c.kind === 'hidden'
        ? [{ i, lo: t, hi: cap }]
        : [],
  );
  const rest = column.total - shown.reduce((a, b) => a + b, 0);
  const reachable = (cells: typeof hidden) => {
    let sums = new Set([0]);
    for (const c of cells) {
      const next = new Set<number>();
      for (const s of sums) for (let v = c.lo; v <= c.hi && s + v <= rest; v++) next.add(s + v);
      sums = next;
    }
    return sums;
  };
  return hidden
    .filter((h) => {
      const others = reachable(hidden.filter((o) => o !== h));
      let options = 0;
      for (let v = h.lo; v <= h.hi; v++) if (others.has(rest - v)) options++;
      return options <= 1;
    })
    .map((h) => h.i);
}

function assertSafe(html: string, t: number) {
  const tables = tablesOf(html);
  expect(tables.length).toBeGreaterThan(5);
  let suppressed = 0;
  for (const table of tables) {
    for (const column of table.columns) {
      for (const cell of column.cells) {
        if (cell.kind === 'shown')
          expect(
            Number(cell.text) === 0 || Number(cell.text) >= t,
            `${table.id}: ${cell.text}`,
          ).toBe(true);
        else suppressed++;
      }
      if (column.total !== null) expect(column.total === 0 || column.total >= t).toBe(true);
      const hiddenCount = column.cells.filter((c) => c.kind !== 'shown').length;
      expect(hiddenCount, `${table.id}: one hidden cell is the total minus the others`).not.toBe(1);
      expect(recoveredCells(column, t), `${table.id}`).toEqual([]);
    }
  }
  return suppressed;
}

describe('the board view', () => {
  it('never shows a count below the threshold, also not through a total minus the other cells', async () => {
    const { client } = await signedIn(t.app, t.deps, t.teamId, ['board']);
    const res = await client.get('/statistics?team=students&year=2025');
    expect(res.status).toBe(200);
    const html = client.lastHtml;
    expect(html).toContain('&lt; 5'); // formal_complaint 1, and others, in the published figures
    expect(assertSafe(html, 5)).toBeGreaterThan(10);
    // shown figures are the real ones: sexual violence 25 in 2025 (26 in 2024) of 104 (127)
    const category = tablesOf(html).find((tb) => tb.id === 'table-byCategory')!;
    expect(category.columns.map((c) => c.total)).toEqual([127, 104]);
    const categoryHtml =
      /<table[^>]*data-testid="table-byCategory".*?<\/table>/s.exec(html)?.[0] ?? '';
    expect(/<tr data-key="sexual_violence">.*?<\/tr>/s.exec(categoryHtml)?.[0]).toMatch(
      />26<.*>20%<.*>25<.*>24%</s,
    );
    // 2023 holds one case: withheld entirely, total included; 2021 and 2022 hold none, so they are
    // not shown at all (issue 20: a year without data is no zero)
    const trend = tablesOf(html).find((tb) => tb.id === 'trend-category')!;
    expect(trend.columns.map((c) => c.total)).toEqual([null, 127, 104]);
    expect(trend.columns[0]!.cells.every((c) => c.kind === 'hidden')).toBe(true);
    expect(html).not.toMatch(/Aantal 2022|Aantal 2021/);
  });

  it('uses the team\u2019s threshold', async () => {
    await t.deps.db
      .updateTable('team')
      .set({ suppression_threshold: 10 })
      .where('id', '=', t.teamId)
      .execute();
    try {
      const { client } = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
      await client.get('/statistics?year=2025');
      expect(client.lastHtml).toContain('&lt; 10');
      assertSafe(client.lastHtml, 10);
    } finally {
      await t.deps.db
        .updateTable('team')
        .set({ suppression_threshold: 5 })
        .where('id', '=', t.teamId)
        .execute();
    }
  });

  it('shows trends per category and unit over five years and signals a sharp rise', async () => {
    const { client } = await signedIn(t.app, t.deps, trendTeamId, ['board']);
    await client.get(`/statistics?team=${TREND_TEAM}&year=2025`);
    const html = client.lastHtml;
    assertSafe(html, 5);
    const trend = tablesOf(html).find((tb) => tb.id === 'trend-category')!;
    expect(trend.columns.map((c) => c.total)).toEqual([26, 26, 54]); // 2021 and 2022 have no data
    const signals = /data-testid="signals">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
    expect(signals).toContain('Stalking: 30 (gemiddeld 6 in de twee jaren ervoor)');
    expect(signals).toContain('FHML: 30');
    expect(signals).not.toContain('Pesten'); // 20, 20 → 21
    expect(signals).not.toContain('Bedreiging'); // 3 is below the threshold: no signal that would reveal it
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*>.*?<desc id="chart-totals-desc">/s);
  });

  it('is for the board and coordinators; advisers and partner services are refused', async () => {
    for (const role of ['confidential_adviser', 'partner_service', 'support_officer'] as const) {
      const { client } = await signedIn(t.app, t.deps, t.teamId, [role]);
      expect((await client.get('/statistics?year=2025')).status, role).toBe(403);
    }
    const { client } = await signedIn(t.app, t.deps, trendTeamId, ['board']);
    expect((await client.get('/statistics?team=students&year=2025')).status).toBe(403);
  });

  it('takes the board from the sign-in landing page to its figures, not to a "no access" page (issue 20)', async () => {
    const { client } = await signedIn(t.app, t.deps, t.teamId, ['board']);
    const res = await client.get('/cases');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/statistics');
    const adviser = (await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser'])).client;
    expect((await adviser.get('/cases')).status).toBe(200);
  });

  it('writes figures the Dutch way and styles its tables', async () => {
    const { client } = await signedIn(t.app, t.deps, t.teamId, ['board']);
    await client.get('/statistics?team=students&year=2025');
    expect(client.lastHtml).toContain('class="report-table-wrap"');
    expect(client.lastHtml).not.toMatch(/>\d+\.\d+</); // no decimal point
  });
});
