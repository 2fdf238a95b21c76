import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/taxonomy.js';
import { exportAnnualReport } from '../../src/server/reports/report-export.js';
import { publishedReport } from '../support/annual-report-figures.js';
import { pageCount, pdfImages } from '../support/pdf.js';
import { requireProgram } from './programs.js';

/**
 * Issue 20, "done when" 1: the seed's figures with the university's full faculty names, as PDF
 * and as Word laid out by LibreOffice, checked word by word with `pdftotext -bbox-layout`: no
 * word printed over another, a page number on every page, chart pictures inside the page.
 */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-layout-'));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Every page's size and word boxes, from poppler's XHTML bounding-box output. */
function wordBoxes(pdf: Buffer, name: string): Page[] {
  const pdftotext = requireProgram('pdftotext', 'poppler-utils');
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const html = execFileSync(pdftotext, ['-bbox-layout', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(
    ([, width, height, body]) => ({
      width: +width!,
      height: +height!,
      words: [
        ...body!.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        xMin: +m[1]!,
        yMin: +m[2]!,
        xMax: +m[3]!,
        yMax: +m[4]!,
        text: m[5]!,
      })),
    }),
  );
}

/**
 * Pairs of words on one page printed over each other. poppler's word box is the font's whole
 * bounding box (for DejaVu Sans about 1.4 em high), so the boxes of neighbouring lines touch even
 * at ordinary line spacing; the check uses the middle half of each box, where the letters are.
 */
function overlaps(page: Page): string[] {
  const found: string[] = [];
  const words = page.words.map((w) => {
    const quarter = (w.yMax - w.yMin) / 4;
    return { ...w, yMin: w.yMin + quarter, yMax: w.yMax - quarter };
  });
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!,
        b = words[j]!;
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (dx > 1 && dy > 1) found.push(`"${a.text}" over "${b.text}"`);
    }
  }
  return found;
}

function checkLayout(pdf: Buffer, name: string, pageWord: RegExp): Page[] {
  const pages = wordBoxes(pdf, name);
  expect(pages.length).toBeGreaterThanOrEqual(6);
  pages.forEach((page, i) => {
    expect(overlaps(page), `${name} page ${i + 1}`).toEqual([]);
    const text = page.words.map((w) => w.text).join(' ');
    expect(text, `${name} page ${i + 1} has its number`).toMatch(
      new RegExp(`${pageWord.source} ${i + 1} \\S+ ${pages.length}`),
    );
    for (const w of page.words) {
      expect(w.xMin, `${name} page ${i + 1}: "${w.text}" inside the page`).toBeGreaterThanOrEqual(
        0,
      );
      expect(w.xMax, `${name} page ${i + 1}: "${w.text}" inside the page`).toBeLessThanOrEqual(
        page.width,
      );
    }
  });
  return pages;
}

const team: Record<Lang, string> = {
  nl: 'Team Sociale Veiligheid voor studenten',
  en: 'Social Safety Team for students',
};
const pageWord: Record<Lang, RegExp> = { nl: /pagina/, en: /page/ };

describe('the annual report PDF with full faculty names', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`${lang}: no text over other text, a page number on every page, long names whole`, async () => {
      const pdf = await exportAnnualReport(publishedReport(lang), 'pdf', {
        lang,
        teamName: team[lang],
        institution: 'Universiteit Maastricht',
      });
      const pages = checkLayout(pdf, `report-${lang}`, pageWord[lang]);
      const all = pages.flatMap((p) => p.words.map((w) => w.text)).join(' ');
      expect(all).toContain(lang === 'nl' ? 'Neurowetenschappen (FPN)' : 'Neuroscience (FPN)');
      expect(all).toContain(lang === 'nl' ? 'Afbeelding 3.' : 'Figure 3.');
      expect(pdfImages(pdf, 5)).toEqual([]); // charts are vectors, not pictures
    });
  }

  it('nl: a year without data shows "–", never 0', async () => {
    const pdf = await exportAnnualReport(publishedReport('nl', { withPrevious: false }), 'pdf', {
      lang: 'nl',
      teamName: team.nl,
    });
    const pages = checkLayout(pdf, 'report-no-previous', pageWord.nl);
    const all = pages.flatMap((p) => p.words.map((w) => w.text)).join(' ');
    expect(all).toMatch(/Seksueel geweld 25 24% – –/);
    expect(all).not.toContain('(2024: 0)');
  });
});

describe('the annual report in Word, laid out by LibreOffice', () => {
  for (const lang of ['nl', 'en'] as const)
    it(`${lang}: no text over other text, a page number on every page, charts inside the page`, async () => {
      const soffice = requireProgram('soffice', 'libreoffice-writer-nogui');
      const docx = await exportAnnualReport(publishedReport(lang), 'docx', {
        lang,
        teamName: team[lang],
        institution: 'Universiteit Maastricht',
      });
      fs.writeFileSync(path.join(dir, 'word.docx'), docx);
      execFileSync(
        soffice,
        ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'word.docx')],
        { timeout: 150_000, stdio: 'pipe', env: { ...process.env, HOME: dir } },
      );
      const pdf = fs.readFileSync(path.join(dir, 'word.pdf'));
      checkLayout(pdf, `word-${lang}`, pageWord[lang]);
      // the three charts, each a picture no wider than the page's text column (A4 less 2 × 2,5 cm)
      const pictures = Array.from({ length: pageCount(pdf) }, (_, i) =>
        pdfImages(pdf, i + 1),
      ).flat();
      expect(pictures).toHaveLength(3);
      const bboxes = execFileSync(
        requireProgram('pdfimages', 'poppler-utils'),
        ['-list', path.join(dir, 'word.pdf')],
        { encoding: 'utf8' },
      );
      const widthsInPoints = bboxes
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((line) => {
          const cols = line.trim().split(/\s+/);
          return (+cols[3]! / +cols[12]!) * 72; // pixel width / x-ppi
        });
      for (const w of widthsInPoints) expect(w).toBeLessThanOrEqual(595 - 2 * 70.8 + 1);
    });
});
