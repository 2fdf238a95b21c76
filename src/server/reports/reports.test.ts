import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createTestDeps } from '../../../test/support/test-deps.js';
import { darkest, pageCount, pdfText } from '../../../test/support/pdf.js';
import { buildAnnualFixtureCsv, PARTNER_COUNTS_CSV } from '../../../test/support/annual-fixture.js';
import { importCases } from '../imports/case-import.service.js';
import { importPartnerCounts } from '../imports/partner-count-import.js';
import { getAnnualReport } from './reports.service.js';
import { exportAnnualReport } from './report-export.js';
import { reportExportOptions } from './report-options.js';
import { findTeam } from '../teams/teams.service.js';
import { saveCategoryVersion } from '../admin/categories.service.js';
import { buildReportDocument } from './report-model.js';
import type { AnnualReport, ReportEntry } from '../../domain/annual-report.js';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let report: AnnualReport;

beforeAll(async () => {
  deps = await createTestDeps();
  await importCases(deps.db, deps.keyring, { text: buildAnnualFixtureCsv() });
  await importPartnerCounts(deps.db, { text: PARTNER_COUNTS_CSV });
  report = await getAnnualReport(deps.db, { year: 2025, lang: 'nl', format: 'json' });
});
afterAll(() => deps?.dispose());

const pick = (entries: ReportEntry[]) =>
  Object.fromEntries(
    entries.map((e) => [e.key, [e.count, e.percent, e.previousCount, e.previousPercent]]),
  );
const shares = (entries: ReportEntry[]) =>
  Object.fromEntries(entries.map((e) => [e.key, e.percent]));

describe('the 2025 annual report, from the published figures (seeds/001, chapter 2)', () => {
  it('counts 104 reports in 2025 and 127 in 2024, and nothing of other years', () => {
    expect(report).toMatchObject({
      team: 'students',
      year: 2025,
      total: 104,
      previousYear: 2024,
      previousTotal: 127,
    });
  });

  it('gives the kinds of reports with counts, shares and the 2024 shares as published', () => {
    const published: Record<string, [number, number, number]> = {
      sexual_violence: [25, 24, 20],
      inappropriate_behaviour: [17, 16, 8],
      unprofessional_behaviour: [16, 15, 12],
      other: [12, 12, 18],
      worrying_behaviour: [9, 9, 3],
      unequal_treatment: [6, 6, 8],
      intimidation: [5, 5, 10],
      discrimination: [5, 5, 5],
      bullying: [3, 3, 3],
      stalking: [3, 3, 4],
      aggression: [3, 3, 9],
    };
    for (const [key, [count, percent, previousPercent]] of Object.entries(published)) {
      expect(
        report.byCategory.find((e) => e.key === key),
        key,
      ).toMatchObject({ count, percent, previousPercent });
    }
    expect(report.byCategory[0]).toMatchObject({
      key: 'sexual_violence',
      label: 'Seksueel geweld',
      previousCount: 26,
    });
    expect(report.byCategory[0]!.subtypes).toEqual([
      { key: 'physical', label: 'Fysiek', count: 16 },
      { key: 'verbal_online', label: 'Verbaal/online', count: 9 },
    ]);
  });

  it('gives the follow-up shares as published', () => {
    expect(shares(report.byFollowUp)).toEqual({
      advice: 36,
      informal_intervention: 16,
      other: 16,
      referral: 12,
      guidance: 11,
      registration: 10,
      formal_complaint: 0,
    });
    expect(pick(report.byFollowUp)).toMatchObject({
      registration: [10, 10, 20, 16],
      advice: [37, 36, 30, 24],
      informal_intervention: [17, 16, 25, 20],
      guidance: [11, 11, 19, 15],
      formal_complaint: [0, 0, 1, 1],
    });
  });

  it('gives genders, faculties, channels, via and relations as published', () => {
    expect(pick(report.byGender)).toMatchObject({
      female: [69, 66, 75, 59],
      male: [31, 30, 41, 32],
      non_binary: [1, 1, 1, 1],
    });
    expect(shares(report.byOrgUnit)).toMatchObject({
      LAW: 24,
      SBE: 20,
      FSE: 16,
      FHML: 14,
      FASoS: 8,
      FPN: 4,
    });
    expect(report.byOrgUnit[0]).toMatchObject({ key: 'LAW', label: 'LAW', count: 25, percent: 24 });
    expect(report.byOrgUnit.find((e) => e.key === 'undefined')).toMatchObject({
      label: 'Ongedefinieerd',
      count: 14,
    });
    expect(pick(report.byChannel)).toMatchObject({
      in_person: [57, 55, 70, 55],
      online_meeting: [27, 26, 30, 24],
      email: [8, 8, 15, 12],
      phone: [12, 12, 12, 9],
    });
    expect(Object.fromEntries(report.byVia.map((e) => [e.key, e.count]))).toMatchObject({
      self: 88,
      staff_member: 6,
      other_service: 1,
      citizen: 1,
      board_or_association_contact: 7,
    });
    expect(Object.fromEntries(report.byRelation.map((e) => [e.key, e.count]))).toMatchObject({
      student_student: 40,
      student_staff: 35,
      student_external: 12,
    });
  });

  it('shows partner counts apart, never in the total', () => {
    expect(report.partnerCounts).toEqual([
      { service: 'psychologist', category: null, count: 28 },
      { service: 'study_adviser', category: null, count: 42 },
    ]);
    expect(report.byCategory.reduce((n, e) => n + e.count, 0)).toBe(104);
  });

  it('matches the fixture file kept for operators', () => {
    expect(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../../../test/fixtures/um-2025.csv'),
        'utf8',
      ),
    ).toBe(buildAnnualFixtureCsv());
  });

  it('labels in English with lang en', async () => {
    const en = await getAnnualReport(deps.db, { year: 2025, lang: 'en' });
    expect(en.byCategory[0]!.label).toBe('Sexual violence');
    expect(en.byFollowUp[0]!.label).toBe('Advice');
  });

  it('records a REPORT_GENERATED audit event without content', async () => {
    const events = await deps.db
      .selectFrom('audit_event')
      .select(['type', 'detail'])
      .where('type', '=', 'REPORT_GENERATED')
      .execute();
    expect(events[0]!.detail).toMatchObject({
      report: 'annual',
      year: 2025,
      lang: 'nl',
      total: 104,
    });
  });
});

