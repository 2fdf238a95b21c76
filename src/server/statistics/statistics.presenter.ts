import { suppressColumn, type SuppressedCell } from '../../domain/suppression.js';

/**
 * A table of counts per row key and year column, as the board sees it: every year column
 * suppressed on its own (domain/suppression.ts), rows in key order so that the same column gives
 * the same cells in every table of the page. A year in `withheld` shows nothing, total included.
 */
export interface SuppressedTable {
  years: number[];
  rows: { key: string; label: string; cells: SuppressedCell[] }[];
  totals: (number | null)[];
}

export type Column = Map<string, number>;

const LAST = new Set(['undefined', 'unknown']);

export function suppressYearColumns(
  columns: Map<number, Column>,
  threshold: number,
): { cells: Map<number, Map<string, SuppressedCell>>; unprotectable: Set<number> } {
  const cells = new Map<number, Map<string, SuppressedCell>>();
  const unprotectable = new Set<number>();
  for (const [year, column] of columns) {
    const keys = [...column.keys()].sort();
    const result = suppressColumn(
      keys.map((k) => column.get(k) ?? 0),
      threshold,
    );
    if (!result.published) unprotectable.add(year);
    cells.set(year, new Map(keys.map((k, i) => [k, result.cells[i]!])));
  }
  return { cells, unprotectable };
}

export function presentTable(
  years: number[],
  columns: Map<number, Column>,
  threshold: number,
  withheld: Set<number>,
  label: (key: string) => string,
): SuppressedTable {
  const { cells } = suppressYearColumns(columns, threshold);
  const keys = [...new Set([...columns.values()].flatMap((c) => [...c.keys()]))].sort();
  const hidden: SuppressedCell = { kind: 'hidden' };
  return {
    years,
    rows: keys
      .map((key) => ({
        key,
        label: label(key),
        cells: years.map((y): SuppressedCell =>
          withheld.has(y) ? hidden : (cells.get(y)?.get(key) ?? { kind: 'shown', count: 0 }),
        ),
      }))
      // "Ongedefinieerd" / "Onbekend" last, as in the published report (issue 20)
      .sort(
        (a, b) =>
          Number(LAST.has(a.key)) - Number(LAST.has(b.key)) || a.label.localeCompare(b.label),
      ),
    totals: years.map((y) =>
      withheld.has(y) ? null : [...(columns.get(y)?.values() ?? [])].reduce((a, b) => a + b, 0),
    ),
  };
}
