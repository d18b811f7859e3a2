import { describe, expect, it } from 'vitest';
import { deniedBy, denyList, parseDenyFile, type DenyList } from '../../../src/core/config/deny-list.js';
import { LinkvetError } from '../../../src/core/errors.js';

/** The LinkvetError that `run` throws; fails the test when it throws nothing or something else. */
function thrown(run: () => unknown): LinkvetError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinkvetError) return error;
    throw error;
  }
  throw new Error('expected a LinkvetError');
}

function parseError(text: string, source = 'disavow.txt'): LinkvetError {
  return thrown(() => parseDenyFile(text, source));
}

describe('parseDenyFile', () => {
  it('reads domain lines and URL lines, skipping comments and blank lines', () => {
    const text = [
      '# Links we do not want',
      '',
      'domain:spam.example',
      '   ',
      'https://shady.example/page',
      '  # indented comment',
      'domain:casino.example',
    ].join('\n');
    expect(parseDenyFile(text, 'disavow.txt')).toEqual({
      domains: ['spam.example', 'casino.example'],
      urls: ['https://shady.example/page'],
    });
  });

  it('normalizes domains: case, trailing dot, space after the colon, international names', () => {
    const text = 'Domain:SPAM.Example.\nDOMAIN: other.example\ndomain:bücher.example\n';
    expect(parseDenyFile(text, 'd.txt').domains).toEqual(['spam.example', 'other.example', 'xn--bcher-kva.example']);
  });

  it('drops the fragment of a URL line, and keeps the rest exact', () => {
    const text = 'https://Shady.Example/page?q=1#part\nhttp://shady.example./other';
    expect(parseDenyFile(text, 'd.txt').urls).toEqual(['https://shady.example/page?q=1', 'http://shady.example/other']);
  });

  it('treats `#` after whitespace as a comment, and `#` inside a URL as its fragment', () => {
    const text = 'domain:spam.example # since 2024\nhttps://shady.example/page#top\t# old page';
    expect(parseDenyFile(text, 'd.txt')).toEqual({ domains: ['spam.example'], urls: ['https://shady.example/page'] });
  });

  it('reads CRLF and CR line ends and a byte order mark', () => {
    expect(parseDenyFile('\uFEFFdomain:a.example\r\ndomain:b.example\rdomain:c.example', 'd.txt').domains).toEqual([
      'a.example',
      'b.example',
      'c.example',
    ]);
  });

  it('lists each entry once', () => {
    const text = 'domain:spam.example\ndomain:SPAM.example\nhttps://x.example/a\nhttps://x.example/a#b';
    expect(parseDenyFile(text, 'd.txt')).toEqual({ domains: ['spam.example'], urls: ['https://x.example/a'] });
  });

  it('reads an empty file as an empty list', () => {
    expect(parseDenyFile('', 'd.txt')).toEqual({ domains: [], urls: [] });
  });

  it('names the file and the 1-based line of a malformed line', () => {
    const error = parseError('# comment\n\ndomain:ok.example\r\nnot a url\n', 'config/disavow.txt');
    expect(error.code).toBe('config');
    expect(error.location).toEqual({ file: 'config/disavow.txt', line: 4 });
    expect(error.message).toBe(
      '`config/disavow.txt` line 4: `not a url` is neither `domain:<name>` nor an http(s) URL',
    );
  });

  it('suggests the `domain:` prefix for a bare domain', () => {
    expect(parseError('spam.example').message).toContain('did you mean `domain:spam.example`?');
  });

  it.each([
    ['an empty domain', 'domain:'],
    ['a URL as a domain', 'domain:https://spam.example'],
    ['a path in a domain', 'domain:spam.example/page'],
    ['a port in a domain', 'domain:spam.example:8080'],
    ['a wildcard', 'domain:*.spam.example'],
    ['an empty label', 'domain:spam..example'],
    ['a space in a domain', 'domain:spam example'],
    ['another scheme', 'ftp://spam.example/file'],
    ['a URL that does not parse', 'https://'],
    ['a relative URL', '/page'],
  ])('rejects %s', (_name, line) => {
    expect(parseError(`domain:ok.example\n${line}`).location).toEqual({ file: 'disavow.txt', line: 2 });
  });
});

