import { describe, expect, it } from 'vitest';
import { normalizedEntropy } from '../../../src/core/analyze/entropy.js';

describe('normalizedEntropy', () => {
  it('is 0 when every link uses one text', () => {
    expect(normalizedEntropy([2])).toBeCloseTo(0, 12);
    expect(normalizedEntropy([50])).toBeCloseTo(0, 12);
  });

  it('is 1 when no text repeats', () => {
    expect(normalizedEntropy([1, 1])).toBe(1);
    expect(normalizedEntropy([1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(1, 12);
  });

  it('is 1 for a single link or none: there is nothing to repeat', () => {
    expect(normalizedEntropy([1])).toBe(1);
    expect(normalizedEntropy([])).toBe(1);
    expect(normalizedEntropy([0, 1, 0])).toBe(1);
  });

  it('ignores texts that occur zero times', () => {
    expect(normalizedEntropy([0, 4, 0])).toBeCloseTo(0, 12);
    expect(normalizedEntropy([3, 0, 1])).toBeCloseTo(normalizedEntropy([3, 1]), 12);
  });

  it('divides by the entropy of every link having its own text, not of the distinct texts', () => {
    // Two texts, three links each: 1 bit out of log2(6) bits, not 1 out of log2(2).
    expect(normalizedEntropy([3, 3])).toBeCloseTo(1 / Math.log2(6), 12);
    // 4 of 5 links one text: -(0.8·log2 0.8 + 0.2·log2 0.2) / log2 5.
    const expected = -(0.8 * Math.log2(0.8) + 0.2 * Math.log2(0.2)) / Math.log2(5);
    expect(normalizedEntropy([4, 1])).toBeCloseTo(expected, 12);
  });

  it('rises strictly as six links spread over more, and more even, texts', () => {
    const spreads = [[6], [5, 1], [4, 2], [3, 3], [2, 2, 2], [2, 2, 1, 1], [2, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]];
    const values = spreads.map((counts) => normalizedEntropy(counts));
    for (const [index, value] of values.entries()) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      if (index > 0) expect(value, JSON.stringify(spreads[index])).toBeGreaterThan(values[index - 1] ?? Infinity);
    }
  });

  it('does not depend on the order of the counts, and takes any iterable', () => {
    const counts = new Map([
      ['a', 3],
      ['b', 1],
      ['c', 2],
    ]);
    expect(normalizedEntropy(counts.values())).toBeCloseTo(normalizedEntropy([1, 2, 3]), 12);
    expect(normalizedEntropy([2, 3, 1])).toBeCloseTo(normalizedEntropy([1, 2, 3]), 12);
  });
});
