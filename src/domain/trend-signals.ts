import type { SuppressedCell } from './suppression.js';

/**
 * Signals for unsolicited advice (issue 7): a category or unit "rises sharply" in a year when its
 * count is at least 1.5 × the mean of the two years before AND at least 5 more than that mean.
 * Both conditions: +50 % alone fires on 2 → 3, +5 alone on 100 → 105. Only cells the board may see
 * (shown after suppression) give a signal, so a signal never reveals a hidden count.
 */
export const SIGNAL_RISE_FACTOR = 1.5;
export const SIGNAL_MIN_INCREASE = 5;

export interface TrendSignal {
  key: string;
  count: number;
  /** Mean of the two previous years, when both of them are shown; else null. */
  previousMean: number | null;
}

export function isSharpRise(count: number, previous: number[]): boolean {
  if (previous.length === 0) return false;
  const mean = previous.reduce((a, b) => a + b, 0) / previous.length;
  return count >= SIGNAL_RISE_FACTOR * mean && count - mean >= SIGNAL_MIN_INCREASE;
}

/**
 * `raw` holds the true counts of the two years before and the year itself (last); `shown` what the
 * board sees of them. Only years that have data are given (issue 20): a year without any report is
 * no evidence of a zero, so it is left out of the mean instead of pulling it down.
 */
export function findSharpRises(
  rows: { key: string; raw: number[]; shown: SuppressedCell[] }[],
): TrendSignal[] {
  return rows.flatMap(({ key, raw, shown }) => {
    const current = shown.at(-1);
    const previous = raw.slice(0, -1);
    if (!current || current.kind !== 'shown' || !isSharpRise(raw.at(-1)!, previous)) return [];
    const before = shown.slice(0, -1);
    const previousMean =
      before.length === 2 && before.every((c) => c.kind === 'shown')
        ? before.reduce((s, c) => s + (c.kind === 'shown' ? c.count : 0), 0) / before.length
        : null;
    return [{ key, count: current.count, previousMean }];
  });
}
