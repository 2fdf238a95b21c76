import { AppError } from './errors.js';

/**
 * Refusals by budget kind, counted in this process for /metrics (meldpunt_refusals_total):
 * only the kind, never who, what or when beyond the scrape (decision 025).
 */
export type RefusalKind =
  | 'intake'
  | 'intake_no_script'
  | 'intake_closed'
  | 'proof_invalid'
  | 'mailbox_sign_in'
  | 'mailbox_message'
  | 'appointment'
  | 'password_reset'
  | 'api';

const counts = new Map<RefusalKind, number>();

export function countRefusal(kind: RefusalKind): void {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}

/** Counts the refusal and answers THROTTLED (429). */
export function refuse(kind: RefusalKind): never {
  countRefusal(kind);
  throw new AppError('THROTTLED');
}

export function refusalCounts(): [RefusalKind, number][] {
  return [...counts];
}
