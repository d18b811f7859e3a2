import fc from 'fast-check';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { checkFragment } from '../../../src/core/check/internal/fragments.js';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import type { Landmarks } from '../../../src/core/types.js';
import { fuzzParameters } from '../../helpers/markdown-arbitraries.js';

/** Heading text: words, upper case, punctuation, emoji, accents, other scripts; no line breaks. */
const headingText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('Install', 'the', 'API', 'v2.0', 'x-1', 'Ünïcode', '中文', 'a_b') },
      fc.constantFrom(
        ' ',
        '  ',
        '-',
        '!',
        '?',
        '.',
        ',',
        '(',
        ')',
        '&',
        "'",
        '"',
        '/',
        ':',
        '😀',
        '🚀',
        '`code`',
        '*em*',
      ),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''));

function landmarksOf(headings: readonly string[]): Landmarks {
  const text = headings.map((heading) => `## ${heading}\n\n`).join('');
  return extractFile('a.md', parseMarkdown(text), text, { shortcut: false }).landmarks;
}

/** Upper-cases letters at random positions. */
function recase(text: string, seed: number): string {
  return text.replace(/./gu, (character, index: number) =>
    (seed >> (index % 30)) & 1 ? character.toUpperCase() : character,
  );
}

describe('heading slug properties', () => {
  it('slugs are deterministic, lower case, and hold no white space or punctuation but `-` and `_`', () => {
    fc.assert(
      fc.property(fc.array(headingText, { minLength: 1, maxLength: 6 }), (headings) => {
        const { slugs } = landmarksOf(headings);
        expect(landmarksOf(headings).slugs).toEqual(slugs);
        for (const slug of slugs) {
          expect(slug).toBe(slug.toLowerCase());
          expect(slug).not.toMatch(/[\s!-,./:-@[-^`{-~]/);
        }
      }),
      fuzzParameters(300),
    );
  });

  it('slugging a slug gives it back, as on GitHub', () => {
    fc.assert(
      fc.property(headingText, (heading) => {
        const [slug] = landmarksOf([heading]).slugs;
        expect(new GithubSlugger().slug(slug ?? '')).toBe(slug);
      }),
      fuzzParameters(300),
    );
  });

  it('repeated headings get -1, -2… suffixes that never collide with a literal heading slug', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('setup', 'Setup', 'a-1', 'x'),
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.constantFrom('setup-1', 'Setup 2', 'a-1-1', 'x-2', 'other'), { maxLength: 3 }),
        fc.nat(),
        (repeated, times, literals, at) => {
          const headings: string[] = Array.from({ length: times }, () => repeated);
          headings.splice(at % (times + 1), 0, ...literals);
          const { slugs } = landmarksOf(headings);
          expect(slugs).toHaveLength(headings.length);
          expect(new Set(slugs).size).toBe(slugs.length);
          const base = repeated.toLowerCase();
          expect(
            slugs.filter((slug) => slug === base || new RegExp(`^${base}-\\d+$`).test(slug)).length,
          ).toBeGreaterThanOrEqual(times);
        },
      ),
      fuzzParameters(300),
    );
  });

  it('matches a fragment to a heading whatever its case', () => {
    fc.assert(
      fc.property(fc.array(headingText, { minLength: 1, maxLength: 4 }), fc.nat(), (headings, seed) => {
        const landmarks = landmarksOf(headings);
        for (const slug of landmarks.slugs) {
          if (slug === '') continue;
          expect(checkFragment(landmarks, recase(slug, seed))).toEqual({ found: true });
        }
      }),
      fuzzParameters(300),
    );
  });
});
