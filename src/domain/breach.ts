/**
 * The 72-hour rule of GDPR art. 33: a personal-data breach is reported to the Autoriteit
 * Persoonsgegevens within 72 hours of discovery, unless it is unlikely to result in a risk —
 * a decision that must be recorded with its reason. Until one of the two is recorded, the
 * register reminds: when 48 hours are left, when 12 are left, and once when the deadline passed.
 */
export const BREACH_DEADLINE_HOURS = 72;
const HOUR = 3_600_000;

export const BREACH_STAGES = [
  { stage: 'left_48h', afterHours: 24 },
  { stage: 'left_12h', afterHours: 60 },
  { stage: 'overdue', afterHours: BREACH_DEADLINE_HOURS },
] as const;
export type BreachStage = (typeof BREACH_STAGES)[number]['stage'];

export interface BreachFacts {
  foundAt: Date;
  apNotifiedAt: Date | null;
  apReason: string | null;
  closedAt: Date | null;
}

/** Decided: the AP was told, or not telling is recorded with a reason (or the record is closed). */
export function isApDecided(b: BreachFacts): boolean {
  return b.apNotifiedAt !== null || (b.apReason ?? '').trim() !== '' || b.closedAt !== null;
}

export function breachDeadline(foundAt: Date): Date {
  return new Date(foundAt.getTime() + BREACH_DEADLINE_HOURS * HOUR);
}

/** The latest reminder stage reached at `now`, or undefined (not yet, or already decided). */
export function breachStage(b: BreachFacts, now: Date): BreachStage | undefined {
  if (isApDecided(b)) return undefined;
  const hours = (now.getTime() - b.foundAt.getTime()) / HOUR;
  let reached: BreachStage | undefined;
  for (const s of BREACH_STAGES) if (hours >= s.afterHours) reached = s.stage;
  return reached;
}

/** Whether the AP was told within 72 hours of discovery (undefined while it was not told). */
export function wasApToldInTime(
  b: Pick<BreachFacts, 'foundAt' | 'apNotifiedAt'>,
): boolean | undefined {
  if (!b.apNotifiedAt) return undefined;
  return b.apNotifiedAt.getTime() <= breachDeadline(b.foundAt).getTime();
}
