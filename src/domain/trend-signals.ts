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

export function isSharpRise(count: number, previous: [number, number]): boolean {
  const mean = (previous[0] + previous[1]) / 2;
  return count >= SIGNAL_RISE_FACTOR * mean && count - mean >= SIGNAL_MIN_INCREASE;
}

/** `raw` holds the true counts of the year and the two before; `shown` what the board sees of them. */
export function findSharpRises(rows: { key: string; raw: [number, number, number]; shown: [SuppressedCell, SuppressedCell, SuppressedCell] }[]): TrendSignal[] {
  return rows.flatMap(({ key, raw, shown }) => {
    const [twoBack, oneBack, current] = shown;
    if (current.kind !== 'shown' || !isSharpRise(raw[2], [raw[0], raw[1]])) return [];
    const previousMean = twoBack.kind === 'shown' && oneBack.kind === 'shown' ? (twoBack.count + oneBack.count) / 2 : null;
    return [{ key, count: current.count, previousMean }];
  });
}
