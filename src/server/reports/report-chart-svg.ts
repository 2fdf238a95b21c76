import { escapeXml as esc } from '../../ui/charts.js';
import type { ChartBlock } from './report-model.js';
import { BRAND } from './report-layout.js';

/**
 * A chart of the document model as SVG, for the Word picture and the html export (issue 20):
 * labels wrap in their column (never cut off or shortened with "…"), the value after each bar,
 * an accessible image (role="img", a title and a description carrying every value).
 */
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
  return lines.flatMap((l) =>
    l.length > max ? (l.match(new RegExp(`.{1,${max}}`, 'g')) ?? [l]) : [l],
  );
}

/** The chart as SVG laid out for the Word page: labels wrap in their column, values after the bars. */
export function chartSvg(chart: ChartBlock): { svg: string; width: number; height: number } {
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
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
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${ty.toFixed(1)}" text-anchor="end">${esc(line)}</text>`,
      );
    });
    const w = (bar.value / max) * barArea;
    parts.push(
      `<rect x="${LABEL_WIDTH}" y="${(mid - 8).toFixed(1)}" width="${Math.max(w, bar.value > 0 ? 1 : 0).toFixed(1)}" height="16" fill="${BRAND}"/>`,
    );
    parts.push(
      `<text x="${(LABEL_WIDTH + w + 5).toFixed(1)}" y="${(mid + FONT_SIZE * 0.35).toFixed(1)}">${esc(bar.valueText)}</text>`,
    );
    y += rowH;
  }
  const height = Math.ceil(y + 6);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" ` +
    `aria-labelledby="${titleId} ${descId}" aria-label="${esc(chart.description)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${FONT_SIZE}" fill="#1a1a1a">` +
    `<title id="${titleId}">${esc(chart.caption)}</title><desc id="${descId}">${esc(chart.description)}</desc>` +
    `<line x1="${LABEL_WIDTH}" y1="4" x2="${LABEL_WIDTH}" y2="${height - 4}" stroke="#777" stroke-width="1"/>${parts.join('')}</svg>`;
  return { svg, width: CHART_WIDTH, height };
}
