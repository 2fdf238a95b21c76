/** When a closed case is due for erasure: closed_on + the team's retention months (pure). */
export function erasureDueOn(closedOn: string, retentionMonths: number): string {
  const d = new Date(`${closedOn}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + retentionMonths);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

export function isErasureDue(
  c: { closedOn: string | null; retentionHold: boolean; erasedAt: Date | null },
  retentionMonths: number,
  today: string,
): boolean {
  return (
    c.closedOn !== null &&
    !c.retentionHold &&
    c.erasedAt === null &&
    erasureDueOn(c.closedOn, retentionMonths) <= today
  );
}

/**
 * Tables whose rows hold a case's content or identities (sealed with its data key), deleted on
 * erasure, children first. The statistical row in "case" and the audit trail stay. Tables
 * that do not exist (yet) in this installation are skipped.
 */
export const CONTENT_TABLES = [
  'case_attachment',
  'case_message',
  'case_minutes',
  'reporter_session',
  'reporter_notification',
  'appointment',
  'case_contact',
  'case_task',
  'case_assignment',
  'case_status_change',
  'case_party',
  'consent_grant',
  'consent_override',
  'identity_access',
  'accused_information',
  'case_key',
] as const;
