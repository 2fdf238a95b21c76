import { describe, expect, it } from 'vitest';
import { suppressColumn, type SuppressedCell } from './suppression.js';

/**
 * An adversary who sees the shown cells and the total and knows the algorithm: a "< t" cell is
 * 1..t-1, a hidden complementary cell is t..(smallest non-zero shown count). It enumerates every
 * integer assignment of the hidden cells that adds up to the total, and collects the values each
 * hidden cell can take. A cell with one possible value is recovered.
 */
function recoverable(display: SuppressedCell[], total: number, t: number): number[] {
  const shown = display.flatMap((c) => (c.kind === 'shown' ? [c.count] : []));
  const cap = Math.min(total, ...shown.filter((n) => n > 0));
  const ranges = display.map((c) =>
    c.kind === 'small' ? [1, t - 1] : c.kind === 'hidden' ? [t, cap] : null,
  );
  const hidden = ranges.flatMap((r, i) => (r ? [i] : []));
  const rest = total - shown.reduce((a, b) => a + b, 0);
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

function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('suppressColumn', () => {
  it('shows "< 5" for a small count and hides the next-smallest so the total cannot reveal it', () => {
    const col = suppressColumn([3, 12, 40, 0], 5);
    expect(col.published).toBe(true);
    expect(col.cells).toEqual([
      { kind: 'small' },
      { kind: 'hidden' },
      { kind: 'shown', count: 40 },
      { kind: 'shown', count: 0 },
    ]);
  });

  it('leaves a column without small counts alone', () => {
    expect(suppressColumn([5, 9, 0, 30], 5).cells.every((c) => c.kind === 'shown')).toBe(true);
  });

  it('hides one more when the complement would be pinned by the smallest shown count', () => {
    // 4 + 50 = 54 with the complement at most 50 would give 4 exactly.
    const col = suppressColumn([4, 50, 50], 5);
    expect(col.cells.filter((c) => c.kind === 'shown')).toHaveLength(0);
    expect(recoverable(col.cells, 104, 5)).toEqual([]);
  });

  it('withholds a column that cannot be protected (a total below the threshold; all cells at t-1)', () => {
    expect(suppressColumn([3, 0, 0], 5).published).toBe(false);
    expect(suppressColumn([4, 4], 5).published).toBe(false);
  });

  it('uses a configurable threshold', () => {
    expect(suppressColumn([7, 20, 30], 10).cells[0]).toEqual({ kind: 'small' });
    expect(suppressColumn([7, 20, 30], 5).cells[0]).toEqual({ kind: 'shown', count: 7 });
  });

  it('never shows a small count and never lets an adversary recover a hidden cell (2,000 random columns)', () => {
    const next = random(42);
    let protectedColumns = 0;
    for (let run = 0; run < 2000; run++) {
      const t = 2 + Math.floor(next() * 5);
      const size = 2 + Math.floor(next() * 4);
      const counts = Array.from({ length: size }, () =>
        next() < 0.2 ? 0 : Math.floor(next() * (next() < 0.5 ? 8 : 25)),
      );
      const total = counts.reduce((a, b) => a + b, 0);
      const col = suppressColumn(counts, t);
      if (!col.published) {
        expect(col.cells.every((c) => c.kind === 'hidden')).toBe(true);
        continue;
      }
      col.cells.forEach((c, i) => {
        if (c.kind === 'shown') {
          expect(c.count).toBe(counts[i]);
          expect(c.count === 0 || c.count >= t).toBe(true);
        }
      });
      if (col.cells.some((c) => c.kind !== 'shown')) protectedColumns++;
      expect(recoverable(col.cells, total, t), JSON.stringify({ counts, t })).toEqual([]);
    }
    expect(protectedColumns).toBeGreaterThan(200); // the property was exercised, not vacuous
  });
});
