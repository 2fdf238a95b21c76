import type { AnnualReport, Breakdown, ReportEntry } from '../../domain/annual-report.js';
import type { ReportText } from './report-text.js';
import type { Lang } from '../../domain/taxonomy.js';
import { formatCount, formatShare } from './report-format.js';
import { presentationOrder } from './report-order.js';

/** One breakdown as a table: count and share of the year, and of the previous year. */
export function BreakdownTable({
  report,
  breakdown,
  text,
  lang,
}: {
  report: AnnualReport;
  breakdown: Breakdown;
  text: ReportText;
  lang: Lang;
}) {
  // The published report's order and figures (issue 20): process order for follow-up,
  // "Ongedefinieerd" last, Dutch number style, "–" for a year without data, "< 1%".
  const entries: ReportEntry[] = presentationOrder(breakdown, report[breakdown], lang);
  const now = (n: number) => formatCount(n, report.total, lang);
  const before = (n: number) => formatCount(n, report.previousTotal, lang);
  if (entries.length === 0) return <p>{text.noData}</p>;
  return (
    <div class="report-table-wrap">
      <table class="utrecht-table report-table" data-testid={`table-${breakdown}`}>
        <caption>
          {text.sections[breakdown]} ({report.year}, {report.previousYear})
        </caption>
        <thead>
          <tr>
            <th scope="col">{text.key}</th>
            <th scope="col">
              {text.count} {report.year}
            </th>
            <th scope="col">
              {text.percent} {report.year}
            </th>
            <th scope="col">
              {text.count} {report.previousYear}
            </th>
            <th scope="col">
              {text.percent} {report.previousYear}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <>
              <tr data-key={e.key}>
                <th scope="row">{e.label}</th>
                <td>{now(e.count)}</td>
                <td>{formatShare(e.count, e.percent, report.total, lang)}</td>
                <td>{before(e.previousCount)}</td>
                <td>
                  {formatShare(e.previousCount, e.previousPercent, report.previousTotal, lang)}
                </td>
              </tr>
              {breakdown === 'byCategory' &&
                (report.byCategory.find((c) => c.key === e.key)?.subtypes ?? []).map((s) => (
                  <tr class="report-subtype" data-key={`${e.key}.${s.key}`}>
                    <th scope="row">
                      {text.subtypes} {s.label}
                    </th>
                    <td>{now(s.count)}</td>
                    <td></td>
                    <td></td>
                    <td></td>
                  </tr>
                ))}
            </>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{text.total}</th>
            <td data-testid={`total-${breakdown}`}>{now(report.total)}</td>
            <td></td>
            <td>{before(report.previousTotal)}</td>
            <td></td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
