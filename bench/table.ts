import type { EngineResult } from './engine.js';
import type { LoadResult } from './http-load.js';
import { round } from './stats.js';

type Row = [string, ...string[]];

const load = (r: LoadResult) =>
  `${Math.round(r.perSecond)}/s p50 ${round(r.p50)} p99 ${round(r.p99)} ms${r.errors ? ` (${r.errors} errors)` : ''}`;
const ratio = (app: number, raw: number) => `${round(app / raw, 2)}×`;
const kib = (bytes: number) => `${round(bytes / 1024)} KiB`;

/** One column per engine; each application figure next to the raw figure and their ratio. */
export function tableRows(results: EngineResult[]): Row[] {
  const rows: Row[] = [['', ...results.map((r) => r.engine)]];
  const add = (label: string, cell: (r: EngineResult) => string) =>
    rows.push([label, ...results.map(cell)]);
  add('intake anonymous (HTTP)', (r) => load(r.intake.anonymous));
  add('  raw SQL, same inserts', (r) => load(r.intake.rawAnonymous));
  add('  ratio app/raw (throughput)', (r) =>
    ratio(r.intake.anonymous.perSecond, r.intake.rawAnonymous.perSecond),
  );
  add('intake named (HTTP)', (r) => load(r.intake.named));
  add('  raw SQL, same inserts', (r) => load(r.intake.rawNamed));
  add('  ratio app/raw (throughput)', (r) =>
    ratio(r.intake.named.perSecond, r.intake.rawNamed.perSecond),
  );
  const sizes = [...new Set(results.flatMap((r) => r.annualReport.map((a) => a.cases)))].sort(
    (a, b) => a - b,
  );
  for (const n of sizes) {
    const at = (r: EngineResult) => r.annualReport.find((a) => a.cases === n);
    add(`annual report, ${n.toLocaleString('en')} cases`, (r) =>
      at(r) ? `${round(at(r)!.reportMs)} ms` : '—',
    );
    add('  raw SQL, the same aggregate', (r) => (at(r) ? `${round(at(r)!.rawMs)} ms` : '—'));
    add('  ratio report/raw', (r) => (at(r) ? ratio(at(r)!.reportMs, at(r)!.rawMs) : '—'));
    add('  naive GROUPING SETS, for scale', (r) =>
      at(r)?.naiveMs ? `${round(at(r)!.naiveMs)} ms` : '—',
    );
  }
  add(
    'inbox at N cases (HTTP)',
    (r) => `N=${r.staff.cases.toLocaleString('en')}: ${load(r.staff.inbox)}`,
  );
  add('search by reference (HTTP)', (r) => load(r.staff.search));
  add('filter category+year (HTTP)', (r) => load(r.staff.filter));
  add('  the same, one client at a time', (r) => load(r.staff.filterSingle));
  add('first start to healthy (fresh)', (r) => `${Math.round(r.startup.freshMs)} ms`);
  add('second start to healthy', (r) =>
    r.startup.secondMs ? `${Math.round(r.startup.secondMs)} ms` : '—',
  );
  add(
    'restart to healthy',
    (r) =>
      `${Math.round(r.startup.restartMs)} ms (${r.startup.restartCases.toLocaleString('en')} cases)`,
  );
  add(
    'server RSS at rest / under load',
    (r) => `${r.startup.rssIdleMiB} / ${r.startup.rssLoadMiB} MiB`,
  );
  add('at rest, server + database', (r) =>
    r.startup.databaseIdleMiB !== undefined
      ? `${r.startup.rssIdleMiB} + ${r.startup.databaseIdleMiB} = ${r.startup.rssIdleMiB + r.startup.databaseIdleMiB} MiB`
      : 'server only (shared database)',
  );
  for (const path of ['/', '/melden']) {
    const at = (r: EngineResult) => r.publicPages.find((p) => p.path === path)!;
    add(`page ${path}: gzip HTML + CSS`, (r) => `${kib(at(r).htmlBytes)} + ${kib(at(r).cssBytes)}`);
    add(`page ${path}: render (HTTP)`, (r) => `p50 ${round(at(r).p50)} p99 ${round(at(r).p99)} ms`);
  }
  return rows;
}

/** The table as aligned plain text, for the terminal. */
export function formatTable(results: EngineResult[]): string {
  const rows = tableRows(results);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

/** The same table in Markdown, for docs/performance.md: `npx tsx bench/markdown.ts FILE.json`. */
export function formatMarkdown(results: EngineResult[]): string {
  const [head, ...body] = tableRows(results);
  const line = (cells: string[]) => `| ${cells.map((c) => c.trim()).join(' | ')} |`;
  return [line(head!), line(head!.map(() => '---')), ...body.map(line)].join('\n');
}
