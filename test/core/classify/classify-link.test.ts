import { describe, expect, it } from 'vitest';
import { classifyLink, type ClassifyOptions } from '../../../src/core/classify/classify-link.js';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import type { Target } from '../../../src/core/types.js';

const none: ClassifyOptions = { ignoreUrls: [], remap: [] };

function classify(url: string, file = 'docs/x.md', options: ClassifyOptions = none): Target {
  return classifyLink(file, url, options);
}

describe('classifyLink: paths in the repository', () => {
  it('resolves relative paths against the linking file', () => {
    expect(classify('a.md')).toEqual({ type: 'file', path: 'docs/a.md' });
    expect(classify('./a.md')).toEqual({ type: 'file', path: 'docs/a.md' });
    expect(classify('../a.md')).toEqual({ type: 'file', path: 'a.md' });
    expect(classify('sub/deeper/../b.md')).toEqual({ type: 'file', path: 'docs/sub/b.md' });
    expect(classify('a.md', 'top.md')).toEqual({ type: 'file', path: 'a.md' });
  });

  it('resolves root-relative paths against the root', () => {
    expect(classify('/docs/a.md')).toEqual({ type: 'file', path: 'docs/a.md' });
    expect(classify('/README.md', 'docs/deep/x.md')).toEqual({ type: 'file', path: 'README.md' });
  });

  it('keeps a fragment on a file path and drops the query', () => {
    expect(classify('a.md?plain=1#L3')).toEqual({ type: 'file', path: 'docs/a.md', fragment: 'L3' });
    expect(classify('a.md#with%20space')).toEqual({ type: 'file', path: 'docs/a.md', fragment: 'with space' });
    expect(classify('x.md#a#b', 'a.md')).toEqual({ type: 'file', path: 'x.md', fragment: 'a#b' });
  });

  it('drops an empty fragment', () => {
    expect(classify('a.md#')).toEqual({ type: 'file', path: 'docs/a.md' });
  });

  it('points a bare query at the linking file itself', () => {
    expect(classify('?x=1')).toEqual({ type: 'file', path: 'docs/x.md' });
  });

  it('percent-decodes paths, and takes spaces as written', () => {
    expect(classify('my%20file.md')).toEqual({ type: 'file', path: 'docs/my file.md' });
    expect(classify('my file.md')).toEqual({ type: 'file', path: 'docs/my file.md' });
    expect(classify(' a.md ')).toEqual({ type: 'file', path: 'docs/a.md' });
  });

  it('takes a Markdown destination in angle brackets, with spaces, as a path', () => {
    const text = '[t](<my file.md>)\n';
    const [link] = extractFile('docs/x.md', parseMarkdown(text), text, { shortcut: false }).links;
    expect(link?.url).toBe('my file.md');
    expect(classify(link?.url ?? '')).toEqual({ type: 'file', path: 'docs/my file.md' });
  });

  it('calls malformed percent-encoding invalid, in the path or the fragment', () => {
    expect(classify('a%E0%A4%A.md')).toEqual({
      type: 'invalid',
      reason: '`a%E0%A4%A.md` has malformed percent-encoding',
    });
    expect(classify('a.md#%')).toEqual({ type: 'invalid', reason: '`%` has malformed percent-encoding' });
    expect(classify('#%E0%A4%A')).toEqual({ type: 'invalid', reason: '`%E0%A4%A` has malformed percent-encoding' });
  });

  it('reports paths that climb out of the root', () => {
    expect(classify('../../x.md', 'docs/a.md')).toEqual({ type: 'outside-root', path: '../x.md' });
    expect(classify('../x.md', 'a.md')).toEqual({ type: 'outside-root', path: '../x.md' });
    expect(classify('..', 'a.md')).toEqual({ type: 'outside-root', path: '..' });
    expect(classify('%2E%2E/%2E%2E/x.md', 'docs/a.md')).toEqual({ type: 'outside-root', path: '../x.md' });
  });

  it("leaves links to the repository's own github.com pages alone", () => {
    const page = { type: 'ignored', reason: 'a github.com repository page' };
    expect(classify('../../issues/new', 'README.md')).toEqual(page);
    expect(classify('../../../wiki', 'docs/a.md')).toEqual(page);
    expect(classify('../../releases/latest', 'README.md')).toEqual(page);
    expect(classify('../../../other-repo/README.md', 'README.md')).toEqual({
      type: 'outside-root',
      path: '../../../other-repo/README.md',
    });
    expect(classify('../../nothing-of-github', 'README.md')).toEqual({
      type: 'outside-root',
      path: '../../nothing-of-github',
    });
  });

  it('reports root-relative paths that climb out of the root', () => {
    expect(classify('/../x.md', 'a.md')).toEqual({ type: 'outside-root', path: '../x.md' });
    expect(classify('/docs/../../x.md')).toEqual({ type: 'outside-root', path: '../x.md' });
  });

  it('names directories without a trailing slash, the root as the empty path', () => {
    expect(classify('docs/', 'a.md')).toEqual({ type: 'file', path: 'docs' });
    expect(classify('./')).toEqual({ type: 'file', path: 'docs' });
    expect(classify('.')).toEqual({ type: 'file', path: 'docs' });
    expect(classify('..')).toEqual({ type: 'file', path: '' });
    expect(classify('/')).toEqual({ type: 'file', path: '' });
    expect(classify('/', 'a.md')).toEqual({ type: 'file', path: '' });
    expect(classify('/docs/#top')).toEqual({ type: 'file', path: 'docs', fragment: 'top' });
  });
});

