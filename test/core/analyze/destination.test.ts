import { describe, expect, it } from 'vitest';
import { destinationOf } from '../../../src/core/analyze/destination.js';
import { classifyLink } from '../../../src/core/classify/classify-link.js';
import type { Target } from '../../../src/core/types.js';

/** The destination of `url` written in `file`, classified as the pipeline does. */
function destinationOfUrl(file: string, url: string): ReturnType<typeof destinationOf> {
  return destinationOf(file, classifyLink(file, url, { ignoreUrls: [/^ignored:/], remap: [] }));
}

describe('destinationOf: pages of the repository', () => {
  it('gives a file its path as key, fragment or not', () => {
    const target: Target = { type: 'file', path: 'docs/b.md' };
    expect(destinationOf('docs/a.md', target)).toEqual({ key: 'file:docs/b.md', external: false });
    expect(destinationOf('README.md', { ...target, fragment: 'install' })).toEqual({
      key: 'file:docs/b.md',
      external: false,
    });
  });

  it('gives a same-file fragment the linking file’s key', () => {
    expect(destinationOf('docs/b.md', { type: 'fragment', fragment: 'install' })).toEqual({
      key: 'file:docs/b.md',
      external: false,
    });
  });

  it('agrees for every way of writing a link to one page', () => {
    const keys = [
      destinationOfUrl('docs/a.md', 'b.md'),
      destinationOfUrl('docs/a.md', './b.md#install'),
      destinationOfUrl('README.md', 'docs/b.md#usage'),
      destinationOfUrl('README.md', '/docs/b.md'),
      destinationOfUrl('docs/b.md', '#install'),
    ].map((destination) => destination?.key);
    expect(new Set(keys)).toEqual(new Set(['file:docs/b.md']));
  });

  it('tells different pages apart, and a page from the page linking to it', () => {
    expect(destinationOfUrl('docs/a.md', '#x')?.key).toBe('file:docs/a.md');
    expect(destinationOfUrl('docs/a.md', 'c.md')?.key).toBe('file:docs/c.md');
  });
});

describe('destinationOf: external pages', () => {
  const external = (url: string): ReturnType<typeof destinationOf> => destinationOf('a.md', { type: 'external', url });
  const key = (url: string): string | undefined => external(url)?.key;

  it('is external, drops the fragment from the URL, and `www.` from the domain', () => {
    const destination = external('https://www.example.com/docs?v=2#intro');
    expect(destination).toMatchObject({ external: true, domain: 'example.com' });
    expect(destination?.url?.href).toBe('https://www.example.com/docs?v=2');
    expect(destination?.key).not.toContain('#');
    expect(destination?.key).not.toContain('intro');
  });

  it('gives the fragments of one page one key', () => {
    expect(key('https://x.example/guide#one')).toBe(key('https://x.example/guide#two'));
    expect(key('https://x.example/guide#one')).toBe(key('https://x.example/guide'));
  });

  it('gives other pages, queries and hosts other keys', () => {
    const keys = [
      'https://x.example/guide',
      'https://x.example/guide?lang=de',
      'https://x.example/other',
      'https://docs.x.example/guide',
      'https://x.example:8443/guide',
    ].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives the spellings of one page one key: scheme, `www.`, trailing slash, index.html', () => {
    const keys = [
      'https://nodejs.org/en/',
      'http://nodejs.org/en',
      'https://www.nodejs.org/en',
      'https://nodejs.org/en/index.html',
      'https://nodejs.org/en/#about',
    ].map(key);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps `www.` subdomains and others apart in the domain', () => {
    const domain = (url: string): string | undefined => external(url)?.domain;
    expect(domain('https://www.example.com/')).toBe('example.com');
    expect(domain('https://example.com/')).toBe('example.com');
    expect(domain('https://docs.example.com/')).toBe('docs.example.com');
    expect(domain('https://www2.example.com/')).toBe('www2.example.com');
  });

  it('describes a classified external link the same way', () => {
    const classified = destinationOfUrl('a.md', 'HTTPS://WWW.Example.COM/Docs#Top');
    expect(classified).toMatchObject({ external: true, domain: 'example.com' });
    expect(classified?.key).toBe(key('https://example.com/Docs'));
    expect(classified?.key).not.toBe(key('https://example.com/docs'));
  });
});

describe('destinationOf: other targets', () => {
  it('keys an e-mail address in lower case, as an internal destination', () => {
    expect(destinationOf('a.md', { type: 'email', address: 'Someone@Example.COM' })).toEqual({
      key: 'mailto:someone@example.com',
      external: false,
    });
    expect(destinationOfUrl('a.md', 'mailto:SOMEONE@example.com')?.key).toBe('mailto:someone@example.com');
  });

  it.each<Target>([
    { type: 'phone', number: '+4930123456' },
    { type: 'outside-root', path: '../elsewhere.md' },
    { type: 'invalid', reason: 'the URL cannot be parsed' },
    { type: 'ignored', reason: 'ftp: scheme' },
  ])('leads nowhere checkable for $type', (target) => {
    expect(destinationOf('a.md', target)).toBeUndefined();
  });

  it('leads nowhere checkable for classified phone, ignored, invalid and outside-root links', () => {
    for (const url of ['tel:+4930123456', 'ftp://files.example/x', 'ignored:thing', 'https://', '../../out.md']) {
      expect(destinationOfUrl('docs/a.md', url), url).toBeUndefined();
    }
  });
});
