/**
 * Small-cell suppression for the board's aggregate view (issue 7).
 *
 * One column is a partition of a published total (e.g. the reports of one year by category).
 * - Primary suppression: a count with 0 < count < threshold is shown as "< threshold".
 * - Complementary suppression: further cells (the smallest non-zero shown ones first) are hidden
 *   until no hidden cell can be worked out exactly from the total and the shown cells — by an
 *   attacker who knows this algorithm: a primary cell lies in [1, threshold − 1]; a complementary
 *   cell lies in [threshold, the smallest non-zero shown count] (it was the smallest left).
 * - When that cannot be reached (too few reports), the whole column is withheld, total included.
 * Percentages of hidden cells are hidden as well (the caller shows only `shown` cells' shares).
 */
export type SuppressedCell =
  | { kind: 'shown'; count: number }
  | { kind: 'small' } // primary: fewer than the threshold
  | { kind: 'hidden' }; // complementary: hidden so that a small cell cannot be derived

export interface SuppressedColumn {
  /** False when the column could not be protected: show neither cells nor total. */
  published: boolean;
  cells: SuppressedCell[];
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export function suppressColumn(counts: readonly number[], threshold: number): SuppressedColumn {
  const total = counts.reduce((a, b) => a + b, 0);
  const kinds: SuppressedCell['kind'][] = counts.map((n) =>
    n > 0 && n < threshold ? 'small' : 'shown',
  );
  if (total > 0 && total < threshold) return withheld(counts);
  while (kinds.some((k) => k !== 'shown') && !isProtected(counts, kinds, threshold)) {
    const next = nextComplement(counts, kinds);
    if (next === undefined) return withheld(counts);
    kinds[next] = 'hidden';
  }
  return {
    published: true,
    cells: counts.map((count, i) =>
      kinds[i] === 'shown' ? { kind: 'shown', count } : { kind: kinds[i] as 'small' | 'hidden' },
    ),
  };
}

function withheld(counts: readonly number[]): SuppressedColumn {
  return { published: false, cells: counts.map(() => ({ kind: 'hidden' })) };
}

/** The smallest non-zero shown cell (ties: the first), or undefined. */
function nextComplement(
  counts: readonly number[],
  kinds: SuppressedCell['kind'][],
): number | undefined {
  let best: number | undefined;
  counts.forEach((n, i) => {
    if (kinds[i] === 'shown' && n > 0 && (best === undefined || n < counts[best]!)) best = i;
  });
  return best;
}

/** The range an informed attacker can deduce for every hidden cell; see the file comment. */
export function attackerBounds(
  display: readonly SuppressedCell[],
  total: number,
  threshold: number,
): Array<[number, number] | null> {
  const shownNonZero = display.flatMap((c) => (c.kind === 'shown' && c.count > 0 ? [c.count] : []));
  const maxComplement = shownNonZero.length ? Math.min(...shownNonZero) : Number.POSITIVE_INFINITY;
  const box = display.map((c): [number, number] | null =>
    c.kind === 'small'
      ? [1, threshold - 1]
      : c.kind === 'hidden'
        ? [threshold, maxComplement]
        : null,
  );
  const rest = total - display.reduce((sum, c) => sum + (c.kind === 'shown' ? c.count : 0), 0);
  const sumLo = box.reduce((s, b) => s + (b ? b[0] : 0), 0);
  const sumHi = box.reduce((s, b) => s + (b ? b[1] : 0), 0);
  return box.map((b) =>
    b ? [Math.max(b[0], rest - (sumHi - b[1])), Math.min(b[1], rest - (sumLo - b[0]))] : null,
  );
}

function isProtected(
  counts: readonly number[],
  kinds: SuppressedCell['kind'][],
  threshold: number,
): boolean {
  const display = counts.map((count, i): SuppressedCell =>
    kinds[i] === 'shown' ? { kind: 'shown', count } : { kind: kinds[i] as 'small' },
  );
  const total = counts.reduce((a, b) => a + b, 0);
  return attackerBounds(display, total, threshold).every((b) => b === null || b[1] > b[0]);
}
