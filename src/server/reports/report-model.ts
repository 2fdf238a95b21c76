import {
  categoryLabel,
  type AnnualReport,
  type Breakdown,
  type PartnerCountEntry,
  type ReportEntry,
} from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import { DEFAULT_CATEGORIES, type Lang } from '../../domain/taxonomy.js';
import { translator } from '../../i18n/i18n.js';
import type { Bar } from '../../ui/charts.js';
import { describeChart } from '../../ui/charts.js';
import { reportOutline, PLACEHOLDER } from './report-docx-outline.js';
import { chapterBlocks } from './report-model-chapters.js';
import { presentationOrder } from './report-order.js';
import { formatCount, formatNumber, formatShare, NO_DATA } from './report-format.js';
import { reportText, type ExportOptions } from './report-text.js';

/**
 * ONE document model of the annual report (issue 20): chapters, tables, charts, notes and
 * captions in the published report's order (seeds/001). The PDF, Word and spreadsheet
 * exporters only draw this, so the formats cannot drift apart. The JSON and CSV exports keep
 * the contract's shape (counts sorted by count) and do not use it.
 */
export type Align = 'left' | 'right';

export interface Column {
  label: string;
  align: Align;
  /** Share of the table's width. */
  weight: number;
  /** What the column's cells hold, for the spreadsheet's number formats. */
  kind: 'text' | 'count' | 'share';
}

export interface Cell {
  text: string;
  /** The number behind the text: a count, or a share as a fraction (0.24); null when empty or "–". */
  value?: number | null;
}

export interface Row {
  cells: Cell[];
  role: 'body' | 'sub' | 'total';
}

export interface TableBlock {
  kind: 'table';
  id: string;
  /** Spreadsheet sheet name (≤ 31 characters). */
  sheet: string;
  caption: string;
  columns: Column[];
  rows: Row[];
}

export interface ChartBlock {
  kind: 'chart';
  id: string;
  /** "Afbeelding 1." */
  number: string;
  caption: string;
  bars: Bar[];
  description: string;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; inToc: boolean; id?: string }
  | { kind: 'paragraph'; text: string; tone: 'body' | 'placeholder' | 'note' }
  | { kind: 'bullets'; items: string[] }
  | TableBlock
  | ChartBlock;

export interface ReportDocument {
  lang: Lang;
  year: number;
  title: string;
  /** The cover's title, as the published report: "Jaarverslag 2025". */
  coverTitle: string;
  subtitle: string;
  team: string;
  institution: string | null;
  tocTitle: string;
  pageOf: (page: number, pages: number) => string;
  blocks: Block[];
}

/** A category's text for Bijlage 1: the team's own definition, with an optional source. */
export interface CategoryText {
  key: string;
  label: string;
  definition: string;
  source?: string | null;
}

const CHART_OF: Partial<Record<Breakdown, true>> = {
  byOrgUnit: true,
  byCategory: true,
  byFollowUp: true,
};

export function buildReportDocument(report: AnnualReport, options: ExportOptions): ReportDocument {
  const { lang } = options;
  const t = translator(lang);
  const text = reportText(lang);
  const team = options.teamName ?? report.team;
  const blocks: Block[] = [];
  let figure = 0;
  const hasPrevious = report.previousTotal > 0;

  const breakdownBlocks = (breakdown: Breakdown): Block[] => {
    const entries = presentationOrder(breakdown, report[breakdown], lang);
    const out: Block[] = [];
    if (CHART_OF[breakdown] && entries.length > 0 && report.total > 0) {
      figure += 1;
      const caption = text.chartTitle[breakdown]!(report.year);
      const bars = entries.map((e) => ({
        label: e.label,
        value: e.percent,
        valueText: formatShare(e.count, e.percent, report.total, lang),
      }));
      out.push({
        kind: 'chart',
        id: `chart-${breakdown}`,
        number: t('reportDoc.figure', { n: figure }),
        caption,
        bars,
        description: describeChart({ title: caption, bars }),
      });
    }
    out.push(breakdownTable(report, breakdown, entries, lang));
    return out;
  };

  for (const section of reportOutline(team)) {
    blocks.push({ kind: 'heading', level: section.level, text: section.title[lang], inToc: true });
    if (section.isDefinitions) {
      blocks.push(...definitionBlocks(report, options.definitions, lang));
      continue;
    }
    if (section.chapter) {
      blocks.push(...chapterBlocks(options.chapters, section.chapter, lang));
      continue;
    }
    if (!section.tables) {
      blocks.push({ kind: 'paragraph', text: PLACEHOLDER[lang], tone: 'placeholder' });
      continue;
    }
    if (section.tables.includes('byVia')) {
      const sentence = hasPrevious
        ? t('reportDoc.totalSentence', {
            year: report.year,
            total: formatNumber(report.total, lang),
            previousYear: report.previousYear,
            previousTotal: formatNumber(report.previousTotal, lang),
          })
        : t('reportDoc.totalSentenceNoPrevious', {
            year: report.year,
            total: formatNumber(report.total, lang),
          });
      blocks.push({ kind: 'paragraph', text: sentence, tone: 'body' });
    }
    for (const table of section.tables) {
      if (table === 'partnerCounts')
        blocks.push(...partnerBlocks(report, options.previousPartnerCounts, lang));
      else blocks.push(...breakdownBlocks(table));
    }
    if (section.hasRoundingNote)
      blocks.push({ kind: 'paragraph', text: text.roundingNote, tone: 'note' });
  }

  return {
    lang,
    year: report.year,
    title: t('report.title', { year: report.year }),
    coverTitle: t('reportDoc.coverTitle', { year: report.year }),
    subtitle: t('reportDoc.subtitle'),
    team,
    institution: options.institution ?? null,
    tocTitle: t('reportDoc.toc'),
    pageOf: (page, pages) => t('reportDoc.pageOf', { page, pages }),
    blocks,
  };
}

