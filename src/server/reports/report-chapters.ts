import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { translator, type MessageKey } from '../../i18n/i18n.js';
import { escapeXml as esc } from '../../ui/charts.js';
import { getActivityYear } from '../activities/activities.service.js';
import { listObjectives } from '../objectives/objectives.service.js';

/**
 * Chapters 3 and 4 of the annual report (issue 11): the year's recommendations to the board
 * (3.3), the team's objectives with their status (4.2), and its activities and training hours
 * (4.4). Gathered once per export and shown as tables on the team's report page and in the JSON; the exported documents publish
 * them as the seed does (report-model-chapters.ts, issue 20).
 */
export type ChapterPart = 'recommendations' | 'objectives' | 'activities';

export interface ReportChapters {
  activities: {
    kind: string;
    kindLabel: string;
    title: string;
    heldOn: string;
    status: string;
    statusLabel: string;
    participants: number | null;
    partner: string | null;
  }[];
  trainingHours: { adviser: string; sessions: number; hours: number }[];
  /** The titles of the courses the team followed (held training), without names or hours (issue 20). */
  courses?: string[];
  objectives: ChapterItem[];
  recommendations: ChapterItem[];
}

interface ChapterItem {
  title: string;
  status: string;
  statusLabel: string;
  notes: string | null;
  carriedFromYear: number | null;
}

export async function getReportChapters(
  db: Db,
  teamId: string,
  year: number,
  lang: Lang,
): Promise<ReportChapters> {
  const t = translator(lang);
  const [acts, objs] = await Promise.all([
    getActivityYear(db, teamId, year),
    listObjectives(db, teamId, year),
  ]);
  const item = (o: (typeof objs.objectives)[number]): ChapterItem => ({
    title: o.title,
    status: o.status,
    statusLabel: t(`objectives.status.${o.status}` as MessageKey),
    notes: o.notes,
    carriedFromYear: o.carriedFromYear,
  });
  return {
    activities: acts.activities
      .filter((a) => a.kind !== 'training')
      .map((a) => ({
        kind: a.kind,
        kindLabel: t(`activities.kind.${a.kind}` as MessageKey),
        title: a.title,
        heldOn: a.heldOn,
        status: a.status,
        statusLabel: t(`activities.status.${a.status}` as MessageKey),
        participants: a.participants,
        partner: a.partner,
      })),
    courses: [
      ...new Set(
        acts.activities
          .filter((a) => a.kind === 'training' && a.status === 'held')
          .map((a) => a.title),
      ),
    ],
    trainingHours: acts.trainingHours.map((h) => ({
      adviser: h.name,
      sessions: h.sessions,
      hours: Math.round(h.hours * 100) / 100,
    })),
    objectives: objs.objectives.map(item),
    recommendations: objs.recommendations.map(item),
  };
}

export function hasChapterContent(ch: ReportChapters): boolean {
  return (
    ch.activities.length +
      ch.trainingHours.length +
      ch.objectives.length +
      ch.recommendations.length >
    0
  );
}

interface Words {
  heading: Record<ChapterPart, string>;
  training: string;
  cols: {
    date: string;
    kind: string;
    title: string;
    status: string;
    participants: string;
    adviser: string;
    sessions: string;
    hours: string;
    item: string;
    notes: string;
  };
  none: string;
  carried: (year: number) => string;
}

/** A form label as a column header: without the form's "(optioneel)" (issue 20). */
const columnLabel = (label: string) => label.replace(/\s*\((optioneel|optional)\)$/i, '');

function words(lang: Lang): Words {
  const t = translator(lang);
  return {
    heading: {
      recommendations: t('objectives.recommendations'),
      objectives: t('objectives.objectives'),
      activities: t('activities.list'),
    },
    training: t('activities.trainingHours'),
    cols: {
      date: t('activities.heldOn'),
      kind: t('activities.kind'),
      title: t('activities.titleField'),
      status: t('activities.status'),
      participants: columnLabel(t('activities.participants')),
      adviser: t('activities.adviser.heading'),
      sessions: t('activities.sessions'),
      hours: t('activities.hours'),
      item: t('objectives.titleField'),
      notes: t('objectives.notes'),
    },
    none: t('objectives.none'),
    carried: (year) => t('objectives.carriedFrom', { year }),
  };
}

/** The rows of one part: a header row and data rows, as plain strings. */
function tableOf(ch: ReportChapters, part: ChapterPart | 'training', w: Words): string[][] {
  const c = w.cols;
  switch (part) {
    case 'activities':
      return [
        [c.date, c.kind, c.title, c.status, c.participants],
        ...ch.activities.map((a) => [
          a.heldOn,
          a.kindLabel,
          a.partner ? `${a.title} (${a.partner})` : a.title,
          a.statusLabel,
          a.participants === null ? '–' : String(a.participants),
        ]),
      ];
    case 'training':
      return [
        [c.adviser, c.sessions, c.hours],
        ...ch.trainingHours.map((h) => [h.adviser, String(h.sessions), String(h.hours)]),
      ];
    default:
      return [
        [c.item, c.status, c.notes],
        ...ch[part].map((o) => [
          o.carriedFromYear ? `${o.title} (${w.carried(o.carriedFromYear)})` : o.title,
          o.statusLabel,
          o.notes ?? '',
        ]),
      ];
  }
}

function htmlTable(rows: string[][], caption: string): string {
  const [head, ...body] = rows;
  return `<table>\n<caption>${esc(caption)}</caption>\n<thead><tr>${head!.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>${body
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r[0]!)}</th>${r
          .slice(1)
          .map((v) => `<td>${esc(v)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n')}</tbody>\n</table>`;
}

/** One table of chapters 3 and 4: its heading and rows (header row first; only a header means none). */
export interface ChapterTable {
  id: 'recommendations' | 'objectives' | 'activities' | 'training';
  heading: string;
  rows: string[][];
}

/** Chapters 3 and 4 as tables, in the order of the published report; every exporter draws these. */
export function chapterTables(ch: ReportChapters, lang: Lang): ChapterTable[] {
  const w = words(lang);
  return (['recommendations', 'objectives', 'activities', 'training'] as const).map((id) => ({
    id,
    heading: id === 'training' ? w.training : w.heading[id],
    rows: tableOf(ch, id, w),
  }));
}

/** What a table without rows says. */
export const noChapterRows = (lang: Lang) => words(lang).none;

/** Chapters 3 and 4 for the HTML report. */
export function renderChaptersHtml(ch: ReportChapters, lang: Lang): string {
  return chapterTables(ch, lang)
    .map(({ id, heading, rows }) => {
      const body =
        rows.length > 1 ? htmlTable(rows, heading) : `<p>${esc(noChapterRows(lang))}</p>`;
      return `<section aria-labelledby="h-${id}">\n<h2 id="h-${id}">${esc(heading)}</h2>\n${body}\n</section>`;
    })
    .join('\n');
}
