import { describe, expect, it } from 'vitest';
import { publishedReport } from '../../../test/support/annual-report-figures.js';
import { pageCount, pdfText } from '../../../test/support/pdf.js';
import { buildReportDocument, type TableBlock } from './report-model.js';
import { formatDate, formatNumber, formatShare } from './report-format.js';
import { exportAnnualReport } from './report-export.js';

const table = (lang: 'nl' | 'en', id: string, withPrevious = true) =>
  buildReportDocument(publishedReport(lang, { withPrevious }), { lang }).blocks.find(
    (b): b is TableBlock => b.kind === 'table' && b.id === id,
  )!;
const labels = (t: TableBlock) =>
  t.rows.filter((r) => r.role === 'body').map((r) => r.cells[0]!.text);

describe('the report document model (issue 20)', () => {
  it('formats figures the Dutch way in Dutch, and dates in words', () => {
    expect(formatNumber(12355, 'nl')).toBe('12.355');
    expect(formatNumber(6.5, 'nl')).toBe('6,5');
    expect(formatNumber(12355, 'en')).toBe('12,355');
    expect(formatDate('2025-10-14', 'nl')).toBe('14 oktober 2025');
    expect(formatShare(1, 0, 250, 'nl')).toBe('< 1%');
    expect(formatShare(0, 0, 250, 'nl')).toBe('0%');
    expect(formatShare(3, 2, 0, 'nl')).toBe('–');
  });

  it('lists follow-up in the order of the process, whatever the counts', () => {
    expect(labels(table('nl', 'table-byFollowUp'))).toEqual([
      'Registratie',
      'Advies',
      'Interventie informeel',
      'Verwijzing',
      'Begeleiding',
      'Formele klacht',
      'Overige',
    ]);
  });

  it('puts "Ongedefinieerd" last and breaks ties by the label', () => {
    expect(labels(table('nl', 'table-byOrgUnit')).at(-1)).toBe('Ongedefinieerd');
    expect(labels(table('en', 'table-byOrgUnit')).at(-1)).toBe('Undefined');
    const kinds = labels(table('nl', 'table-byCategory'));
    expect(kinds.slice(-3)).toEqual(['Agressie', 'Pesten', 'Stalking']); // 3 each, alphabetical
    expect(kinds.indexOf('Discriminatie')).toBeLessThan(kinds.indexOf('Intimidatie')); // 5 each
  });

  it('shows "–" for a year without data, never 0', () => {
    const t = table('nl', 'table-byCategory', false);
    expect(t.rows[0]!.cells.map((c) => c.text)).toEqual(['Seksueel geweld', '25', '24%', '–', '–']);
    expect(t.rows.at(-1)!.cells.map((c) => c.text)).toEqual(['Totaal', '104', '100%', '–', '–']);
  });

  it('has no form label "(optioneel)" in any column header', () => {
    const doc = buildReportDocument(publishedReport('nl'), { lang: 'nl' });
    const headers = doc.blocks.flatMap((b) =>
      b.kind === 'table' ? b.columns.map((c) => c.label) : [],
    );
    expect(headers.length).toBeGreaterThan(10);
    for (const h of headers) expect(h).not.toMatch(/optioneel|key/i);
  });

  it('numbers every PDF page "pagina N van M" and puts the long faculty names in full', async () => {
    const pdf = await exportAnnualReport(publishedReport('nl'), 'pdf', {
      lang: 'nl',
      teamName: 'Team Sociale Veiligheid voor studenten',
      institution: 'Universiteit Maastricht',
    });
    const pages = pageCount(pdf);
    for (let page = 1; page <= pages; page++)
      expect(pdfText(pdf, page)).toContain(`pagina ${page} van ${pages}`);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Inhoudsopgave');
    expect(text).toContain('Universiteit Maastricht');
    expect(text).toContain('Faculteit Psychologie en');
    expect(text).toContain('Neurowetenschappen (FPN)');
    expect(text).toContain('Afbeelding 1. Aandeel meldingen per faculteit (2025)');
  });
});