const SHEET_NAMES: Record<Lang, Record<Breakdown | 'partners', string>> = {
  nl: {
    byVia: 'Via',
    byChannel: 'Contactvorm',
    byGender: 'Geslacht',
    byOrgUnit: 'Faculteit',
    byCategory: 'Aard',
    byRelation: 'Relatie',
    byFollowUp: 'Opvolging',
    partners: 'Partners',
  },
  en: {
    byVia: 'Via',
    byChannel: 'Channel',
    byGender: 'Gender',
    byOrgUnit: 'Faculty',
    byCategory: 'Kind',
    byRelation: 'Relation',
    byFollowUp: 'Follow-up',
    partners: 'Partners',
  },
};

function yearColumns(report: AnnualReport, lang: Lang): Column[] {
  const t = translator(lang);
  return [
    { label: t('reportDoc.label'), align: 'left', weight: 40, kind: 'text' },
    {
      label: t('reportDoc.count', { year: report.year }),
      align: 'right',
      weight: 15,
      kind: 'count',
    },
    {
      label: t('reportDoc.share', { year: report.year }),
      align: 'right',
      weight: 15,
      kind: 'share',
    },
    {
      label: t('reportDoc.count', { year: report.previousYear }),
      align: 'right',
      weight: 15,
      kind: 'count',
    },
    {
      label: t('reportDoc.share', { year: report.previousYear }),
      align: 'right',
      weight: 15,
      kind: 'share',
    },
  ];
}

const share = (count: number, total: number): number | null => (total > 0 ? count / total : null);

function entryCells(e: ReportEntry, report: AnnualReport, lang: Lang): Cell[] {
  return [
    { text: e.label },
    { text: formatCount(e.count, report.total, lang), value: report.total > 0 ? e.count : null },
    {
      text: formatShare(e.count, e.percent, report.total, lang),
      value: share(e.count, report.total),
    },
    {
      text: formatCount(e.previousCount, report.previousTotal, lang),
      value: report.previousTotal > 0 ? e.previousCount : null,
    },
    {
      text: formatShare(e.previousCount, e.previousPercent, report.previousTotal, lang),
      value: share(e.previousCount, report.previousTotal),
    },
  ];
}

function breakdownTable(
  report: AnnualReport,
  breakdown: Breakdown,
  entries: ReportEntry[],
  lang: Lang,
): TableBlock {
  const text = reportText(lang);
  const t = translator(lang);
  const rows: Row[] = [];
  for (const e of entries) {
    rows.push({ cells: entryCells(e, report, lang), role: 'body' });
    const subtypes =
      breakdown === 'byCategory'
        ? (report.byCategory.find((c) => c.key === e.key)?.subtypes ?? [])
        : [];
    for (const s of subtypes) {
      rows.push({
        cells: [
          { text: `${t('reportDoc.ofWhich')} ${s.label.toLowerCase()}` },
          { text: formatNumber(s.count, lang), value: s.count },
          { text: '' },
          { text: '' },
          { text: '' },
        ],
        role: 'sub',
      });
    }
  }
  rows.push({
    role: 'total',
    cells: [
      { text: text.total },
      {
        text: formatCount(report.total, report.total, lang),
        value: report.total > 0 ? report.total : null,
      },
      { text: report.total > 0 ? '100%' : NO_DATA, value: report.total > 0 ? 1 : null },
      {
        text: formatCount(report.previousTotal, report.previousTotal, lang),
        value: report.previousTotal > 0 ? report.previousTotal : null,
      },
      {
        text: report.previousTotal > 0 ? '100%' : NO_DATA,
        value: report.previousTotal > 0 ? 1 : null,
      },
    ],
  });
  return {
    kind: 'table',
    id: `table-${breakdown}`,
    sheet: SHEET_NAMES[lang][breakdown],
    caption: `${text.sections[breakdown]} (${report.year})`,
    columns: yearColumns(report, lang),
    rows,
  };
}

