import { Resvg } from '@resvg/resvg-js';
import { ImageRun, Paragraph } from 'docx';
import type { AnnualReport, Breakdown } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import { describeChart } from '../../ui/charts.js';
import { CHARTED, chartBars, chartTitle, renderReportChart } from './report-charts.js';

/** Rendered at twice the size so the picture stays sharp when printed. */
const SCALE = 2;
/** Page width left for a picture in Word, in pixels at 96 dpi. */
const MAX_WIDTH = 600;

export function isCharted(breakdown: Breakdown): boolean {
  return CHARTED.includes(breakdown);
}

/** The server-side SVG chart rasterised to PNG; the fonts come from the system. */
export function rasteriseSvg(svg: string): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width / SCALE, height: image.height / SCALE };
}

/** The chart of one breakdown as a Word picture, with its text alternative as alt text. */
export function chartParagraph(report: AnnualReport, breakdown: Breakdown, lang: Lang): Paragraph {
  const { png, width, height } = rasteriseSvg(renderReportChart(report, breakdown, lang));
  const title = chartTitle(report, breakdown, lang);
  const ratio = Math.min(1, MAX_WIDTH / width);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(width * ratio), height: Math.round(height * ratio) },
        altText: { name: `chart-${breakdown}`, title, description: describeChart({ title, bars: chartBars(report, breakdown) }) },
      }),
    ],
  });
}
