import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAnnualReport } from '../../src/server/reports/reports.service.js';
import { exportAnnualReport } from '../../src/server/reports/report-export.js';
import { importCases } from '../../src/server/imports/case-import.service.js';
import { importPartnerCounts } from '../../src/server/imports/partner-count-import.js';
import { buildAnnualFixtureCsv, PARTNER_COUNTS_CSV } from '../support/annual-fixture.js';
import { darkest, pageCount, pdfImages, pdfText } from '../support/pdf.js';
import { createTestDeps } from '../support/test-deps.js';
import { requireProgram } from './programs.js';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let dir: string;

beforeAll(async () => {
  deps = await createTestDeps();
  await importCases(deps.db, deps.keyring, { text: buildAnnualFixtureCsv() });
  await importPartnerCounts(deps.db, { text: PARTNER_COUNTS_CSV });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-documents-'));
});
afterAll(async () => {
  await deps?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The .docx as LibreOffice lays it out, converted to PDF (HOME in a temporary folder). */
function wordToPdf(docx: Buffer): Buffer {
  const soffice = requireProgram('soffice', 'libreoffice-writer-nogui');
  fs.writeFileSync(path.join(dir, 'report.docx'), docx);
  execFileSync(
    soffice,
    ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'report.docx')],
    {
      timeout: 150_000,
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
    },
  );
  return fs.readFileSync(path.join(dir, 'report.pdf'));
}

describe('the annual report in Word, as LibreOffice renders it', () => {
  it('opens, lays out the chapters with their tables and shows the three charts', async () => {
    const report = await getAnnualReport(deps.db, { year: 2025, lang: 'nl', format: 'json' });
    const docx = await exportAnnualReport(report, 'docx', {
      lang: 'nl',
      teamName: 'Team Sociale Veiligheid voor studenten',
    });
    const pdf = wordToPdf(docx);

    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(pdf);
    for (const heading of [
      '1 Inleiding',
      '2.1 Aantal meldingen en melders',
      '3.5 Conclusie',
      '4.4 Activiteiten',
      'Bijlage 1 Definities van ongewenst gedrag',
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('waarvan verbaal/online');
    const images = Array.from({ length: pages }, (_, i) => pdfImages(pdf, i + 1)).flat();
    expect(images).toHaveLength(3); // the charts, drawn as pictures
    for (let page = 1; page <= pages; page++) {
      expect(darkest(pdf, page), `page ${page} is not blank`).toBeLessThan(100);
    }
  });
});