/** The seed's order of partner services: study advisers, then psychologists, then any other by label. */
const PARTNER_ORDER = ['study_adviser', 'psychologist'];

function partnerBlocks(
  report: AnnualReport,
  previous: PartnerCountEntry[] | undefined,
  lang: Lang,
): Block[] {
  const t = translator(lang);
  const text = reportText(lang);
  const perService = (list: PartnerCountEntry[]) => {
    const map = new Map<string, number>();
    for (const p of list) map.set(p.service, (map.get(p.service) ?? 0) + p.count);
    return map;
  };
  const now = perService(report.partnerCounts);
  const before = previous ? perService(previous) : new Map<string, number>();
  const hasBefore = before.size > 0;
  const label = (s: string) => vocabLabel('partnerService', s, lang);
  const services = [...new Set([...now.keys(), ...before.keys()])].sort((a, b) => {
    const ia = PARTNER_ORDER.indexOf(a),
      ib = PARTNER_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || label(a).localeCompare(label(b), lang);
  });
  const out: Block[] = [
    { kind: 'heading', level: 3, text: t('reportDoc.partnerTitle'), inToc: false, id: 'partners' },
  ];
  if (services.length === 0)
    return [...out, { kind: 'paragraph', text: text.noPartnerCounts, tone: 'body' }];
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const parts = services
    .filter((s) => now.has(s))
    .map(
      (s) =>
        `${formatNumber(now.get(s)!, lang)} ${lang === 'nl' ? 'bij' : 'by'} ${label(s).toLowerCase()}`,
    );
  out.push({
    kind: 'paragraph',
    text: t('reportDoc.partnerSentence', {
      total: formatNumber(report.total, lang),
      sum: formatNumber(sum(now), lang),
      parts: joinList(parts, lang),
    }),
    tone: 'body',
  });
  const count = (m: Map<string, number>, s: string, has: boolean): Cell =>
    has
      ? { text: formatNumber(m.get(s) ?? 0, lang), value: m.get(s) ?? 0 }
      : { text: NO_DATA, value: null };
  const hasNow = now.size > 0;
  const rows: Row[] = services.map((s) => ({
    role: 'body',
    cells: [{ text: label(s) }, count(now, s, hasNow), count(before, s, hasBefore)],
  }));
  rows.push({
    role: 'total',
    cells: [
      { text: t('reportDoc.partnerSum') },
      hasNow
        ? { text: formatNumber(sum(now), lang), value: sum(now) }
        : { text: NO_DATA, value: null },
      hasBefore
        ? { text: formatNumber(sum(before), lang), value: sum(before) }
        : { text: NO_DATA, value: null },
    ],
  });
  out.push({
    kind: 'table',
    id: 'table-partners',
    sheet: SHEET_NAMES[lang].partners,
    caption: `${t('reportDoc.partnerTitle')} (${report.year})`,
    columns: [
      { label: t('reportDoc.partnerService'), align: 'left', weight: 60, kind: 'text' },
      { label: String(report.year), align: 'right', weight: 20, kind: 'count' },
      { label: String(report.previousYear), align: 'right', weight: 20, kind: 'count' },
    ],
    rows,
  });
  out.push({ kind: 'paragraph', text: text.partnerNote, tone: 'note' });
  return out;
}

function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${items.at(-1)}`;
}

/** Bijlage 1: the categories the report uses, in the team's own words, each with its source when given. */
function definitionBlocks(
  report: AnnualReport,
  texts: CategoryText[] | undefined,
  lang: Lang,
): Block[] {
  const t = translator(lang);
  const used = new Set(
    report.byCategory.filter((e) => e.count > 0 || e.previousCount > 0).map((e) => e.key),
  );
  const fallback: CategoryText[] = DEFAULT_CATEGORIES.map((c) => ({
    key: c.key,
    label: c.label[lang],
    definition: c.definition[lang],
  }));
  const known = new Map((texts ?? fallback).map((c) => [c.key, c]));
  const out: Block[] = [];
  const keys = [...used].sort((a, b) =>
    (known.get(a)?.label ?? categoryLabel(a, lang)).localeCompare(
      known.get(b)?.label ?? categoryLabel(b, lang),
      lang,
    ),
  );
  for (const key of keys) {
    const c = known.get(key) ?? fallback.find((f) => f.key === key);
    if (!c) continue;
    out.push(
      { kind: 'heading', level: 3, text: c.label, inToc: false },
      { kind: 'paragraph', text: c.definition, tone: 'body' },
    );
    if (c.source)
      out.push({
        kind: 'paragraph',
        text: t('reportDoc.source', { source: c.source }),
        tone: 'note',
      });
  }
  return out;
}