describe('denyList', () => {
  it('merges config domains with a parsed file, normalized and once each', () => {
    const file = parseDenyFile('domain:b.example\ndomain:a.example\nhttps://c.example/x', 'd.txt');
    expect(denyList(['A.Example.', 'z.example'], file)).toEqual({
      domains: ['a.example', 'z.example', 'b.example'],
      urls: ['https://c.example/x'],
    });
  });

  it('works without a file', () => {
    expect(denyList(['spam.example'])).toEqual({ domains: ['spam.example'], urls: [] });
  });

  it('rejects a config entry that is not a domain, naming the key', () => {
    const error = thrown(() => denyList(['https://spam.example/']));
    expect(error).toMatchObject({ code: 'config', location: { key: 'denyDomains' } });
    expect(error.message).toBe('`denyDomains` entry `https://spam.example/` is not a domain name, like `example.com`');
  });
});

describe('deniedBy', () => {
  const list = denyList(['spam.example', 'www.only.example'], {
    domains: ['casino.example'],
    urls: ['https://good.example/bad-page'],
  });

  it.each([
    ['https://spam.example/', 'spam.example'],
    ['http://spam.example/any/path?q=1#x', 'spam.example'],
    ['https://SPAM.Example/', 'spam.example'],
    ['https://spam.example./', 'spam.example'],
    ['https://www.spam.example/', 'spam.example'],
    ['https://a.b.spam.example:8443/', 'spam.example'],
    ['https://www.casino.example/', 'casino.example'],
    ['https://www.only.example/', 'www.only.example'],
    ['https://good.example/bad-page', 'https://good.example/bad-page'],
    ['https://good.example/bad-page#section', 'https://good.example/bad-page'],
    ['https://GOOD.example/bad-page', 'https://good.example/bad-page'],
  ])('denies %s by %s', (url, entry) => {
    expect(deniedBy(url, list)).toBe(entry);
  });

  it.each([
    ['a look-alike suffix', 'https://notspam.example/'],
    ['a parent of a denied subdomain', 'https://only.example/'],
    ['a sibling of a denied subdomain', 'https://api.only.example/'],
    ['the domain in the path', 'https://good.example/spam.example'],
    ['the domain in the query', 'https://good.example/?u=spam.example'],
    ['the domain as user info', 'https://spam.example@good.example/'],
    ['a denied domain as a label prefix', 'https://spam.example.good.example/'],
    ['another page of a denied URL', 'https://good.example/bad-page/2'],
    ['a denied URL with a query', 'https://good.example/bad-page?x=1'],
    ['a mailto link', 'mailto:someone@spam.example'],
    ['text that is not a URL', 'spam.example'],
  ])('allows %s', (_name, url) => {
    expect(deniedBy(url, list)).toBeUndefined();
  });

  it('matches an international domain however the link spells it', () => {
    const idn = denyList(['bücher.example']);
    expect(deniedBy('https://www.xn--bcher-kva.example/', idn)).toBe('xn--bcher-kva.example');
    expect(deniedBy('https://BÜCHER.example/', idn)).toBe('xn--bcher-kva.example');
  });

  it('normalizes a list built by hand', () => {
    const byHand: DenyList = { domains: ['Spam.Example.'], urls: ['https://X.example/a#frag'] };
    expect(deniedBy('https://www.spam.example/', byHand)).toBe('spam.example');
    expect(deniedBy('https://x.example/a', byHand)).toBe('https://x.example/a');
  });

  it('checks many URLs against a long list', () => {
    const long = denyList(Array.from({ length: 20_000 }, (_, i) => `spam${i}.example`));
    const started = performance.now();
    let hits = 0;
    for (let i = 0; i < 20_000; i += 1)
      if (deniedBy(`https://www.spam${i}.example/page`, long) !== undefined) hits += 1;
    expect(hits).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
