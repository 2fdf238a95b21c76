import { describe, expect, it } from 'vitest';
import { suppressAcross } from './national-suppression.js';
import { recoverableCells } from '../../test/support/national-adversary.js';

const cell = (count: number, institutions: number, threshold = 5) => ({
  count,
  institutions,
  threshold,
});

describe('suppressAcross (hand-computed)', () => {
  it('hides a national figure from two institutions, and the next-smallest so the total cannot give it', () => {
    // 30 + 8 + 20 + 0 + 25 = 83. Alone, "few" would be 83 − 75 = 8; with 20 hidden too, the two
    // hidden cells add up to 28 and each can be anything from 5 to 23.
    const col = suppressAcross([cell(30, 5), cell(8, 2), cell(20, 4), cell(0, 0), cell(25, 6)], 3);
    expect(col).toEqual({
      published: true,
      cells: [
        { kind: 'shown', count: 30 },
        { kind: 'few' },
        { kind: 'hidden' },
        { kind: 'shown', count: 0 },
        { kind: 'shown', count: 25 },
      ],
    });
  });

  it('leaves a small cell and a "few" cell that protect each other', () => {
    // 3 + 6 = 9 hidden: (1,8), (2,7), (3,6) or (4,5).
    const col = suppressAcross([cell(3, 2), cell(50, 10), cell(6, 1), cell(41, 9)], 3);
    expect(col.cells).toEqual([
      { kind: 'small', threshold: 5 },
      { kind: 'shown', count: 50 },
      { kind: 'few' },
      { kind: 'shown', count: 41 },
    ]);
  });

  it("uses each institution's own threshold for its own figure", () => {
    // Institution totals: A has 7 under its threshold of 10; 94 − 30 − 45 − 12 = 7 would give it,
    // so D (12, the smallest shown) is hidden too: A 1..9, D 10..18.
    const col = suppressAcross(
      [cell(7, 1, 10), cell(30, 1), cell(45, 1), cell(12, 1)],
      1, // an institution's own figure comes from one institution by definition
    );
    expect(col.cells).toEqual([
      { kind: 'small', threshold: 10 },
      { kind: 'shown', count: 30 },
      { kind: 'shown', count: 45 },
      { kind: 'hidden' },
    ]);
  });

  it('withholds a column whose total is below the threshold, or that cannot be protected', () => {
    expect(suppressAcross([cell(2, 1), cell(1, 1)], 3).published).toBe(false);
    // Two institutions only: 40 and 60 from one each; hiding both leaves 100 = a + b with a, b ≥ 5:
    // not pinned, so published with both hidden; one institution alone cannot be protected.
    expect(suppressAcross([cell(40, 1), cell(60, 1)], 3).cells).toEqual([
      { kind: 'few' },
      { kind: 'few' },
    ]);
    expect(suppressAcross([cell(100, 2), cell(0, 0)], 3).published).toBe(false);
  });
});

function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('suppressAcross against the subtraction attack', () => {
  it('never leaves a hidden cell that the total and the shown cells pin down (800 random columns)', () => {
    const rnd = random(22);
    for (let run = 0; run < 800; run++) {
      const size = 2 + Math.floor(rnd() * 5);
      const input = Array.from({ length: size }, () => {
        const count = rnd() < 0.2 ? 0 : Math.floor(rnd() * (rnd() < 0.5 ? 12 : 60));
        return {
          count,
          institutions: count === 0 ? 0 : 1 + Math.floor(rnd() * 5),
          threshold: rnd() < 0.7 ? 5 : 3 + Math.floor(rnd() * 8),
        };
      });
      const col = suppressAcross(input, 3);
      if (!col.published) {
        expect(col.cells.every((c) => c.kind === 'hidden')).toBe(true);
        continue;
      }
      const total = input.reduce((a, c) => a + c.count, 0);
      const found = recoverableCells(
        col.cells,
        input.map((c) => c.threshold),
        total,
      );
      expect(found, JSON.stringify(input)).toEqual([]);
      // Every shown cell is its true count, from enough institutions, at or above its threshold.
      col.cells.forEach((c, i) => {
        if (c.kind !== 'shown') return;
        expect(c.count).toBe(input[i]!.count);
        if (c.count > 0) {
          expect(c.count).toBeGreaterThanOrEqual(input[i]!.threshold);
          expect(input[i]!.institutions).toBeGreaterThanOrEqual(3);
        }
      });
    }
  });
});
