import type { Lang } from '../domain/taxonomy.js';

const TIME_ZONE = 'Europe/Amsterdam';
const locale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/** "3 maart 2026" / "3 March 2026" for a calendar date (YYYY-MM-DD) or an instant (in Amsterdam time). */
export function formatDate(value: string | Date, lang: Lang): string {
  const at = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
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
