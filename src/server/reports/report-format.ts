import type { Lang } from '../../domain/taxonomy.js';

/**
 * How figures read in the exported report (issue 20): Dutch style in Dutch output (12.355, 6,5,
 * "14 oktober 2025"), "–" where a year has no data, "< 1%" for a share that rounds to 0.
 */
const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

export const NO_DATA = '–';

export function formatNumber(value: number, lang: Lang): string {
  // nl-NL leaves 4-digit numbers ungrouped by default (1234); the published style groups them too.
  return new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: 2,
    useGrouping: 'always',
  } as unknown as Intl.NumberFormatOptions).format(value);
}

/** A count of a year, or "–" when that year has no data at all. */
export function formatCount(count: number, yearTotal: number, lang: Lang): string {
  return yearTotal > 0 ? formatNumber(count, lang) : NO_DATA;
}

/** A whole-number share: "–" for a year without data, "< 1%" for a non-zero count that rounds to 0. */
export function formatShare(count: number, percent: number, yearTotal: number, lang: Lang): string {
  if (yearTotal <= 0) return NO_DATA;
  if (count > 0 && percent === 0) return '< 1%';
  return `${formatNumber(percent, lang)}%`;
}

/** A date as "14 oktober 2025" (Dutch) or "14 October 2025". Accepts YYYY-MM-DD or a Date. */
export function formatDate(value: string | Date, lang: Lang): string {
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Localized comparison of labels, for ties. */
export function compareLabels(a: string, b: string, lang: Lang): number {
  return a.localeCompare(b, LOCALE[lang], { sensitivity: 'base' });
}
