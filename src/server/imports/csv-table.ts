import { parse } from 'csv-parse/sync';

/** A data row of an imported CSV file: `row` counts data rows from 1, `line` is its line in the file. */
export interface CsvRow {
  row: number;
  line: number;
  values: Record<string, string>;
}

export class ImportError extends Error {}

/** "row 2 (line 3): reason" — the convention of every import error. */
export function rowError(row: Pick<CsvRow, 'row' | 'line'>, reason: string): ImportError {
  return new ImportError(`row ${row.row} (line ${row.line}): ${reason}`);
}

/**
 * Parses RFC 4180 CSV (UTF-8, optional byte-order mark, header row) and checks the header:
 * every required column present, no unknown or repeated column.
 */
export function parseCsvTable(
  text: string,
  columns: { required: string[]; optional: string[] },
): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ImportError(`not valid CSV at line ${e.lines ?? '?'}: ${e.message.split('\n')[0]}`);
  }
  const [head, ...data] = records;
  if (!head) throw new ImportError('the file is empty; expected a header row');
  const header = head.record.map((h) => h.trim().toLowerCase());
  const known = new Set([...columns.required, ...columns.optional]);
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name))
      throw new ImportError(
        `unknown column "${name}" in the header (known: ${[...known].join(', ')})`,
      );
    if (seen.has(name)) throw new ImportError(`column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const missing = columns.required.filter((c) => !seen.has(c));
  if (missing.length > 0)
    throw new ImportError(
      `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    );
  return data.map(({ record, info }, i) => {
    const newlines = record.reduce((n, field) => n + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    const at = { row: i + 1, line: info.lines - newlines };
    if (record.length !== header.length)
      throw rowError(at, `expected ${header.length} fields, found ${record.length}`);
    const values: Record<string, string> = {};
    header.forEach((name, j) => (values[name] = record[j] ?? ''));
    return { ...at, values };
  });
}
