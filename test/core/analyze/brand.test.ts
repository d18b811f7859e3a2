import { describe, expect, it } from 'vitest';
import { brandTermsOf, namesBrand } from '../../../src/core/analyze/brand.js';
import { normalizeAnchorText } from '../../../src/core/analyze/normalize-text.js';

/** The brand terms of `url` with `configured` terms, as analysis computes them. */
function termsOf(url: string, configured: readonly string[] = []): string[] {
  return brandTermsOf(new URL(url), configured);
}

/** Whether raw anchor `text` names the brand of `url`, normalised as analysis does. */
function names(text: string, url: string, configured: readonly string[] = []): boolean {
  return namesBrand(normalizeAnchorText(text), termsOf(url, configured));
}

describe('brandTermsOf: the domain’s main label', () => {
  it.each([
    ['https://react.dev/learn', ['react']],
    ['https://docs.github.com/en/actions', ['github']],
    ['https://www.example.com/', ['example']],
    ['https://example.co.uk/shop', ['example']],
    ['https://shop.example.com.au/', ['example']],
    ['https://www.bbc.co.uk/news', ['bbc']],
    ['http://localhost:8080/', ['localhost']],
  ])('%s → %j', (url, terms) => {
    expect(termsOf(url)).toEqual(terms);
  });

  it('takes the label before a plain two-letter top-level domain, not a country-coded second level', () => {
    expect(termsOf('https://nodejs.org/en')).toEqual(['nodejs']);
    expect(termsOf('https://vitest.io/')).toEqual(['vitest']);
    expect(termsOf('https://acme.de/')).toEqual(['acme']);
  });
});

describe('brandTermsOf: names in the path of code and package hosts', () => {
  it('gives the npm package, in both spellings (which normalise alike)', () => {
    const terms = termsOf('https://www.npmjs.com/package/left-pad');
    expect(terms).toEqual(['npmjs', 'left pad']);
    expect(terms).not.toContain('package');
    expect(normalizeAnchorText('left-pad')).toBe('left pad');
  });

  it('gives the GitHub repository and its owner, split into words', () => {
    expect(termsOf('https://github.com/acme/rocket-lib')).toEqual(['github', 'acme', 'rocket lib']);
    expect(termsOf('https://github.com/acme/rocket-lib/blob/main/docs/deep-page.md')).toEqual([
      'github',
      'acme',
      'rocket lib',
    ]);
  });

  it('reads nothing from the path of other hosts', () => {
    expect(termsOf('https://blog.example/acme/rocket-lib')).toEqual(['blog']);
  });

  it('adds configured terms, normalised and de-duplicated', () => {
    expect(termsOf('https://shop.example/products', ['Acme Rockets', 'SHOP', 'acme-rockets'])).toEqual([
      'shop',
      'acme rockets',
    ]);
  });

  it('keeps one-letter brands (x.com) and drops terms that normalise to nothing', () => {
    expect(termsOf('https://shop.example/', ['x', '  ', '!'])).toEqual(['shop', 'x']);
    expect(termsOf('https://x.com/acme', [])).toEqual(['x']);
  });

  it('takes the project from shared hosts, and repositories from www.github.com too', () => {
    expect(termsOf('https://requests.readthedocs.io/en/latest/', [])).toEqual(['requests']);
    expect(termsOf('https://acme.github.io/rocket/', [])).toEqual(['acme', 'rocket']);
    expect(termsOf('https://www.github.com/acme/rocket-lib', [])).toEqual(['github', 'acme', 'rocket lib']);
  });
});

describe('namesBrand', () => {
  it('finds a term as whole words anywhere in the text', () => {
    expect(names('React', 'https://react.dev/learn')).toBe(true);
    expect(names('the React docs', 'https://react.dev/learn')).toBe(true);
    expect(names('React.js', 'https://react.dev/learn')).toBe(true);
    expect(names('GitHub Docs', 'https://docs.github.com/en')).toBe(true);
    expect(names('Example Ltd', 'https://example.co.uk/')).toBe(true);
  });

  it('does not find a term inside a longer word', () => {
    expect(names('reaction', 'https://react.dev/learn')).toBe(false);
    expect(names('chain reaction times', 'https://react.dev/learn')).toBe(false);
    expect(names('preact', 'https://react.dev/learn')).toBe(false);
    expect(names('githubber', 'https://docs.github.com/en')).toBe(false);
  });

  it('finds a term spelt out with spaces or run together', () => {
    expect(names('Git Hub', 'https://docs.github.com/en')).toBe(true);
    expect(names('g i t h u b', 'https://docs.github.com/en')).toBe(true);
    expect(names('leftpad', 'https://www.npmjs.com/package/left-pad')).toBe(true);
    expect(names('RocketLib', 'https://github.com/acme/rocket-lib')).toBe(true);
  });

  it('finds package and repository names from the path', () => {
    expect(names('left-pad', 'https://www.npmjs.com/package/left-pad')).toBe(true);
    expect(names('the left pad package', 'https://www.npmjs.com/package/left-pad')).toBe(true);
    expect(names('rocket-lib', 'https://github.com/acme/rocket-lib')).toBe(true);
    expect(names('Acme on GitHub', 'https://github.com/acme/rocket-lib')).toBe(true);
  });

  it('finds whole words of a multi-word repository or package name, not parts of words', () => {
    expect(names('rocket', 'https://github.com/acme/rocket-lib')).toBe(true);
    expect(names('gfm table', 'https://github.com/micromark/micromark-extension-gfm-table')).toBe(true);
    expect(names('rockets', 'https://github.com/acme/rocket-lib')).toBe(false);
    expect(names('rock', 'https://github.com/acme/rocket-lib')).toBe(false);
    expect(names('table of contents', 'https://github.com/micromark/micromark-extension-gfm-table')).toBe(false);
  });

  it('finds the start of a one-word domain label, three letters or more', () => {
    expect(names('npm', 'https://www.npmjs.com/package/left-pad')).toBe(true);
    expect(names('TypeScript', 'https://www.typescriptlang.org/docs/')).toBe(true);
    expect(names('np', 'https://www.npmjs.com/package/left-pad')).toBe(false);
    expect(names('npm docs', 'https://www.npmjs.com/package/left-pad')).toBe(false);
  });

  it('finds configured terms only when configured', () => {
    expect(names('Acme Rockets catalogue', 'https://shop.example/products')).toBe(false);
    expect(names('Acme Rockets catalogue', 'https://shop.example/products', ['Acme Rockets'])).toBe(true);
    expect(names('AcmeRockets', 'https://shop.example/products', ['Acme Rockets'])).toBe(true);
  });

  it('names nothing with no terms or no text', () => {
    expect(namesBrand('react', [])).toBe(false);
    expect(namesBrand('', ['react'])).toBe(false);
  });
});
