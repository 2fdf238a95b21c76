import { z } from 'zod';
import { getNationalOverview, type NationalOverview } from '../server/platform/overview.service.js';
import { cellText } from '../server/platform/overview.views.js';
import { defaultReportYear } from '../server/reports/report-page.schema.js';
import { translator } from '../i18n/i18n.js';
import type { Lang } from '../domain/taxonomy.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

const Input = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, { error: '--year must be a year like 2025' })
    .transform(Number)
    .optional(),
  format: z
    .enum(['md', 'csv', 'json'], { error: '--format must be md, csv or json' })
    .default('md'),
  lang: z.enum(['nl', 'en'], { error: '--lang must be nl or en' }).default('nl'),
});

/** decision 040: the national overview on the command line, in the platform context. */
export const platformOverviewCommand: Command = {
  summary:
    'the national overview (aggregates only, suppressed): [--year YYYY] [--format md|csv|json] [--lang nl|en]',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['year', 'format', 'lang']);
    if (positional.length > 0) throw new Error(`unexpected argument: ${positional[0]}`);
    const parsed = Input.safeParse(options);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    const { format, lang } = parsed.data;
    const overview = await getNationalOverview(deps.db, {
      year: parsed.data.year ?? defaultReportYear(),
      lang,
      actor: { kind: 'cli' },
    });
    process.stdout.write(
      format === 'json'
        ? `${JSON.stringify(overview, null, 2)}\n`
        : format === 'csv'
          ? toCsv(overview, lang)
          : toMarkdown(overview, lang),
    );
  },
};

/** Every table as rows: table, key, label, value (as on the page: a number, "< 5", "×" …). */
function lines(o: NationalOverview, lang: Lang): string[][] {
  const t = translator(lang);
  const few = t('overview.few', { min: o.minInstitutions });
  const total = (n: number | null) => (n == null ? '×' : String(n));
  return [
    ...o.institutions.rows.map((r) => [
      'institution',
      r.key,
      r.label,
      o.institutions.published ? cellText(r.cell, lang, few) : '×',
    ]),
    ['institution', 'total', t('overview.total'), total(o.institutions.total)],
    ...o.breakdowns.flatMap((b) => [
      ...b.column.rows.map((r) => [
        b.dimension,
        r.key,
        r.label,
        b.column.published ? cellText(r.cell, lang, few) : '×',
      ]),
      [b.dimension, 'total', t('overview.total'), total(b.column.total)],
    ]),
  ];
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function toCsv(o: NationalOverview, lang: Lang): string {
  return [['table', 'key', 'label', 'reports'], ...lines(o, lang)]
    .map((r) => r.map(csvField).join(','))
    .join('\n')
    .concat('\n');
}

function toMarkdown(o: NationalOverview, lang: Lang): string {
  const t = translator(lang);
  const out = [`# ${t('overview.title')} ${o.year}`, ''];
  let table = '';
  for (const [name, , label, value] of lines(o, lang)) {
    if (name !== table) {
      table = name!;
      out.push('', `| ${table} | ${t('overview.reports')} |`, '|---|---:|');
    }
    out.push(`| ${label!.replace(/\|/g, '\\|')} | ${value} |`);
  }
  return `${out.join('\n')}\n`;
}
