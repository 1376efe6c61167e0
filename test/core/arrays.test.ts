import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstIndex, lastIndex } from '../../src/core/arrays.js';

/** Ascending numbers and a probe, some probes below, between, on and above them. */
const sortedAndProbe = fc.tuple(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 20 }).map((a) => a.sort((x, y) => x - y)), fc.integer({ min: -5, max: 55 }));

describe('firstIndex', () => {
  it('is the first index where the test holds, or n', () => {
    expect(firstIndex(0, () => true)).toBe(0);
    expect(firstIndex(3, () => false)).toBe(3);
    expect(firstIndex(5, (i) => [1, 3, 3, 7, 9][i] > 3)).toBe(3);
  });

  it('agrees with a linear scan', () => {
    fc.assert(
      fc.property(sortedAndProbe, ([sorted, probe]) => {
        const linear = sorted.findIndex((v) => v > probe);
        expect(firstIndex(sorted.length, (i) => sorted[i] > probe)).toBe(linear === -1 ? sorted.length : linear);
      }),
    );
  });
});

describe('lastIndex', () => {
  it('is the last index where the test holds, or 0 when it holds nowhere', () => {
    expect(lastIndex(0, () => true)).toBe(0);
    expect(lastIndex(3, () => false)).toBe(0);
    expect(lastIndex(3, () => true)).toBe(2);
    // Line starts [0, 4, 4, 9]: offset 4 is on the last line starting at or before it.
    expect(lastIndex(4, (i) => [0, 4, 4, 9][i] <= 4)).toBe(2);
  });

  it('agrees with a linear scan', () => {
    fc.assert(
      fc.property(sortedAndProbe, ([sorted, probe]) => {
        let linear = 0;
        sorted.forEach((v, i) => {
          if (v <= probe) linear = i;
        });
        expect(lastIndex(sorted.length, (i) => sorted[i] <= probe)).toBe(linear);
      }),
    );
  });
});
