import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAnnualCommand } from '../src/cli/report-annual.command.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { pdfRows, pdfText as textOf } from './support/pdf.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();
let adviser: TestClient;
let dir: string;

async function signIn(email: string, lang?: 'nl' | 'en') {
  const client = new TestClient(t.app, lang);
  expect((await client.signIn(email, PASSWORD)).status).toBe(303);
  return client;
}

const OBJECTIVE = 'Protocol Zorgwekkend Gedrag opstellen en invoeren';
const RECOMMENDATION = 'Zorg voor een centraal meldpunt voor alle medewerkers';
const REALISED = 'Omstanderstraining aan alle studieverenigingen aanbieden';

async function idOf(title: string, year: number): Promise<string> {
  const row = await t.deps.db
    .selectFrom('team_objective')
    .select('id')
    .where('title', '=', title)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** bin/meldpunt report annual, in-process on the test database, written to a file. */
async function exportReport(year: number, format: string, lang = 'nl'): Promise<Buffer> {
  const out = path.join(dir, `r-${year}-${lang}.${format}`);
  await reportAnnualCommand.run(t.deps, [
    '--year',
    String(year),
    '--format',
    format,
    '--lang',
    lang,
    '--out',
    out,
  ]);
  return fs.readFileSync(out);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-objectives-'));
  const a = await createStaff(
    t.deps,
    t.teamId,
    ['confidential_adviser'],
    'Vera Vertrouwenspersoon',
  );
  adviser = await signIn(a.email);
  const officer = await signIn(
    (await createStaff(t.deps, t.teamId, ['support_officer'], 'Sara Support')).email,
  );
  await officer.get('/team/activities?year=2025');
  const forms: Record<string, string>[] = [
    {
      kind: 'workshop',
      title: 'Workshop grensoverschrijdend gedrag',
      heldOn: '2025-02-11',
      status: 'held',
      participants: '40',
    },
    {
      kind: 'campaign',
      title: 'Campagne Paarse Vrijdag',
      heldOn: '2025-12-12',
      status: 'cancelled',
    },
    {
      kind: 'training',
      title: 'Nascholing LVV',
      heldOn: '2025-09-01',
      status: 'held',
      adviserId: a.id,
      hours: '6',
    },
  ];
  for (const form of forms)
    expect((await officer.post(`/team/activities?team=${t.teamId}`, form)).status).toBe(303);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('objectives and recommendations per year', () => {
  it('records them with a status and notes; a carried-over objective appears in the next year, once', async () => {
    await adviser.get('/team/objectives?year=2025');
    for (const [kind, title] of [
      ['objective', OBJECTIVE],
      ['objective', REALISED],
      ['recommendation', RECOMMENDATION],
    ] as const) {
      expect(
        (
          await adviser.post(`/team/objectives?team=${t.teamId}`, {
            year: '2025',
            kind,
            title,
            notes: '',
          })
        ).status,
      ).toBe(303);
    }
    const objectiveId = await idOf(OBJECTIVE, 2025);
    for (let i = 0; i < 2; i++) {
      const res = await adviser.post(`/team/objectives/${objectiveId}?team=${t.teamId}&year=2025`, {
        status: 'carried_over',
        notes: 'Ontwikkeling gestart, nog niet vastgesteld',
      });
      expect(res.status).toBe(303);
    }
    await adviser.post(
      `/team/objectives/${await idOf(REALISED, 2025)}?team=${t.teamId}&year=2025`,
      { status: 'done', notes: '' },
    );
    await adviser.post(
      `/team/objectives/${await idOf(RECOMMENDATION, 2025)}?team=${t.teamId}&year=2025`,
      { status: 'partly', notes: 'CCP opgericht voor medewerkers' },
    );

    await adviser.get('/team/objectives?year=2026');
    const next = /data-testid="objectives">([^]*?)<\/ul>/.exec(adviser.lastHtml)![1]!;
    expect(next).toContain(OBJECTIVE);
    expect(next).toContain('doorgeschoven uit 2025');
    expect(next).not.toContain(REALISED);
    expect(
      await t.deps.db
        .selectFrom('team_objective')
        .select('id')
        .where('title', '=', OBJECTIVE)
        .where('year', '=', 2026)
        .execute(),
    ).toHaveLength(1);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('type', '=', 'OBJECTIVE_CARRIED_OVER')
      .execute();
    expect(events).toHaveLength(1);

    await adviser.get('/team/objectives?year=2025');
    expect(adviser.lastHtml).toContain('Doorgeschoven naar volgend jaar');
    const bad = await adviser.post(`/team/objectives?team=${t.teamId}`, {
      year: 'volgend jaar',
      kind: 'wish',
      title: '',
    });
    expect(bad.status).toBe(422);
    for (const f of ['year', 'kind', 'title'])
      expect(adviser.lastHtml).toContain(`href="#field-${f}"`);
  });

  it('puts the year’s activities, training hours, objectives with status and recommendations in the annual report', async () => {
    const html = (await exportReport(2025, 'html')).toString('utf8');
    expect(html).toContain('Workshop grensoverschrijdend gedrag');
    // The exported report is the published form (issue 20): activities grouped by kind with the date
    // in words (cancelled ones left out), explained items as a titled paragraph, the rest as bullets,
    // and no hours per named adviser.
    expect(html).toContain('<li>Workshop grensoverschrijdend gedrag, 11 februari 2025</li>');
    expect(html).not.toContain('Campagne Paarse Vrijdag');
    expect(html).not.toContain('Vera Vertrouwenspersoon');
    expect(html).toContain(
      `<h4>${OBJECTIVE}</h4>\n<p>Ontwikkeling gestart, nog niet vastgesteld</p>`,
    );
    expect(html).toContain(`<li>${REALISED}</li>`);
    expect(html).toContain(`<h4>${RECOMMENDATION}</h4>\n<p>CCP opgericht voor medewerkers</p>`);

    const json = JSON.parse((await exportReport(2025, 'json', 'en')).toString('utf8'));
    expect(json.total).toBe(0); // chapter 2 stays as the contract describes it
    expect(json.chapters.trainingHours).toEqual([
      { adviser: 'Vera Vertrouwenspersoon', sessions: 1, hours: 6 },
    ]);
    expect(
      json.chapters.objectives.map((o: { title: string; status: string }) => [o.title, o.status]),
    ).toEqual([
      [OBJECTIVE, 'carried_over'],
      [REALISED, 'done'],
    ]);
    expect(json.chapters.recommendations[0].statusLabel).toBe('Partly done');
    expect(
      json.chapters.activities.map(
        (a: { kind: string; status: string }) => `${a.kind}:${a.status}`,
      ),
    ).toEqual(['workshop:held', 'campaign:cancelled']);

    const zip = await JSZip.loadAsync(await exportReport(2025, 'docx'));
    const doc = await zip.file('word/document.xml')!.async('string');
    const at = (s: string) => doc.indexOf(s);
    expect(at('3.3 Aanbevelingen voor het College van Bestuur')).toBeGreaterThan(0);
    expect(at(RECOMMENDATION)).toBeGreaterThan(
      at('3.3 Aanbevelingen voor het College van Bestuur'),
    );
    expect(at(OBJECTIVE)).toBeGreaterThan(at('4.2 Missie, uitgangspunten en doelstellingen'));
    expect(at('Workshop grensoverschrijdend gedrag')).toBeGreaterThan(at('4.4 Activiteiten'));
    // Published as the seed does (issue 20): the courses under "Bijscholing", never hours per named adviser.
    expect(at('Bijscholing')).toBeGreaterThan(at('4.4 Activiteiten'));
    expect(at('Nascholing LVV')).toBeGreaterThan(at('Bijscholing'));
    expect(doc).not.toContain('Vera Vertrouwenspersoon');
    expect(doc).toContain('CCP opgericht voor medewerkers'); // a recommendation the team explained gets its paragraph

    // The PDF is drawn from the same document model as the Word file.
    const pdf = await exportReport(2025, 'pdf');
    const pdfText = textOf(pdf).replace(/\s+/g, ' ');
    expect(pdfText.lastIndexOf(RECOMMENDATION)).toBeGreaterThan(
      pdfText.lastIndexOf('3.3 Aanbevelingen voor het College van Bestuur'),
    );
    expect(pdfText).toContain('CCP opgericht voor medewerkers');
    expect(pdfText).toContain('Workshop grensoverschrijdend gedrag, 11 februari 2025');
    expect(pdfText).toContain('Nascholing LVV');
    expect(pdfText).not.toContain('Vera Vertrouwenspersoon');
    expect(pdfRows(pdf).length).toBeGreaterThan(0);
    // The spreadsheet holds the figures' tables only; no sheet names an adviser.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportReport(2025, 'xlsx', 'en')) as never);
    expect(JSON.stringify(book.worksheets.map((w) => w.getSheetValues()))).not.toContain(
      'Vera Vertrouwenspersoon',
    );

    // The report page in the browser shows the same chapters beside the figures.
    await adviser.get('/reports/annual?team=students&year=2025');
    expect(adviser.lastHtml).toContain('<th scope="col">Aantal deelnemers</th>'); // no form label "(optioneel)" in a header (issue 20)
    const page = /data-testid="report-chapters">([^]*)<\/main>/.exec(adviser.lastHtml)![1]!;
    expect(page).toMatch(/Workshop grensoverschrijdend gedrag<\/td><td>Gehouden<\/td><td>40<\/td>/);
    expect(page).toMatch(/<th scope="row">Vera Vertrouwenspersoon<\/th><td>1<\/td><td>6<\/td>/);
    expect(page).toMatch(new RegExp(`${OBJECTIVE}</th><td>Doorgeschoven naar volgend jaar</td>`));
    expect(page).toMatch(new RegExp(`${RECOMMENDATION}</th><td>Deels gerealiseerd</td>`));

    const next = JSON.parse((await exportReport(2026, 'json')).toString('utf8'));
    expect(next.chapters.objectives).toEqual([
      { title: OBJECTIVE, status: 'open', statusLabel: 'Open', notes: null, carriedFromYear: 2025 },
    ]);
  });

  it('leaves the report of a year without team records exactly as the contract shapes it', async () => {
    const json = JSON.parse((await exportReport(2023, 'json')).toString('utf8'));
    expect(json).not.toHaveProperty('chapters');
  });

  it('refuses the objectives to an administrator and to staff of other roles', async () => {
    for (const role of ['administrator', 'expert_team_member', 'board'] as const) {
      const client = await signIn((await createStaff(t.deps, t.teamId, [role])).email);
      expect((await client.get('/team/objectives')).status).toBe(403);
    }
  });
});
