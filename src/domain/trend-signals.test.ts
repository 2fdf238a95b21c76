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
    ).toEqual([{ key: 'a', count: 20, previousMean: null }, { key: 'b', count: 20, previousMean: 10 }]);
  });
});
