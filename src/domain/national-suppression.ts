/**
 * Small-cell suppression across institutions (issue 22, decision 040), for the platform
 * operator's national overview. It extends the board's rule (decision 015, suppression.ts) to a
 * column whose cells are sums over institutions, or whose cells are institutions:
 *
 * - Primary, within: a count with 0 < count < the cell's threshold shows as "< threshold" (each
 *   institution's own threshold for its own figure; the strictest threshold of all institutions
 *   for a national figure).
 * - Primary, across: a non-zero national count built from fewer than `minInstitutions`
 *   institutions is hidden ("few"): with one or two contributors, the national figure is an
 *   institution's own figure, or one institution's figure plus what another already publishes.
 * - Complementary: the smallest non-zero shown cells are hidden, one at a time, until an
 *   adversary who knows this algorithm and sees the column's total cannot pin any hidden cell to
 *   one value by subtracting the shown cells. The adversary's knowledge per hidden cell: "< t" is
 *   1..t−1; "few" is at least t (else it would be "< t"); a complementary cell is between t and
 *   the smallest non-zero shown count (it was the smallest left).
 * - When that cannot be reached, the column is withheld: nothing of it is shown.
 */
export type NationalCell =
  | { kind: 'shown'; count: number }
  | { kind: 'small'; threshold: number }
  | { kind: 'few' }
  | { kind: 'hidden' };

export interface NationalColumnInput {
  count: number;
  /** The smallest count this cell may show (the institution's, or the national threshold). */
  threshold: number;
  /** How many institutions contribute a non-zero count to the cell (1 for an institution's own). */
  institutions: number;
}

export interface NationalColumn {
  published: boolean;
  cells: NationalCell[];
}

/** The fewest institutions a national figure must come from (decision 040). */
export const NATIONAL_MIN_INSTITUTIONS = 3;

export function suppressAcross(
  input: readonly NationalColumnInput[],
  minInstitutions: number,
): NationalColumn {
  const kinds = input.map((c): NationalCell['kind'] =>
    c.count > 0 && c.count < c.threshold
      ? 'small'
      : c.count > 0 && c.institutions < minInstitutions
        ? 'few'
        : 'shown',
  );
  const total = input.reduce((a, c) => a + c.count, 0);
  const columnThreshold = Math.max(0, ...input.map((c) => c.threshold));
  if (total > 0 && total < columnThreshold) return withheld(input);
  while (kinds.some((k) => k !== 'shown') && !isProtected(input, kinds)) {
    const next = smallestShown(input, kinds);
    if (next === undefined) return withheld(input);
    kinds[next] = 'hidden';
  }
  return {
    published: true,
    cells: input.map((c, i): NationalCell => {
      const kind = kinds[i]!;
      if (kind === 'shown') return { kind, count: c.count };
      if (kind === 'small') return { kind, threshold: c.threshold };
      return { kind };
    }),
  };
}

function withheld(input: readonly NationalColumnInput[]): NationalColumn {
  return { published: false, cells: input.map(() => ({ kind: 'hidden' })) };
}

function smallestShown(
  input: readonly NationalColumnInput[],
  kinds: NationalCell['kind'][],
): number | undefined {
  let best: number | undefined;
  input.forEach((c, i) => {
    if (kinds[i] === 'shown' && c.count > 0 && (best === undefined || c.count < input[best]!.count))
      best = i;
  });
  return best;
}

/**
 * The range an adversary can deduce for each hidden cell of a published column (null for a shown
 * cell), from the total, the shown cells and what each kind of hidden cell means.
 */
export function nationalBounds(
  display: readonly NationalCell[],
  thresholds: readonly number[],
  total: number,
): Array<[number, number] | null> {
  const shownNonZero = display.flatMap((c) => (c.kind === 'shown' && c.count > 0 ? [c.count] : []));
  const rest = total - display.reduce((s, c) => s + (c.kind === 'shown' ? c.count : 0), 0);
  const cap = Math.min(rest, ...shownNonZero);
  const box = display.map((c, i): [number, number] | null => {
    const t = thresholds[i]!;
    if (c.kind === 'small') return [1, t - 1];
    if (c.kind === 'few') return [t, rest];
    if (c.kind === 'hidden') return [t, cap];
    return null;
  });
  const sumLo = box.reduce((s, b) => s + (b ? b[0] : 0), 0);
  const sumHi = box.reduce((s, b) => s + (b ? b[1] : 0), 0);
  return box.map((b) =>
    b ? [Math.max(b[0], rest - (sumHi - b[1])), Math.min(b[1], rest - (sumLo - b[0]))] : null,
  );
}

function isProtected(
  input: readonly NationalColumnInput[],
  kinds: NationalCell['kind'][],
): boolean {
  const display = input.map((c, i): NationalCell => {
    const kind = kinds[i]!;
    return kind === 'shown'
      ? { kind, count: c.count }
      : kind === 'small'
        ? { kind, threshold: c.threshold }
        : { kind };
  });
  const total = input.reduce((a, c) => a + c.count, 0);
  return nationalBounds(
    display,
    input.map((c) => c.threshold),
    total,
  ).every((b) => b === null || b[1] > b[0]);
}
