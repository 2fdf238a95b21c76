import type { AnnualReport, Breakdown, ReportEntry } from '../../domain/annual-report.js';
import type { ReportText } from './report-text.js';

/** One breakdown as a table: count and share of the year, and of the previous year. */
export function BreakdownTable({ report, breakdown, text }: { report: AnnualReport; breakdown: Breakdown; text: ReportText }) {
  const entries: ReportEntry[] = report[breakdown];
  if (entries.length === 0) return <p>{text.noData}</p>;
  return (
    <table class="utrecht-table report-table" data-testid={`table-${breakdown}`}>
      <caption>{text.sections[breakdown]} ({report.year}, {report.previousYear})</caption>
      <thead>
        <tr>
          <th scope="col">{text.key}</th>
          <th scope="col">{text.count} {report.year}</th>
          <th scope="col">{text.percent} {report.year}</th>
          <th scope="col">{text.count} {report.previousYear}</th>
          <th scope="col">{text.percent} {report.previousYear}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <>
            <tr data-key={e.key}>
              <th scope="row">{e.label}</th>
              <td>{e.count}</td>
              <td>{e.percent}%</td>
              <td>{e.previousCount}</td>
              <td>{e.previousPercent}%</td>
            </tr>
            {breakdown === 'byCategory' &&
              (report.byCategory.find((c) => c.key === e.key)?.subtypes ?? []).map((s) => (
                <tr class="report-subtype" data-key={`${e.key}.${s.key}`}>
                  <th scope="row">{text.subtypes} {s.label}</th>
                  <td>{s.count}</td>
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
          <td data-testid={`total-${breakdown}`}>{report.total}</td>
          <td></td>
          <td>{report.previousTotal}</td>
          <td></td>
        </tr>
      </tfoot>
    </table>
  );
}
