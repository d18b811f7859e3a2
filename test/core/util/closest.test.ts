import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../../src/core/util/closest.js';

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
