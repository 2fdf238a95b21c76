import { describe, expect, it } from 'vitest';
import { findSharpRises, isSharpRise } from './trend-signals.js';

describe('sharp rises', () => {
  it('needs both +50 % and +5 over the mean of the two previous years', () => {
    expect(isSharpRise(15, [10, 10])).toBe(true);
    expect(isSharpRise(14, [10, 10])).toBe(false); // +40 %
    expect(isSharpRise(3, [2, 2])).toBe(false); // +50 % but +1
    expect(isSharpRise(105, [100, 100])).toBe(false); // +5 but +5 %
    expect(isSharpRise(6, [0, 2])).toBe(true);
  });

  it('signals only shown cells and gives the previous mean only when both years are shown', () => {
    const shown = (count: number) => ({ kind: 'shown' as const, count });
    expect(
      findSharpRises([
        { key: 'a', raw: [4, 8, 20], shown: [{ kind: 'small' }, shown(8), shown(20)] },
        { key: 'b', raw: [10, 10, 20], shown: [shown(10), shown(10), shown(20)] },
        { key: 'c', raw: [0, 0, 9], shown: [shown(0), shown(0), { kind: 'hidden' }] },
      ]),
    ).toEqual([
      { key: 'a', count: 20, previousMean: null },
      { key: 'b', count: 20, previousMean: 10 },
    ]);
  });

  it('leaves a year without data out of the mean instead of counting it as 0 (issue 20)', () => {
    const shown = (count: number) => ({ kind: 'shown' as const, count });
    // 2023 had no data at all: only 2024 (26) counts, so 25 is no rise — not "25 (mean 13)"
    expect(
      findSharpRises([{ key: 'sexual_violence', raw: [26, 25], shown: [shown(26), shown(25)] }]),
    ).toEqual([]);
    expect(findSharpRises([{ key: 'x', raw: [4, 12], shown: [shown(4), shown(12)] }])).toEqual([
      { key: 'x', count: 12, previousMean: null },
    ]);
    expect(findSharpRises([{ key: 'y', raw: [12], shown: [shown(12)] }])).toEqual([]); // nothing to compare with
    expect(isSharpRise(25, [0, 26])).toBe(true); // what the old mean over an empty year made of it
    expect(isSharpRise(25, [26])).toBe(false);
  });
});
