import { describe, expect, it } from 'vitest';
import { blobUrl, type CommitLocation } from '../../../../src/core/report/github/blob-links.js';

const at: CommitLocation = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'abc123' };

describe('blobUrl', () => {
  it('links one line', () => {
    expect(blobUrl(at, 'docs/guide.md', 14)).toBe('https://github.com/octo/docs/blob/abc123/docs/guide.md?plain=1#L14');
  });

  it('links a range of lines, and one line when the range ends where it starts', () => {
    expect(blobUrl(at, 'a.md', 14, 16)).toBe('https://github.com/octo/docs/blob/abc123/a.md?plain=1#L14-L16');
    expect(blobUrl(at, 'a.md', 14, 14)).toBe('https://github.com/octo/docs/blob/abc123/a.md?plain=1#L14');
  });

  it('uses the server it is given, for GitHub Enterprise', () => {
    const enterprise = { ...at, serverUrl: 'https://git.example.com' };
    expect(blobUrl(enterprise, 'a.md', 1)).toBe('https://git.example.com/octo/docs/blob/abc123/a.md?plain=1#L1');
  });

  it('percent-encodes each segment but keeps the slashes between them', () => {
    expect(blobUrl(at, 'my docs/a (draft)#2.md', 3)).toBe(
      'https://github.com/octo/docs/blob/abc123/my%20docs/a%20%28draft%29%232.md?plain=1#L3',
    );
  });

  it('encodes unicode, percent signs, queries and the sub-delimiters Markdown could trip on', () => {
    const url = blobUrl(at, "ü/日本/100%?x=1 it's [a]*!.md", 1);
    expect(url).toBe(
      'https://github.com/octo/docs/blob/abc123/%C3%BC/%E6%97%A5%E6%9C%AC/100%25%3Fx%3D1%20it%27s%20%5Ba%5D%2A%21.md?plain=1#L1',
    );
    const path = url.slice('https://github.com/octo/docs/blob/abc123/'.length, url.indexOf('?plain=1#'));
    expect(path.split('/').map(decodeURIComponent)).toEqual(['ü', '日本', "100%?x=1 it's [a]*!.md"]);
    // Nothing is left that ends a Markdown link destination or starts a fragment early.
    expect(path).not.toMatch(/[\s()<>#?[\]]/);
  });
});
