import type { AnnualReport } from '../../domain/annual-report.js';
import { escapeXml as esc } from '../../ui/charts.js';
import type { ExportOptions } from './report-text.js';
import { buildReportDocument, type Block, type TableBlock } from './report-model.js';
import { chartSvg } from './report-chart-svg.js';

/**
 * A self-contained, printable HTML document drawn from the same document model as the PDF,
 * Word and spreadsheet (issue 20): no scripts, no external resources. Each chart is an SVG image
 * with a text alternative, followed by the table with its data.
 */
export function renderAnnualReportHtml(report: AnnualReport, options: ExportOptions): string {
  const model = buildReportDocument(report, options);
  const body: string[] = [];
  let open = false;
  model.blocks.forEach((block, i) => {
    if (block.kind === 'heading' && block.level < 3) {
      if (open) body.push('</section>');
      const id = sectionId(block.text, i);
      body.push(
        `<section aria-labelledby="${id}">`,
        `<h${block.level + 1} id="${id}">${esc(block.text)}</h${block.level + 1}>`,
      );
      open = true;
      return;
    }
    body.push(renderBlock(block));
  });
  if (open) body.push('</section>');
  return `<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(model.title)} – ${esc(model.team)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(model.coverTitle)}</h1>
<p class="subtitle">${esc(model.subtitle)}</p>
<p class="team">${esc(model.team)}${model.institution ? `<br>${esc(model.institution)}` : ''}</p>
${body.join('\n')}
</main>
</body>
</html>
`;
}

/** "2.1 Aantal meldingen" → "h-2-1"; the partner section keeps the id other pages link to. */
function sectionId(text: string, index: number): string {
  const number = /^(\d+(?:\.\d+)*)\s/.exec(text)?.[1];
  return number ? `h-${number.replace(/\./g, '-')}` : `h-${index}`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.id === 'partners'
        ? `<h4 id="h-partners">${esc(block.text)}</h4>`
        : `<h4>${esc(block.text)}</h4>`;
    case 'paragraph':
      return `<p${block.tone === 'body' ? '' : ` class="${block.tone}"`}>${esc(block.text)}</p>`;
    case 'bullets':
      return `<ul>${block.items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
    case 'chart':
      return `<figure>${chartSvg(block).svg}<figcaption>${esc(`${block.number} ${block.caption}`)}</figcaption></figure>`;
    case 'table':
      return renderTable(block);
  }
}

function renderTable(table: TableBlock): string {
  const cells = (texts: string[], row: string) =>
    texts
      .map((text, i) =>
        i === 0
          ? `<th scope="row"${row === 'sub' ? ' class="sub"' : ''}>${esc(text)}</th>`
          : `<td>${esc(text)}</td>`,
      )
      .join('');
  const body = table.rows.filter((r) => r.role !== 'total');
  const total = table.rows.filter((r) => r.role === 'total');
  return `<table data-testid="${table.id}">
<caption>${esc(table.caption)}</caption>
<thead><tr>${table.columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>${body
    .map(
      (r) =>
        `<tr>${cells(
          r.cells.map((c) => c.text),
          r.role,
        )}</tr>`,
    )
    .join('\n')}</tbody>
${
  total.length
    ? `<tfoot>${total
        .map(
          (r) =>
            `<tr>${cells(
              r.cells.map((c) => c.text),
              r.role,
            )}</tr>`,
        )
        .join('')}</tfoot>`
    : ''
}
</table>`;
}

const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;margin:0;line-height:1.5}
main{max-width:48rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:1.9rem;margin:0 0 .25rem}
h2{font-size:1.5rem;margin:2.5rem 0 .5rem;color:#00607a}
h3{font-size:1.2rem;margin:1.75rem 0 .5rem;color:#00607a}
h4{font-size:1rem;margin:1.25rem 0 .25rem}
.subtitle{color:#00607a;font-size:1.2rem;margin:0}
.team{color:#444;margin-top:.5rem}
.note{font-style:italic;font-size:.9rem}
.placeholder{font-style:italic;color:#666}
figure{margin:1rem 0}
figcaption{font-style:italic;font-size:.9rem}
svg.chart{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border-bottom:1px solid #b0b0b0;padding:.25rem .5rem;text-align:right;vertical-align:top}
th[scope=row],thead th:first-child{text-align:left;font-weight:normal}
th.sub{padding-left:1.5rem;color:#444}
thead th{background:#e6eff2;border-bottom:2px solid #333}
tfoot th,tfoot td{font-weight:bold;border-top:2px solid #333}
@media print{main{max-width:none;padding:0}h2{break-before:page}h2,h3,h4,caption{break-after:avoid}table,figure{break-inside:avoid}}
`;
