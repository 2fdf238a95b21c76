import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { importCases } from '../src/server/imports/case-import.service.js';
import { importPartnerCounts } from '../src/server/imports/partner-count-import.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { TestClient } from './support/http-client.js';
import { signedIn } from './support/security.js';
import { buildAnnualFixtureCsv, PARTNER_COUNTS_CSV } from './support/annual-fixture.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

beforeAll(async () => {
  await importCases(t.deps.db, t.deps.keyring, { text: buildAnnualFixtureCsv() });
  await importPartnerCounts(t.deps.db, { text: PARTNER_COUNTS_CSV });
});

const row = (html: string, key: string) => {
  const m = new RegExp(`<tr data-key="${key}">(.*?)</tr>`, 's').exec(html);
  return m ? [...m[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((x) => x[1]) : undefined;
};

describe('the annual report page', () => {
  it('shows every breakdown with counts, shares and the previous year, subtypes, charts, partner counts apart and the rounding note', async () => {
    const { client } = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    const res = await client.get('/reports/annual?team=students&year=2025');
    expect(res.status).toBe(200);
    const html = client.lastHtml;
    expect(html).toContain('In 2025 zijn in totaal 104 meldingen geregistreerd (2024: 127).');
    expect(row(html, 'sexual_violence')).toEqual(['25', '24%', '26', '20%']);
    expect(row(html, 'advice')?.[1]).toBe('36%');
    expect(html).toMatch(
      /<tr class="report-subtype" data-key="sexual_violence\.physical"><th scope="row">waarvan Fysiek<\/th><td>\d+<\/td>/,
    );
    expect(html).toMatch(/data-key="sexual_violence\.verbal_online"/);
    for (const b of [
      'byVia',
      'byChannel',
      'byGender',
      'byOrgUnit',
      'byCategory',
      'byRelation',
      'byFollowUp',
    ]) {
      expect(html).toContain(`data-testid="table-${b}"`);
      expect(html).toMatch(new RegExp(`data-testid="total-${b}">104<`)); // partner counts never added
    }
    const charts = [
      ...html.matchAll(/<svg[^>]*role="img"[^>]*>.*?<desc id="([^"]+)">([^<]*)<\/desc>/gs),
    ];
    expect(charts.map((c) => c[1])).toEqual([
      'chart-byOrgUnit-desc',
      'chart-byCategory-desc',
      'chart-byFollowUp-desc',
    ]);
    expect(charts[1]![2]).toContain('Seksueel geweld: 24%');
    const partners = /data-testid="partner-counts">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
    expect(partners).toContain('<td>42</td>');
    expect(partners).toContain('<td>28</td>');
    expect(html).toContain('afgerond op hele getallen');
    for (const f of ['json', 'csv', 'html', 'pdf', 'docx', 'xlsx'])
      expect(html).toContain(
        `/reports/annual/download?team=students&amp;year=2025&amp;format=${f}`,
      );
  });

  it('speaks English and refuses a malformed year with an error summary linking to the field', async () => {
    const user = await createStaff(t.deps, t.teamId, ['safety_coordinator']);
    const client = new TestClient(t.app, 'en');
    expect((await client.get('/reports/annual?year=2025')).status).toBe(303); // signed out: to the login page
    await client.signIn(user.email, PASSWORD);
    await client.get('/reports/annual?year=2025');
    expect(client.lastHtml).toContain('In 2025, 104 reports were registered in total (2024: 127).');
    expect(client.lastHtml).toContain('Sexual violence');
    const res = await client.get('/reports/annual?year=20x5');
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain('href="#field-year"');
    expect(client.lastHtml).toContain('Enter a year, for example 2025.');
  });

  it('serves every export format through the existing exporters, each audited', async () => {
    const { client, id } = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const get = (f: string) =>
      client.get(`/reports/annual/download?team=students&year=2025&format=${f}`);
    const json = await get('json');
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(await json.json()).toMatchObject({
      team: 'students',
      year: 2025,
      total: 104,
      previousTotal: 127,
    });
    const csv = await (await get('csv')).text();
    expect(csv).toMatch(/sexual_violence/);
    const pdf = Buffer.from(await (await get('pdf')).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    for (const f of ['docx', 'xlsx']) {
      const res = await get(f);
      expect(res.headers.get('content-disposition')).toContain(`annual-report-students-2025.${f}`);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      expect(Object.keys(zip.files)).toContain('[Content_Types].xml');
    }
    expect(await (await get('html')).text()).toContain('<svg');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('type', '=', 'REPORT_GENERATED')
      .where('actor_user_id', '=', id)
      .execute();
    expect(events.map((e) => (e.detail as { format: string }).format).sort()).toEqual([
      'csv',
      'docx',
      'html',
      'json',
      'pdf',
      'xlsx',
    ]);
  });

  it('is for advisers and coordinators only, of their own team', async () => {
    const board = await signedIn(t.app, t.deps, t.teamId, ['board']);
    expect((await board.client.get('/reports/annual?year=2025')).status).toBe(403);
    expect(
      (await board.client.get('/reports/annual/download?team=students&year=2025&format=json'))
        .status,
    ).toBe(403);
    expect((await board.client.get('/statistics?year=2025')).status).toBe(200); // the board's suppressed view instead
    const partner = await signedIn(t.app, t.deps, t.teamId, ['partner_service']);
    expect((await partner.client.get('/reports/annual?year=2025')).status).toBe(403);
    const otherTeam = await createTeam(t.deps, `staff-${Date.now()}`);
    const outsider = await signedIn(t.app, t.deps, otherTeam, ['safety_coordinator']);
    expect((await outsider.client.get('/reports/annual?team=students&year=2025')).status).toBe(403);
    expect(
      (await outsider.client.get('/reports/annual/download?team=students&year=2025&format=csv'))
        .status,
    ).toBe(403);
    const own = await outsider.client.get('/reports/annual?year=2025');
    expect(own.status).toBe(200);
    expect(outsider.client.lastHtml).toContain('In 2025 zijn in totaal 0 meldingen');
  });
});
