import type { NationalCell } from '../../src/domain/national-suppression.js';

/**
 * An adversary who sees a column's shown cells and its total and knows the rule: "< t" is 1..t−1,
 * "few" (a figure from fewer institutions than the minimum) is at least t, a complementary cell is
 * t..(the smallest non-zero shown count). It enumerates every integer assignment of the hidden
 * cells that adds up to the total and returns the hidden cells that can take only one value.
 * Written apart from the code under test.
 */
export function recoverableCells(
  display: readonly NationalCell[],
  thresholds: readonly number[],
  total: number,
): number[] {
  const shown = display.flatMap((c) => (c.kind === 'shown' ? [c.count] : []));
  const rest = total - shown.reduce((a, b) => a + b, 0);
  const cap = Math.min(rest, ...shown.filter((n) => n > 0));
  const ranges = display.map((c, i) =>
    c.kind === 'small'
      ? [1, thresholds[i]! - 1]
      : c.kind === 'few'
        ? [thresholds[i]!, rest]
        : c.kind === 'hidden'
          ? [thresholds[i]!, cap]
          : null,
  );
  const hidden = ranges.flatMap((r, i) => (r ? [i] : []));
  const seen = hidden.map(() => new Set<number>());
  const walk = (k: number, left: number, picked: number[]) => {
    if (k === hidden.length) {
      if (left === 0) picked.forEach((v, j) => seen[j]!.add(v));
      return;
    }
    const [lo, hi] = ranges[hidden[k]!]!;
    for (let v = lo!; v <= Math.min(hi!, left); v++) walk(k + 1, left - v, [...picked, v]);
  };
  walk(0, rest, []);
  return hidden.filter((_, j) => seen[j]!.size <= 1);
}