describe('classifyLink: fragments', () => {
  it('classifies a same-file fragment', () => {
    expect(classify('#x')).toEqual({ type: 'fragment', fragment: 'x' });
    expect(classify('#L10-L20')).toEqual({ type: 'fragment', fragment: 'L10-L20' });
  });

  it('percent-decodes the fragment', () => {
    expect(classify('#%E6%9C%89%E6%95%88')).toEqual({ type: 'fragment', fragment: '有效' });
    expect(classify('#a%20b')).toEqual({ type: 'fragment', fragment: 'a b' });
  });

  it('ignores a lone `#`', () => {
    expect(classify('#')).toEqual({ type: 'ignored', reason: 'empty fragment' });
  });
});

describe('classifyLink: other schemes', () => {
  it('normalises external http(s) URLs', () => {
    expect(classify('https://Example.COM')).toEqual({ type: 'external', url: 'https://example.com/' });
    expect(classify('HTTPS://EXAMPLE.com/P')).toEqual({ type: 'external', url: 'https://example.com/P' });
    expect(classify('http://example.com/a b?q=1#f')).toEqual({
      type: 'external',
      url: 'http://example.com/a%20b?q=1#f',
    });
  });

  it('takes protocol-relative URLs as https', () => {
    expect(classify('//host/x')).toEqual({ type: 'external', url: 'https://host/x' });
  });

  it('calls unparsable external URLs invalid', () => {
    expect(classify('http://')).toEqual({ type: 'invalid', reason: 'the URL cannot be parsed' });
    expect(classify('https://')).toEqual({ type: 'invalid', reason: 'the URL cannot be parsed' });
    expect(classify('http://a b.com')).toEqual({ type: 'invalid', reason: 'the URL cannot be parsed' });
  });

  it('checks mailto: addresses', () => {
    expect(classify('mailto:foo@example.com')).toEqual({ type: 'email', address: 'foo@example.com' });
    expect(classify('MAILTO:Foo@Example.com')).toEqual({ type: 'email', address: 'Foo@Example.com' });
    expect(classify('mailto:foo%40example.com')).toEqual({ type: 'email', address: 'foo@example.com' });
    expect(classify('mailto:a@x.org,b@y.org?cc=c@z.org')).toEqual({ type: 'email', address: 'a@x.org,b@y.org' });
    expect(classify('mailto:?subject=hi')).toEqual({ type: 'email', address: '' });
  });

  it('calls malformed mailto: links invalid', () => {
    expect(classify('mailto:foo@')).toEqual({ type: 'invalid', reason: '`foo@` is not an email address' });
    expect(classify('mailto:a b@c.com')).toEqual({ type: 'invalid', reason: '`a b@c.com` is not an email address' });
    expect(classify('mailto:')).toEqual({ type: 'invalid', reason: 'the mailto: link names no address' });
  });

  it('checks tel: numbers', () => {
    expect(classify('tel:+1-555-0100')).toEqual({ type: 'phone', number: '+1-555-0100' });
    expect(classify('tel:(555) 010-0100')).toEqual({ type: 'phone', number: '(555) 010-0100' });
    expect(classify('tel:%2B15550100')).toEqual({ type: 'phone', number: '+15550100' });
    expect(classify('tel:abc')).toEqual({ type: 'invalid', reason: '`abc` is not a phone number' });
    expect(classify('tel:1')).toEqual({ type: 'invalid', reason: '`1` is not a phone number' });
  });

  it('ignores other schemes, naming them', () => {
    expect(classify('ftp://x.org/f')).toEqual({ type: 'ignored', reason: 'ftp: scheme' });
    expect(classify('data:text/plain,hi')).toEqual({ type: 'ignored', reason: 'data: scheme' });
    expect(classify('javascript:alert(1)')).toEqual({ type: 'ignored', reason: 'javascript: scheme' });
    expect(classify('JavaScript:void(0)')).toEqual({ type: 'ignored', reason: 'javascript: scheme' });
  });

  it('ignores an empty URL', () => {
    expect(classify('')).toEqual({ type: 'ignored', reason: 'empty URL' });
    expect(classify('   ')).toEqual({ type: 'ignored', reason: 'empty URL' });
  });
});

