import { Resvg } from '@resvg/resvg-js';
import { ImageRun, Paragraph } from 'docx';
import type { Lang } from '../../domain/taxonomy.js';
import { escapeXml as esc } from '../../ui/charts.js';
import type { ChartBlock } from './report-model.js';
import { BRAND } from './report-layout.js';

/** Rendered at three times the size so the picture stays sharp when printed. */
const SCALE = 3;
/** The picture's width in pixels at 96 dpi: the text column of the Word page (16 cm) less a margin. */
export const CHART_WIDTH = 590;
const FONT_SIZE = 12;
const LINE = 15;
const LABEL_WIDTH = 250;
/** Characters per label line; DejaVu Sans averages about 0.6 em, with room to spare. */
const LABEL_CHARS = Math.floor((LABEL_WIDTH - 12) / (FONT_SIZE * 0.62));

/** A label broken into lines at spaces, so no label is cut off or shortened with "…". */
export function wrapLabel(label: string, max = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.flatMap((l) => (l.length > max ? (l.match(new RegExp(`.{1,${max}}`, 'g')) ?? [l]) : [l]));
}

/** The chart as SVG laid out for the Word page: labels wrap in their column, values after the bars. */
export function chartSvg(chart: ChartBlock): { svg: string; width: number; height: number } {
  const barArea = CHART_WIDTH - LABEL_WIDTH - 56;
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  let y = 6;
  const parts: string[] = [];
  for (const bar of chart.bars) {
    const lines = wrapLabel(bar.label);
    const rowH = Math.max(22, lines.length * LINE + 8);
    const mid = y + rowH / 2;
    lines.forEach((line, i) => {
      const ty = mid - ((lines.length - 1) * LINE) / 2 + i * LINE + FONT_SIZE * 0.35;
      parts.push(`<text x="${LABEL_WIDTH - 8}" y="${ty.toFixed(1)}" text-anchor="end">${esc(line)}</text>`);
    });
    const w = (bar.value / max) * barArea;
    parts.push(`<rect x="${LABEL_WIDTH}" y="${(mid - 8).toFixed(1)}" width="${Math.max(w, bar.value > 0 ? 1 : 0).toFixed(1)}" height="16" fill="${BRAND}"/>`);
    parts.push(`<text x="${(LABEL_WIDTH + w + 5).toFixed(1)}" y="${(mid + FONT_SIZE * 0.35).toFixed(1)}">${esc(bar.valueText)}</text>`);
    y += rowH;
  }
  const height = Math.ceil(y + 6);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${FONT_SIZE}" fill="#1a1a1a"><line x1="${LABEL_WIDTH}" y1="4" x2="${LABEL_WIDTH}" y2="${height - 4}" stroke="#777" stroke-width="1"/>${parts.join('')}</svg>`;
  return { svg, width: CHART_WIDTH, height };
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