describe('exports', () => {
  const options = { lang: 'nl' as const, teamName: 'Team Sociale Veiligheid voor studenten' };

  it('CSV re-reads to the same numbers', async () => {
    const rows: Record<string, string>[] = parse(await exportAnnualReport(report, 'csv', options), {
      columns: true,
    });
    expect(Object.keys(rows[0]!)).toEqual([
      'section',
      'key',
      'label',
      'count',
      'percent',
      'previousCount',
      'previousPercent',
    ]);
    expect(rows[0]).toMatchObject({ section: 'total', count: '104', previousCount: '127' });
    for (const breakdown of [
      'byCategory',
      'byOrgUnit',
      'byGender',
      'byChannel',
      'byVia',
      'byRelation',
      'byFollowUp',
    ] as const) {
      const fromCsv = rows
        .filter((r) => r.section === breakdown)
        .map((r) => [r.key, +r.count!, +r.percent!, +r.previousCount!, +r.previousPercent!]);
      expect(fromCsv, breakdown).toEqual(
        report[breakdown].map((e) => [
          e.key,
          e.count,
          e.percent,
          e.previousCount,
          e.previousPercent,
        ]),
      );
    }
    expect(rows.filter((r) => r.section === 'subtype').map((r) => [r.key, r.count])).toEqual([
      ['sexual_violence/physical', '16'],
      ['sexual_violence/verbal_online', '9'],
    ]);
    expect(rows.filter((r) => r.section === 'partnerCount').map((r) => [r.key, r.count])).toEqual([
      ['psychologist', '28'],
      ['study_adviser', '42'],
    ]);
  });

  it('XLSX re-reads to the same numbers: a sheet per table in the report order, totals, real percentages, Dutch headers, frozen header rows', async () => {
    const book = new ExcelJS.Workbook();
    const team = (await findTeam(deps.db))!;
    await book.xlsx.load(
      (await exportAnnualReport(
        report,
        'xlsx',
        await reportExportOptions(deps.db, team, 2025, 'nl'),
      )) as unknown as ArrayBuffer,
    );
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Totaal',
      'Via',
      'Contactvorm',
      'Partners',
      'Geslacht',
      'Faculteit',
      'Relatie',
      'Aard',
      'Opvolging',
    ]);
    const sheet = (name: string) => book.getWorksheet(name)!;
    const rows = (name: string) =>
      sheet(name)
        .getSheetValues()
        .slice(1)
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1));
    // Dutch headers, no "key" column
    expect(rows('Aard')[0]).toEqual([
      'Omschrijving',
      'Aantal 2025',
      '% 2025',
      'Aantal 2024',
      '% 2024',
    ]);
    const body = rows('Aard')
      .slice(1)
      .filter((r) => !String(r[0]).startsWith('waarvan') && r[0] !== 'Totaal');
    expect(
      body.map((r) => [
        r[0],
        r[1],
        Math.round((r[2] as number) * 100),
        r[3],
        Math.round((r[4] as number) * 100),
      ]),
    ).toEqual(
      [...report.byCategory]
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nl'))
        .map((e) => [e.label, e.count, e.percent, e.previousCount, e.previousPercent]),
    );
    expect(rows('Aard').at(-1)).toEqual(['Totaal', 104, 1, 127, 1]);
    expect(
      rows('Aard')
        .find((r) => r[0] === 'waarvan fysiek')
        ?.slice(0, 2),
    ).toEqual(['waarvan fysiek', 16]);
    // follow-up in process order, percentages as real percentage cells
    expect(
      rows('Opvolging')
        .slice(1, -1)
        .map((r) => r[0]),
    ).toEqual([
      'Registratie',
      'Advies',
      'Interventie informeel',
      'Verwijzing',
      'Begeleiding',
      'Formele klacht',
      'Overige',
    ]);
    expect(sheet('Opvolging').getCell('C3').numFmt).toBe('0%');
    expect(sheet('Opvolging').getCell('C3').value).toBeCloseTo(37 / 104, 10);
    expect(sheet('Opvolging').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // "Ongedefinieerd" last; partners with the previous year and their sum
    expect(rows('Faculteit').at(-2)![0]).toBe('Ongedefinieerd');
    expect(rows('Partners')).toEqual([
      ['Geregistreerd bij', '2025', '2024'],
      ['Studieadviseurs', 42, 30],
      ['Psychologen', 28, 0],
      ['Samen', 70, 30],
    ]);
    expect(rows('Totaal').slice(2)).toEqual([
      ['Jaar', 'Meldingen'],
      [2025, 104],
      [2024, 127],
    ]);
  });

  it('HTML is self-contained, with accessible charts, data tables, the rounding note and partners apart', async () => {
    const html = (await exportAnnualReport(report, 'html', options)).toString();
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(3);
    expect(html).toContain('aria-label="Aandeel meldingen per faculteit (2025). LAW: 24%;');
    expect(html).toContain(
      '<title id="chart-byFollowUp-title">Opvolging van meldingen (2025)</title>',
    );
    expect(html).toContain(
      'De percentages zijn afgerond op hele getallen; daardoor kan het totaal licht afwijken',
    );
    expect(html).toContain(
      '<th scope="row">Seksueel geweld</th><td>25</td><td>24%</td><td>26</td><td>20%</td>',
    );
    expect(html).toMatch(
      /<h4 id="h-partners">[\s\S]*<th scope="row">Studieadviseurs<\/th><td>42<\/td><td>–<\/td>/,
    ); // no 2024 partner counts given here
    // drawn from the document model: process order, "Ongedefinieerd" last, subtypes, chapters
    const followUp = /data-testid="table-byFollowUp"[\s\S]*?<\/table>/.exec(html)![0];
    expect([...followUp.matchAll(/<th scope="row">([^<]+)</g)].map((m) => m[1])).toEqual([
      'Registratie',
      'Advies',
      'Interventie informeel',
      'Verwijzing',
      'Begeleiding',
      'Formele klacht',
      'Overige',
      'Totaal',
    ]);
    expect(html).toContain('<th scope="row" class="sub">waarvan fysiek</th><td>16</td>');
    expect(html).toContain(
      '<figcaption>Afbeelding 1. Aandeel meldingen per faculteit (2025)</figcaption>',
    );
    expect(html).toContain('<h2 id="h-1">1 Inleiding</h2>');
  });

  it('PDF renders: every page draws, and the text is there', async () => {
    const pdf = await exportAnnualReport(report, 'pdf', options);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) {
      expect(darkest(pdf, page), `page ${page} is not blank`).toBeLessThan(100);
    }
    const text = pdfText(pdf);
    expect(text).toContain('Seksueel geweld');
    expect(text).toContain('De percentages zijn afgerond op hele getallen');
  });

  it('DOCX is a Word document with the chapters of the published report and filled tables', async () => {
    const docx = await exportAnnualReport(report, 'docx', options);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const heading of [
      '1 Inleiding',
      '2 Meldingen, melders, aard en opvolging',
      '2.1 Aantal meldingen en melders',
      '2.4 Opvolging',
      '3 Analyse en aanbevelingen',
      '3.5 Conclusie',
      '4 Team Sociale Veiligheid voor studenten',
      '4.4 Activiteiten',
      'Bijlage 1 Definities van ongewenst gedrag',
    ]) {
      expect(xml, heading).toContain(`<w:t xml:space="preserve">${heading}</w:t>`);
    }
    expect(xml).toContain('[Tekst door de vertrouwenspersonen]');
    expect(xml).toContain('waarvan verbaal/online');
    // real styles, a contents field, page numbers, captions, right-aligned figures, column widths
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:tblStyle w:val="MeldpuntTabel"/>');
    expect(xml).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-2&quot;/);
    expect(xml).toContain('Afbeelding 1. Aandeel meldingen per faculteit (2025)');
    expect(xml).toMatch(/<w:jc w:val="right"\/>/);
    expect(xml).toMatch(/<w:gridCol w:w="\d+"\/>/);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d*\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.join('')).toMatch(/pagina [\s\S]*PAGE[\s\S]* van [\s\S]*NUMPAGES/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:styleId="MeldpuntTabel"');
    expect(styles).toContain('w:styleId="Caption"');
    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(3);
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const file of media) {
      const png = await zip.file(file)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const id = new RegExp(
        `Id="([^"]+)"[^>]*Target="media/${file.slice('word/media/'.length)}"`,
      ).exec(rels)?.[1];
      expect(id, file).toBeTruthy();
      expect(xml).toContain(`r:embed="${id}"`);
    }
    expect(xml).toMatch(/<wp:docPr [^>]*descr="[^"]*Seksueel geweld: 24%/);
    // How Word (LibreOffice) lays it out is checked in `npm run test:documents`.
  });

  it('Bijlage 1: only the categories the report uses, in the team\u2019s own words, with a source when given (issue 20)', async () => {
    const team = (await findTeam(deps.db))!;
    await deps.db.transaction().execute((trx) =>
      saveCategoryVersion(
        trx,
        team.id,
        {
          key: 'stalking',
          labelNl: 'Stalking',
          labelEn: 'Stalking',
          definitionNl: 'Eigen omschrijving van het team.',
          definitionEn: 'The team\u2019s own definition.',
          subtypes: [],
          isRetired: false,
          source: 'artikel 285b Wetboek van Strafrecht',
        },
        { kind: 'cli' },
      ),
    );
    const model = buildReportDocument(report, await reportExportOptions(deps.db, team, 2025, 'nl'));
    const start = model.blocks.findIndex(
      (b) => b.kind === 'heading' && b.text.startsWith('Bijlage 1'),
    );
    const appendix = model.blocks.slice(start + 1);
    const headings = appendix.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toHaveLength(report.byCategory.length); // 11 used, not all 14
    expect(headings).not.toContain('Bedreiging'); // only in 2026
    const texts = appendix.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain('Eigen omschrijving van het team.');
    expect(texts).toContain('Bron: artikel 285b Wetboek van Strafrecht');
  });
});
