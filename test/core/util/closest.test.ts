import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance, nearestAmong, suggestionLimits } from '../../../src/core/util/closest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('install', 'instal')).toBe(1);
    expect(editDistance('instal', 'install')).toBe(1);
    expect(editDistance('setup', 'setpu')).toBe(1);
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closest', () => {
  it('suggests a case-only difference whatever the length', () => {
    expect(closest('README.MD', ['readme.md', 'other.md'])).toBe('readme.md');
  });

  it('suggests a near miss within a third of the length, and nothing beyond', () => {
    expect(closest('form', ['from', 'to'])).toBe('from');
    expect(closest('timout', ['timeout', 'retries'])).toBe('timeout');
    expect(closest('completely-different', ['install', 'usage'])).toBeUndefined();
  });

  it('breaks ties by code-unit order, so suggestions are deterministic', () => {
    expect(closest('cat', ['cbt', 'cot', 'cut'])).toBe('cbt');
  });
});

/** Today's answer without any bound: the full distance to every candidate, as `closest` was first written. */
function unboundedClosest(wanted: string, candidates: readonly string[]): string | undefined {
  const lower = wanted.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Short names over a small alphabet, upper case too, so that near misses, swaps and case-only differences abound. */
const name = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-', '1'), maxLength: 14 }),
  // Two letters only: anagrams and shifted runs pass the counting filter, so the banded table decides.
  fc.string({ unit: fc.constantFrom('a', 'B'), maxLength: 24 }),
);

describe('closest within its bounds', () => {
  it('gives the answer of the unbounded search for names and lists of ordinary size', () => {
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 30 }), (wanted, candidates) => {
        const expected = unboundedClosest(wanted, candidates);
        expect(closest(wanted, candidates)).toBe(expected);
        expect(nearestAmong(candidates)(wanted)).toBe(expected);
      }),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('fills only the band of the table within the limit of the diagonal', () => {
    const work = { steps: 0 };
    const wanted = 'x'.repeat(200);
    const candidate = 'x'.repeat(150) + 'y'.repeat(50);
    expect(closest(wanted, [candidate], { work })).toBe(candidate);
    // The whole table is 200 × 200 = 40,000 cells; the band of ±66 has at most 200 × 133, plus one counting pass.
    expect(work.steps).toBeGreaterThan(0);
    expect(work.steps).toBeLessThanOrEqual(200 * 133 + 2 * 200);
  });

  it('rules most candidates out with one counting pass each, before any table', () => {
    const base = 'x'.repeat(100) + 'y'.repeat(100);
    const candidates = Array.from({ length: 2000 }, (_, index) => `${base.slice(0, 100)}${index}${base.slice(100)}`);
    const work = { steps: 0 };
    expect(closest(`${base.slice(0, 100)}7${base.slice(101)}`, candidates, { work })).toBe(candidates[7]);
    // Full tables would be 2,000 × 200 × 200 = 80,000,000 cells.
    expect(work.steps).toBeGreaterThan(0);
    expect(work.steps).toBeLessThan(2000 * 2 * 204 + 200 * 133);
  });

  it('stops a name at its own share of work, and a list at its shared budget', () => {
    const candidates = Array.from({ length: 10_000 }, (_, index) => `release-${index}-notes-and-upgrade-guide`);
    const work = { steps: 0 };
    const nearest = nearestAmong(candidates, { work });
    let asked = 0;
    while (work.steps < suggestionLimits.stepsPerList && asked < 100_000)
      nearest(`release-${asked++}-notes-and-upgrade-guied`);
    expect(asked).toBeLessThan(100_000);
    // Every name costs at most its share (plus the one comparison that crosses it), and past the budget nothing is compared.
    expect(work.steps).toBeLessThan(suggestionLimits.stepsPerList + suggestionLimits.stepsPerName);
    const spent = work.steps;
    expect(nearest('release-1-notes-and-upgrade-guied')).toBeUndefined();
    expect(work.steps).toBe(spent);
  });

  it('suggests near misses for names up to 256 characters, and only case-only differences beyond', () => {
    const long = 'a'.repeat(300);
    expect(closest(long, [`${long}b`, long.toUpperCase()])).toBe(long.toUpperCase());
    expect(closest(long, [`${long}b`])).toBeUndefined();
    const work = { steps: 0 };
    expect(closest('a'.repeat(5000), ['a'.repeat(4999) + 'b'], { work })).toBeUndefined();
    expect(work.steps).toBe(0);
  });

  it('considers only the first 10,000 candidates given', () => {
    const candidates = [...Array.from({ length: 10_000 }, (_, index) => `filler-${index}`), 'installation'];
    expect(closest('instalation', candidates)).toBeUndefined();
    expect(closest('instalation', candidates.slice(-1))).toBe('installation');
  });
});
