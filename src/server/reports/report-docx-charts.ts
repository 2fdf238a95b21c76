import { Resvg } from '@resvg/resvg-js';
import { ImageRun, Paragraph } from 'docx';
import type { Lang } from '../../domain/taxonomy.js';
import type { ChartBlock } from './report-model.js';
import { chartSvg } from './report-chart-svg.js';

/** Rendered at three times the size so the picture stays sharp when printed. */
const SCALE = 3;
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

/** The chart as a Word picture the width of the text column, with its text alternative. */
export function chartParagraph(chart: ChartBlock, _lang: Lang): Paragraph {
  const { svg, width, height } = chartSvg(chart);
  const { png } = rasteriseSvg(svg);
  return new Paragraph({
    keepNext: true, // the picture stays with its caption
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width, height },
        altText: { name: chart.id, title: chart.caption, description: chart.description },
      }),
    ],
  });
}
