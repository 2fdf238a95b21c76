/**
 * A calendar date ("2026-03-03") as people write it: "3 maart 2026" / "3 March 2026". Used on
 * the reporter's pages (issue 18); ISO dates stay in forms, files and the staff tables.
 * A value that is not a YYYY-MM-DD date is returned unchanged.
 */
export function formatLongDate(isoDate: string, lang: 'nl' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** A month ("2026-03") as "maart 2026" / "March 2026". */
export function formatMonth(year: number, month: number, lang: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(year, month - 1, 1)));
}
