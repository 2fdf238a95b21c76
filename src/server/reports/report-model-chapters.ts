import type { Lang } from '../../domain/taxonomy.js';
import { translator } from '../../i18n/i18n.js';
import type { ChapterPart, ReportChapters } from './report-chapters.js';
import { formatDate } from './report-format.js';
import type { Block } from './report-model.js';

/**
 * Chapters 3.3, 4.2 and 4.4 as the published report writes them (issue 20): an item the team
 * explained gets a titled paragraph, the rest are bullets; activities are grouped by kind
 * (Bestuurlijke afstemming, Interne overleggen, …) and the courses followed are listed under
 * "Bijscholing" — never hours per named adviser. A placeholder only where nothing was recorded.
 */
export function chapterBlocks(
  chapters: ReportChapters | undefined,
  part: ChapterPart,
  lang: Lang,
): Block[] {
  const t = translator(lang);
  const none: Block = { kind: 'paragraph', text: t('reportDoc.noRecords'), tone: 'placeholder' };
  if (!chapters) return [none];
  if (part === 'activities') return activityBlocks(chapters, lang, none);
  const items = chapters[part];
  if (items.length === 0) return [none];
  const out: Block[] = [];
  const carried = (year: number | null) =>
    year ? ` (${t('objectives.carriedFrom', { year })})` : '';
  for (const item of items.filter((i) => i.notes?.trim())) {
    out.push(
      { kind: 'heading', level: 3, text: item.title, inToc: false },
      {
        kind: 'paragraph',
        text: `${item.notes!.trim()}${carried(item.carriedFromYear)}`,
        tone: 'body',
      },
    );
  }
  const rest = items.filter((i) => !i.notes?.trim());
  if (rest.length > 0) {
    if (out.length > 0)
      out.push({
        kind: 'heading',
        level: 3,
        text: t(
          part === 'recommendations'
            ? 'reportDoc.otherRecommendations'
            : 'reportDoc.otherObjectives',
        ),
        inToc: false,
      });
    out.push({
      kind: 'bullets',
      items: rest.map((i) => `${i.title}${carried(i.carriedFromYear)}`),
    });
  }
  return out;
}

function activityBlocks(chapters: ReportChapters, lang: Lang, none: Block): Block[] {
  const t = translator(lang);
  const out: Block[] = [];
  const held = chapters.activities.filter((a) => a.status !== 'cancelled');
  const kinds = [...new Set(held.map((a) => a.kindLabel))];
  for (const kind of kinds) {
    const items = held
      .filter((a) => a.kindLabel === kind)
      .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
      .map((a) => `${a.title}${a.partner ? ` (${a.partner})` : ''}, ${formatDate(a.heldOn, lang)}`);
    out.push({ kind: 'heading', level: 3, text: kind, inToc: false }, { kind: 'bullets', items });
  }
  const courses = chapters.courses ?? [];
  if (courses.length > 0)
    out.push(
      { kind: 'heading', level: 3, text: t('reportDoc.training'), inToc: false },
      { kind: 'bullets', items: courses },
    );
  return out.length > 0 ? out : [none];
}
