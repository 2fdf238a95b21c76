import { categoryLabel, type AnnualReport, type Breakdown, type ReportEntry } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { escapeXml as esc } from '../../ui/charts.js';
import { BREAKDOWN_ORDER, reportText, type ExportOptions, type ReportText } from './report-text.js';
import { CHARTED, renderReportChart } from './report-charts.js';
import { renderChaptersHtml } from './report-chapters.js';

/**
 * A self-contained, printable HTML document: no scripts, no external resources. Each chart
 * is an SVG image with a text alternative, followed by the table with its data.
 */
export function renderAnnualReportHtml(report: AnnualReport, { lang, teamName, chapters }: ExportOptions): string {
  const text = reportText(lang);
  const sections = BREAKDOWN_ORDER.map((b) => renderSection(report, b, lang, text)).join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(text.title(report.year))} – ${esc(teamName ?? report.team)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(text.title(report.year))}</h1>
<p class="team">${esc(teamName ?? report.team)}</p>
<p>${esc(text.totalSentence(report.year, report.total, report.previousYear, report.previousTotal))}</p>
<p class="note">${esc(text.roundingNote)}</p>
${sections}
${renderPartners(report, lang, text)}
${chapters ? renderChaptersHtml(chapters, lang) : ''}
</main>
</body>
</html>
`;
}

function renderSection(report: AnnualReport, breakdown: Breakdown, lang: Lang, text: ReportText): string {
  const chart = CHARTED.includes(breakdown) ? `<figure>${renderReportChart(report, breakdown, lang)}</figure>\n` : '';
  return `<section aria-labelledby="h-${breakdown}">
<h2 id="h-${breakdown}">${esc(text.sections[breakdown])}</h2>
${chart}${renderTable(report, breakdown, text)}
</section>`;
}

function renderTable(report: AnnualReport, breakdown: Breakdown, text: ReportText): string {
  const entries: ReportEntry[] = report[breakdown];
  if (entries.length === 0) return `<p>${esc(text.noData)}</p>`;
  const rows = entries.map((e) => {
    const subtypes = breakdown === 'byCategory' ? (report.byCategory.find((c) => c.key === e.key)?.subtypes ?? []) : [];
    const sub = subtypes
      .map((s) => `<tr class="sub"><th scope="row">${esc(text.subtypes)} ${esc(s.label)}</th><td>${s.count}</td><td></td><td></td><td></td></tr>`)
      .join('');
    return `<tr><th scope="row">${esc(e.label)}</th><td>${e.count}</td><td>${e.percent}%</td><td>${e.previousCount}</td><td>${e.previousPercent}%</td></tr>${sub}`;
  });
  return `<table>
<caption>${esc(text.sections[breakdown])} (${report.year}, ${report.previousYear})</caption>
<thead><tr><th scope="col">${esc(text.key)}</th><th scope="col">${esc(text.count)} ${report.year}</th><th scope="col">${text.percent} ${report.year}</th><th scope="col">${esc(text.count)} ${report.previousYear}</th><th scope="col">${text.percent} ${report.previousYear}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
<tfoot><tr><th scope="row">${esc(text.total)}</th><td>${report.total}</td><td></td><td>${report.previousTotal}</td><td></td></tr></tfoot>
</table>`;
}

function renderPartners(report: AnnualReport, lang: Lang, text: ReportText): string {
  const body =
    report.partnerCounts.length === 0
      ? `<p>${esc(text.noPartnerCounts)}</p>`
      : `<table>
<caption>${esc(text.partnerTitle)} (${report.year})</caption>
<thead><tr><th scope="col">${esc(text.service)}</th><th scope="col">${esc(text.category)}</th><th scope="col">${esc(text.count)}</th></tr></thead>
<tbody>${report.partnerCounts
          .map((p) => `<tr><th scope="row">${esc(vocabLabel('partnerService', p.service, lang))}</th><td>${esc(p.category ? categoryLabel(p.category, lang) : '–')}</td><td>${p.count}</td></tr>`)
          .join('\n')}</tbody>
</table>`;
  return `<section aria-labelledby="h-partners" class="partners">
<h2 id="h-partners">${esc(text.partnerTitle)}</h2>
<p>${esc(text.partnerNote)}</p>
${body}
</section>`;
}

const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;margin:0;line-height:1.5}
main{max-width:48rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:1.75rem;margin:0 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #00607a}
.team{color:#444;margin-top:0}
.note{font-style:italic}
figure{margin:1rem 0}
svg.chart{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:right}
th[scope=row],thead th:first-child{text-align:left}
tr.sub th{font-weight:normal;padding-left:1.5rem}
thead,tfoot{background:#eef3f5}
@media print{main{max-width:none;padding:0}section{break-inside:avoid}h2{break-after:avoid}}
`;
