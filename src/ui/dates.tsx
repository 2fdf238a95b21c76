import type { Lang } from '../domain/taxonomy.js';

const TIME_ZONE = 'Europe/Amsterdam';
const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/** "3 maart 2026" / "3 March 2026" for a calendar date (YYYY-MM-DD) or an instant (in Amsterdam time). */
export function formatDate(value: string | Date, lang: Lang): string {
  const at = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}

/**
 * A calendar date written by a person or a form ("2026-03-03") as people read it; anything that
 * is not a YYYY-MM-DD date is returned unchanged (the reporter's pages, issue 18).
 */
export function formatLongDate(isoDate: string, lang: Lang): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? formatDate(isoDate, lang) : isoDate;
}

/** A month as "maart 2026" / "March 2026". */
export function formatMonth(year: number, month: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** "7,5" in Dutch, "7.5" in English. */
export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits }).format(value);
}

function isoOf(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** A date as people read it, with the machine-readable date in the element (issue 19). */
export function DateText({ value, lang }: { value: string | Date; lang: Lang }) {
  return <time datetime={isoOf(value)}>{formatDate(value, lang)}</time>;
}

/** "3 maart 2026 14:05" / "3 March 2026 14:05": an instant with its time, in Amsterdam time. */
export function formatDateTime(value: Date, lang: Lang): string {
  const time = new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(value);
  return `${formatDate(value, lang)} ${time}`;
}