describe('classifyLink: options', () => {
  const options: ClassifyOptions = {
    ignoreUrls: [/^https:\/\/localhost/, /example\.com/],
    remap: [
      { from: /^https:\/\/old\.site\//, to: 'https://new.site/' },
      { from: /^\/wiki\//, to: '/docs/' },
    ],
  };

  it('ignores URLs matching an ignoreUrls pattern, paths too', () => {
    expect(classify('https://localhost:3000/x', 'a.md', options)).toEqual({ type: 'ignored', reason: 'ignoreUrls' });
    expect(classify('docs/example.com.md', 'a.md', options)).toEqual({ type: 'ignored', reason: 'ignoreUrls' });
    expect(classify('https://other.org/', 'a.md', options)).toEqual({ type: 'external', url: 'https://other.org/' });
  });

  it('applies remaps before classifying', () => {
    expect(classify('https://old.site/page', 'a.md', options)).toEqual({
      type: 'external',
      url: 'https://new.site/page',
      remapped: true,
    });
    expect(classify('https://other.site/page', 'a.md', options)).toEqual({
      type: 'external',
      url: 'https://other.site/page',
    });
    expect(classify('/wiki/page.md', 'docs/x.md', options)).toEqual({ type: 'file', path: 'docs/page.md' });
  });

  it('can remap a URL into another kind of target, and only the first matching remap applies', () => {
    const toLocal: ClassifyOptions = {
      ignoreUrls: [],
      remap: [
        { from: /^https:\/\/docs\.mine\.example\//, to: '/docs/' },
        { from: /^\/docs\//, to: '/elsewhere/' },
      ],
    };
    expect(classify('https://docs.mine.example/a.md#x', 'README.md', toLocal)).toEqual({
      type: 'file',
      path: 'docs/a.md',
      fragment: 'x',
    });
  });
});

describe('classifyLink: this repository on github.com', () => {
  const own: ClassifyOptions = {
    ignoreUrls: [],
    remap: [],
    repository: 'acme/docs',
    localRefs: ['HEAD', 'main', 'feature/x'],
  };

  it('turns blob, tree and raw links on a local ref into files of the checkout', () => {
    expect(classify('https://github.com/acme/docs/blob/main/guide/a.md#L3', 'x.md', own)).toEqual({
      type: 'file',
      path: 'guide/a.md',
      fragment: 'L3',
    });
    expect(classify('https://github.com/Acme/Docs/tree/main/guide/', 'x.md', own)).toEqual({
      type: 'file',
      path: 'guide',
    });
    expect(classify('https://raw.githubusercontent.com/acme/docs/main/logo%20big.png', 'x.md', own)).toEqual({
      type: 'file',
      path: 'logo big.png',
    });
    expect(classify('https://github.com/acme/docs/blob/feature/x/a.md', 'x.md', own)).toEqual({
      type: 'file',
      path: 'a.md',
    });
  });

  it('leaves other refs, other repositories and other pages external', () => {
    for (const url of [
      'https://github.com/acme/docs/blob/v1.0/a.md',
      'https://github.com/acme/docs/blob/0123abc/a.md',
      'https://github.com/acme/other/blob/main/a.md',
      'https://github.com/acme/docs/issues/1',
      'https://github.com/acme/docs',
    ]) {
      expect(classify(url, 'x.md', own).type, url).toBe('external');
    }
    expect(classify('https://github.com/acme/docs/blob/main/a.md').type).toBe('external');
  });
});

describe('classifyLink: bugs found by the property tests', () => {
  const repository: ClassifyOptions = { ignoreUrls: [], remap: [], repository: 'owner/repo', localRefs: ['main'] };

  it('reads backslashes as slashes, so `..\\..\\` is a traversal, not a file name', () => {
    expect(classify('..\\..\\etc\\passwd')).toEqual({ type: 'outside-root', path: '../etc/passwd' });
    expect(classify('..%5c..%5cx.md')).toEqual({ type: 'outside-root', path: '../x.md' });
    expect(classify('sub\\a.md')).toEqual({ type: 'file', path: 'docs/sub/a.md' });
  });

  it('refuses a path holding a NUL character', () => {
    const target = classify('a%00.md');
    expect(target.type).toBe('invalid');
    expect(target.type === 'invalid' ? target.reason : '').toContain('NUL');
  });

  it('resolves encoded traversals in github.com links to this repository', () => {
    const url = 'https://github.com/owner/repo/blob/main/..%2F..%2Fetc/passwd';
    expect(classify(url, 'docs/x.md', repository)).toEqual({ type: 'outside-root', path: '../../etc/passwd' });
    const raw = 'https://raw.githubusercontent.com/owner/repo/main//etc/passwd';
    expect(classify(raw, 'docs/x.md', repository)).toEqual({ type: 'file', path: 'etc/passwd' });
  });
});
