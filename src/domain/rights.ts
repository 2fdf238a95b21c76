/**
 * Data-subject rights (GDPR art. 12, 15–17) and the accused's information duty (art. 14): the
 * legal term of a request, the reasons a decision may give, and what a reminder is due. Pure.
 */
export const RIGHTS_SUBJECTS = ['reporter', 'accused'] as const;
export const RIGHTS_KINDS = ['access', 'correction', 'erasure'] as const;
export type RightsSubject = (typeof RIGHTS_SUBJECTS)[number];
export type RightsKind = (typeof RIGHTS_KINDS)[number];

/** Why a request was granted (art. 17(1) for erasure) or refused (art. 17(3), art. 23 / UAVG art. 41). */
export const GRANT_REASONS = [
  'request_founded',
  'no_longer_needed',
  'consent_withdrawn',
  'objection',
  'unlawful',
] as const;
export const REFUSAL_REASONS = [
  'legal_obligation',
  'legal_claims',
  'protect_others',
  'ongoing_investigation',
  'unfounded',
] as const;
export type GrantReason = (typeof GRANT_REASONS)[number];
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Art. 12(3): one month after receipt; extendable by two further months when complex or numerous. */
export const TERM_MONTHS = 1;
export const EXTENSION_MONTHS = 2;
/** The coordinator is reminded this many days before a request's term runs out. */
export const REMIND_DAYS_BEFORE = 7;

/** A date plus whole months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** When a request received on `requestedOn` must be answered. */
export const dueOnFor = (requestedOn: string) => addMonths(requestedOn, TERM_MONTHS);

/** The new due date after one extension; the extension runs from the original term. */
export const extendedDueOn = (requestedOn: string) =>
  addMonths(requestedOn, TERM_MONTHS + EXTENSION_MONTHS);

/** The day the coordinator is reminded of an open request. */
export const reminderOn = (dueOn: string) => addDays(dueOn, -REMIND_DAYS_BEFORE);

/** Days left until the due date (negative when overdue). */
export function daysLeft(dueOn: string, today: string): number {
  return Math.round(
    (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** Which reason codes fit a decision. */
export const reasonsFor = (decision: 'granted' | 'refused'): readonly string[] =>
  decision === 'granted' ? GRANT_REASONS : REFUSAL_REASONS;
