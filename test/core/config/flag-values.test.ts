import { describe, expect, it } from 'vitest';
import { parseExcludes, parseShard } from '../../../src/core/config/flag-values.js';
import { LinkvetError } from '../../../src/core/errors.js';

/** The error `run` throws, or a failure when it throws none. */
function errorOf(run: () => unknown): LinkvetError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinkvetError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('parseShard', () => {
  it('reads i/n, trimmed', () => {
    expect(parseShard('2/3', '--shard')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1/1\n', '--shard')).toEqual({ index: 1, count: 1 });
    expect(parseShard('3/3', '--shard')).toEqual({ index: 3, count: 3 });
  });

  it.each(['0/3', '4/3', '1/0', '0/0', '-1/3', '1.5/3', 'a/b', '2', '2/3/4', '', ' / '])(
    'rejects %j, naming the flag it was given as',
    (value) => {
      const flag = errorOf(() => parseShard(value, '--shard'));
      expect(flag.code).toBe('usage');
      expect(flag.location.key).toBe('--shard');
      expect(flag.message).toBe(`--shard must be i/n with 1 ≤ i ≤ n, such as \`2/3\`, got \`${value}\``);
      const input = errorOf(() => parseShard(value, 'shard'));
      expect(input.location.key).toBe('shard');
      expect(input.message.startsWith('shard must be i/n')).toBe(true);
    },
  );
});

describe('parseExcludes', () => {
  it('gives nothing for no values, so defaults stay', () => {
    expect(parseExcludes([], '--exclude')).toEqual({});
  });

  it('splits globs from regexes: ^…, /…/ and anything with a backslash', () => {
    const parsed = parseExcludes(['docs/legacy/**', '^vendor/', '/\\.tmp$/', 'a\\.md', '*.draft.md'], '--exclude');
    if (!('exclude' in parsed)) throw new Error('nothing parsed');
    expect(parsed.exclude).toEqual(['docs/legacy/**', '*.draft.md']);
    expect(parsed.excludePatterns.map(String)).toEqual(['/^vendor\\//', '/\\.tmp$/', '/a\\.md/']);
    const [vendor, tmp, aMd] = parsed.excludePatterns;
    expect(vendor?.test('vendor/x.md')).toBe(true);
    expect(vendor?.test('docs/vendor/x.md')).toBe(false);
    expect(tmp?.test('notes.tmp')).toBe(true);
    expect(aMd?.test('a.md')).toBe(true);
    expect(aMd?.test('aXmd')).toBe(false);
  });

  it('keeps globs only, with an empty list of patterns', () => {
    expect(parseExcludes(['**/node_modules/**'], 'exclude')).toEqual({
      exclude: ['**/node_modules/**'],
      excludePatterns: [],
    });
  });

  it('rejects an invalid regex, naming the flag and the pattern', () => {
    const flag = errorOf(() => parseExcludes(['ok/**', '^(docs'], '--exclude'));
    expect(flag.code).toBe('usage');
    expect(flag.location.key).toBe('--exclude');
    expect(flag.message).toMatch(/^--exclude `\^\(docs` is not a valid regular expression \(.+\)$/u);
    const input = errorOf(() => parseExcludes(['/[z-a]/'], 'exclude'));
    expect(input.location.key).toBe('exclude');
    expect(input.message.startsWith('exclude `[z-a]` is not a valid regular expression')).toBe(true);
  });
});
