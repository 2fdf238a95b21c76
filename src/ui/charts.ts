/**
 * Server-side SVG charts: pure functions from data to markup, no script, no external
 * resources. Each chart is an accessible image (role="img", a <title> and a <desc> that
 * carries every value) and is meant to stand beside a table with the same data.
 */
export interface Bar {
  label: string;
  value: number;
  /** What is printed after the bar and read out, e.g. "24%". */
  valueText: string;
}

export interface BarChartInput {
  /** Unique within the page; used for the ids of <title> and <desc>. */
  id: string;
  title: string;
  bars: Bar[];
  /** The value of a full-width bar; the largest value by default. */
  max?: number;
  width?: number;
}

const ROW = 26;
const BAR = 18;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 56;
const TOP = 8;
const MAX_LABEL_CHARS = 38;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The text alternative: the title, then every bar with its value. */
export function describeChart(input: Pick<BarChartInput, 'title' | 'bars'>): string {
  const items = input.bars.map((b) => `${b.label}: ${b.valueText}`).join('; ');
  return items ? `${input.title}. ${items}.` : `${input.title}.`;
}

/** A horizontal bar chart; labels left, bars in the middle, values right. */
export function renderBarChart(input: BarChartInput): string {
  const width = input.width ?? 640;
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const max = input.max ?? Math.max(1, ...input.bars.map((b) => b.value));
  const height = TOP * 2 + Math.max(1, input.bars.length) * ROW;
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const rows = input.bars.map((bar, i) => renderBar(bar, i, plot, max)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" aria-labelledby="${titleId} ${descId}" ` +
    `aria-label="${escapeXml(describeChart(input))}">` +
    `<title id="${titleId}">${escapeXml(input.title)}</title>` +
    `<desc id="${descId}">${escapeXml(describeChart(input))}</desc>` +
    `<line x1="${LABEL_WIDTH}" y1="${TOP / 2}" x2="${LABEL_WIDTH}" y2="${height - TOP / 2}" stroke="#555555" stroke-width="1"/>` +
    rows +
    `</svg>`
  );
}

function renderBar(bar: Bar, index: number, plot: number, max: number): string {
  const y = TOP + index * ROW;
  const w = max > 0 ? Math.max(0, Math.round((bar.value / max) * plot * 10) / 10) : 0;
  const textY = y + BAR / 2 + 4;
  const label =
    bar.label.length > MAX_LABEL_CHARS ? `${bar.label.slice(0, MAX_LABEL_CHARS - 1)}…` : bar.label;
  return (
    `<text x="${LABEL_WIDTH - 8}" y="${textY}" text-anchor="end" font-family="Helvetica, Arial, sans-serif" ` +
    `font-size="12" fill="#1a1a1a">${escapeXml(label)}</text>` +
    `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR}" fill="#00607a"/>` +
    `<text x="${LABEL_WIDTH + w + 6}" y="${textY}" font-family="Helvetica, Arial, sans-serif" font-size="12" ` +
    `fill="#1a1a1a">${escapeXml(bar.valueText)}</text>`
  );
}
