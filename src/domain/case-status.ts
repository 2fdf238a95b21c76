import { FOLLOW_UPS, type FollowUp } from './taxonomy.js';

/**
 * THE case status machine (domain.md, "the life of a report"):
 *
 *   received → intake → in_progress → aftercare → closed
 *
 * A case may be closed from any open status (a report that is only registered closes at
 * once); aftercare may go back to in_progress when threats return; a closed case reopens to
 * in_progress, and only with a reason. Closing needs a follow-up code and a closing date.
 */
export const CASE_STATUSES = ['received', 'intake', 'in_progress', 'aftercare', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const FORWARD: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['intake', 'in_progress', 'closed'],
  intake: ['in_progress', 'closed'],
  in_progress: ['aftercare', 'closed'],
  aftercare: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

export type TransitionError =
  | 'unknown_status'
  | 'not_allowed'
  | 'reason_required'
  | 'follow_up_required'
  | 'closed_on_required'
  | 'closed_on_before_received'
  | 'closed_on_in_future';

export interface TransitionRequest {
  from: string;
  to: string;
  reason?: string;
  followUp?: string;
  closedOn?: string;
  receivedOn: string;
  today: string;
}

export type TransitionResult =
  { ok: true; to: CaseStatus; isReopen: boolean } | { ok: false; error: TransitionError };

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** The statuses a case may move to next. */
export function nextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return FORWARD[from];
}

export function isOpenStatus(status: string): boolean {
  return status !== 'closed';
}

/** Checks one status change against the machine; dates are ISO calendar dates. */
export function checkTransition(r: TransitionRequest): TransitionResult {
  if (!isCaseStatus(r.from) || !isCaseStatus(r.to)) return { ok: false, error: 'unknown_status' };
  if (!FORWARD[r.from].includes(r.to)) return { ok: false, error: 'not_allowed' };
  const isReopen = r.from === 'closed';
  if (isReopen && !r.reason?.trim()) return { ok: false, error: 'reason_required' };
  if (r.to === 'closed') {
    if (!r.followUp || !(FOLLOW_UPS as readonly string[]).includes(r.followUp))
      return { ok: false, error: 'follow_up_required' };
    if (!r.closedOn || !/^\d{4}-\d{2}-\d{2}$/.test(r.closedOn))
      return { ok: false, error: 'closed_on_required' };
    if (r.closedOn < r.receivedOn) return { ok: false, error: 'closed_on_before_received' };
    if (r.closedOn > r.today) return { ok: false, error: 'closed_on_in_future' };
  }
  return { ok: true, to: r.to, isReopen };
}

export type { FollowUp };
