import { describe, expect, it } from 'vitest';
import { fragmentOf, withoutFragment } from '../../../../src/core/check/external/normalize-url.js';

describe('withoutFragment', () => {
  it('drops the fragment and keeps the query', () => {
    expect(withoutFragment('https://example.com/a?x=1&y=2#intro')).toBe('https://example.com/a?x=1&y=2');
  });

  it('drops an empty fragment, so `#` alone makes no new URL', () => {
    expect(withoutFragment('https://example.com/a#')).toBe('https://example.com/a');
  });

  it('lower-cases the scheme and host but not the path or query', () => {
    expect(withoutFragment('HTTPS://Example.COM/Docs?Q=A')).toBe('https://example.com/Docs?Q=A');
  });

  it('drops the default port and keeps any other', () => {
    expect(withoutFragment('http://example.com:80/a')).toBe('http://example.com/a');
    expect(withoutFragment('https://example.com:443/a')).toBe('https://example.com/a');
    expect(withoutFragment('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('resolves dot segments and gives an empty path a slash', () => {
    expect(withoutFragment('https://example.com/a/./b/../c')).toBe('https://example.com/a/c');
    expect(withoutFragment('https://example.com')).toBe('https://example.com/');
  });

  it('gives one key to every spelling of the same page', () => {
    const spellings = ['HTTP://EXAMPLE.com:80/a/b/../c#x', 'http://example.com/a/c#y', 'http://example.com/a/./c'];
    expect(new Set(spellings.map(withoutFragment))).toEqual(new Set(['http://example.com/a/c']));
  });
});

describe('fragmentOf', () => {
  it('is undefined without a fragment or with an empty one', () => {
    expect(fragmentOf('https://example.com/a')).toBeUndefined();
    expect(fragmentOf('https://example.com/a#')).toBeUndefined();
  });

  it('returns the fragment as written, case kept', () => {
    expect(fragmentOf('https://example.com/a?x=1#Getting-Started')).toBe('Getting-Started');
  });

  it('decodes percent-encoding', () => {
    expect(fragmentOf('https://example.com/a#caf%C3%A9')).toBe('café');
    expect(fragmentOf('https://example.com/a#a%20b')).toBe('a b');
  });

  it('gives back raw characters the URL parser encoded', () => {
    expect(fragmentOf('https://example.com/a#café')).toBe('café');
    expect(fragmentOf('https://example.com/a#a b')).toBe('a b');
  });

  it('returns a malformed encoding undecoded instead of throwing', () => {
    expect(fragmentOf('https://example.com/a#100%')).toBe('100%');
    expect(fragmentOf('https://example.com/a#%E0%A4%A')).toBe('%E0%A4%A');
    expect(fragmentOf('https://example.com/a#%zz')).toBe('%zz');
  });
});
