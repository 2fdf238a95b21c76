import { describe, expect, it } from 'vitest';
import { signedInStaff } from './support/safety-case.js';
import { seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Issue 21: the patterns and aggregates the ombudsperson may see — counts by category, status and
 * follow-up, and their complaints about procedure by outcome — after the board's small-cell
 * suppression, with no case content and no reference.
 */
const t = useTestApp({ app: { today: () => '2026-12-01' } });

/** The cells of one row of a table on the page: [kind, text] for each count and share column. */
function rowCells(html: string, table: string, key: string): [string, string][] {
  const body = new RegExp(`data-testid="${table}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const row = new RegExp(`<tr data-key="${key}">([\\s\\S]*?)</tr>`).exec(body)?.[1];
  expect(row, `${table} ${key}`).toBeDefined();
  return [...row!.matchAll(/<td(?: data-cell="(\w+)")?>([^<]*)<\/td>/g)].map((m) => [
    m[1] ?? 'share',
    m[2]!,
  ]);
}

describe("the ombudsperson's aggregates", () => {
  it('suppresses small cells as the board view does and shows no case content', async () => {
    const ombudsperson = await signedInStaff(t.deps, t.app, ['ombudsperson'], 'Ombudsperson');
    const teamId = ombudsperson.teamId;
    const seeded: string[] = [];
    const seed = async (category: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const c = await seedCase(t.deps, teamId, {
          category,
          receivedOn: '2026-03-02',
          narrative: `Geheim-verhaal-9x ${category} ${i}`,
        });
        seeded.push(c.id);
      }
    };
    // 2026: twelve about bullying, six threats, two thefts (under the threshold of 5).
    await seed('bullying', 12);
    await seed('threat', 6);
    await seed('theft', 2);

    // Two complaints about procedure, one closed as upheld: too few to publish.
    const { client } = ombudsperson;
    for (const subject of ['Klacht-een-3v over de termijn.', 'Klacht-twee-3v over het gesprek.']) {
      await client.get('/ombudsperson');
      await client.post('/ombudsperson/complaints', { receivedOn: '2026-10-01', subject });
    }
    const first = await t.deps.db
      .selectFrom('procedure_complaint')
      .select('id')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    await client.get('/ombudsperson');
    await client.post(`/ombudsperson/complaints/${first.id}/close`, {
      [`outcome-${first.id}`]: 'Uitkomst-geheim-5p',
      [`outcomeKind-${first.id}`]: 'upheld',
    });

    const res = await client.get('/ombudsperson/aggregates?year=2026');
    expect(res.status).toBe(200);
    const html = await res.text();

    // By category, 2026 (the third and fourth cells; 2025 comes first): 12 shown; the two thefts
    // as "< 5"; the six threats hidden too, or the two could be worked out from the total of 20.
    expect(rowCells(html, 'ombuds-by-category', 'bullying')[2]).toEqual(['shown', '12']);
    expect(rowCells(html, 'ombuds-by-category', 'theft')[2]).toEqual(['small', '&lt; 5']);
    expect(rowCells(html, 'ombuds-by-category', 'threat')[2]).toEqual(['hidden', '×']);
    expect(html).not.toMatch(/<td data-cell="shown">[1-4]<\/td>/); // no count under the threshold anywhere
    // All twenty are still "received": one row, shown.
    expect(rowCells(html, 'ombuds-by-status', 'received')[2]).toEqual(['shown', '20']);
    // Complaints: one open, one upheld — a total under the threshold is withheld entirely.
    for (const key of ['open', 'upheld'])
      expect(rowCells(html, 'ombuds-complaints', key)[2]![0]).toBe('hidden');

    // No case content, no references, no links to a case, none of the complaints' text.
    const references = await t.deps.db
      .selectFrom('case')
      .select('reference')
      .where('id', 'in', seeded)
      .execute();
    for (const r of references) expect(html).not.toContain(r.reference);
    for (const id of seeded) expect(html).not.toContain(id);
    for (const secret of ['Geheim-verhaal-9x', 'Klacht-een-3v', 'Uitkomst-geheim-5p', '/cases/'])
      expect(html).not.toContain(secret);

    // Audited; only the ombudsperson's.
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail', 'case_id'])
      .where('type', '=', 'OMBUDS_AGGREGATES_VIEWED')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.case_id).toBeNull();
    const adviser = await signedInStaff(t.deps, t.app, ['confidential_adviser'], 'Adviser');
    expect((await adviser.client.get('/ombudsperson/aggregates')).status).toBe(403);
  });
});
