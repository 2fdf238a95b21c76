import type { Breakdown, ReportEntry } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import { compareLabels } from './report-format.js';

/**
 * The order in which the published report (seeds/001) shows a breakdown's rows. The JSON and
 * CSV contract keeps "count descending, then key"; documents read in this order instead:
 * - follow-up in the order of the process (registration → advice → informal intervention →
 *   referral → guidance → formal complaint → other), open cases after that;
 * - every other breakdown by count, ties by the localized label;
 * - "Ongedefinieerd" / "Onbekend" always last.
 */
export const FOLLOW_UP_ORDER = [
  'registration',
  'advice',
  'informal_intervention',
  'referral',
  'guidance',
  'formal_complaint',
  'other',
  'open',
];

const LAST_KEYS = new Set(['undefined', 'unknown']);

export function presentationOrder<E extends ReportEntry>(
  breakdown: Breakdown,
  entries: E[],
  lang: Lang,
): E[] {
  const last = (e: E) => (LAST_KEYS.has(e.key) ? 1 : 0);
  const processRank = (e: E) => {
    const i = FOLLOW_UP_ORDER.indexOf(e.key);
    return i < 0 ? FOLLOW_UP_ORDER.length : i;
  };
  return [...entries].sort((a, b) => {
    if (last(a) !== last(b)) return last(a) - last(b);
    if (breakdown === 'byFollowUp') {
      const byProcess = processRank(a) - processRank(b);
      if (byProcess !== 0) return byProcess;
    }
    return b.count - a.count || compareLabels(a.label, b.label, lang);
  });
}
