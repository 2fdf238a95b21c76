import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInstallationFacts } from '../../src/server/privacy/privacy-facts.service.js';
import { buildPrivacyDocument } from '../../src/server/privacy/privacy-documents.js';
import { renderDocx } from '../../src/server/privacy/privacy-render.js';
import { darkest, pageCount, pdfText } from '../support/pdf.js';
import { createTestDeps } from '../support/test-deps.js';
import { requireProgram } from './programs.js';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let dir: string;

beforeAll(async () => {
  deps = await createTestDeps();
  await deps.db.updateTable('team').set({ retention_months: 42 }).execute();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-privacy-documents-'));
});
afterAll(async () => {
  await deps?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function wordToPdf(name: string, docx: Buffer): Buffer {
  const soffice = requireProgram('soffice', 'libreoffice-writer-nogui');
  fs.writeFileSync(path.join(dir, `${name}.docx`), docx);
  execFileSync(
    soffice,
    ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, `${name}.docx`)],
    { timeout: 150_000, stdio: 'pipe', env: { ...process.env, HOME: dir } },
  );
  return fs.readFileSync(path.join(dir, `${name}.pdf`));
}

describe('the record of processing and the DPIA in Word, as LibreOffice renders them', () => {
  it("open, with their sections, the team's tables and its retention period", async () => {
    const facts = await getInstallationFacts(deps.db);
    const expected = {
      register: [
        '1. Verwerkingsverantwoordelijke',
        '7. Beveiligingsmaatregelen',
        'Team: Team Sociale Veiligheid voor studenten',
        '42 maanden',
        'Seksueel geweld',
        'Veilig Thuis',
      ],
      dpia: [
        'A. Beschrijving van de verwerking',
        'C. Risico',
        'D. Maatregelen',
        '42 maanden',
        'Kenniscentrum Eer & Veiligheid',
      ],
    };
    for (const kind of ['register', 'dpia'] as const) {
      const pdf = wordToPdf(kind, await renderDocx(buildPrivacyDocument(kind, facts, 'nl')));
      const text = pdfText(pdf).replace(/\s+/g, ' ');
      for (const phrase of expected[kind]) expect(text, `${kind}: ${phrase}`).toContain(phrase);
      for (let page = 1; page <= pageCount(pdf); page++)
        expect(darkest(pdf, page), `${kind} page ${page} is not blank`).toBeLessThan(100);
    }
  });
});
