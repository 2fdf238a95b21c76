/** Pure date rules of deadlines and check-ins. Dates are ISO calendar dates (YYYY-MM-DD). */

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The inbox's "due" view: an open deadline within this many days. */
export const DUE_WINDOW_DAYS = 7;

export interface DeadlineFacts {
  status: string;
  ackDueOn: string | null;
  acknowledgedOn: string | null;
  feedbackDueOn: string | null;
  feedbackGivenOn: string | null;
}

/** The earliest deadline still open: acknowledgement first, then feedback; none once closed. */
export function nextDueOn(f: DeadlineFacts): string | null {
  if (f.status === 'closed') return null;
  if (!f.acknowledgedOn && f.ackDueOn) return f.ackDueOn;
  if (!f.feedbackGivenOn && f.feedbackDueOn) return f.feedbackDueOn;
  return null;
}

export type DeadlineKind = 'ack' | 'feedback';

export function openDeadlineKind(f: DeadlineFacts): DeadlineKind | null {
  if (f.status === 'closed') return null;
  if (!f.acknowledgedOn && f.ackDueOn) return 'ack';
  if (!f.feedbackGivenOn && f.feedbackDueOn) return 'feedback';
  return null;
}

/** 'overdue' after the date, 'due' from `leadDays` before it, otherwise undefined. */
export function deadlineState(
  dueOn: string | null,
  today: string,
  leadDays: number,
): 'due' | 'overdue' | undefined {
  if (!dueOn) return undefined;
  if (dueOn < today) return 'overdue';
  if (addDays(today, leadDays) >= dueOn) return 'due';
  return undefined;
}

/** The first check-in date after `from` on a schedule of every `weeks` weeks, later than `today`. */
export function nextCheckinAfter(from: string, weeks: number, today: string): string {
  let next = addDays(from, weeks * 7);
  while (next <= today) next = addDays(next, weeks * 7);
  return next;
}

/** The deadlines a new case gets from its team's terms: for staff, intake and imported cases alike. */
export function initialDeadlines(
  receivedOn: string,
  terms: { ackDays: number; feedbackDays: number },
  status = 'received',
) {
  const ackDueOn = addDays(receivedOn, terms.ackDays);
  const feedbackDueOn = addDays(receivedOn, terms.feedbackDays);
  return {
    ackDueOn,
    feedbackDueOn,
    nextDueOn: nextDueOn({
      status,
      ackDueOn,
      acknowledgedOn: null,
      feedbackDueOn,
      feedbackGivenOn: null,
    }),
  };
}
