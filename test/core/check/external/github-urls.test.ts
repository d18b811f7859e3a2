import { describe, expect, it } from 'vitest';
import { parseGithubUrl, renamedUrl } from '../../../../src/core/check/external/github-urls.js';

describe('the github.com links the API answers', () => {
  it('reads repositories, paths at a ref, issues, pull requests and releases', () => {
    expect(parseGithubUrl('https://github.com/octo/docs')).toEqual({ kind: 'repository', owner: 'octo', name: 'docs' });
    expect(parseGithubUrl('https://github.com/octo/docs/?tab=readme-ov-file')).toMatchObject({ kind: 'repository' });
    expect(parseGithubUrl('https://github.com/octo/docs/blob/main/a%20b/c.md')).toEqual({
      kind: 'path',
      owner: 'octo',
      name: 'docs',
      ref: 'main',
      path: 'a b/c.md',
    });
    expect(parseGithubUrl('https://github.com/octo/docs/tree/v1.0')).toMatchObject({
      kind: 'path',
      ref: 'v1.0',
      path: '',
    });
    expect(parseGithubUrl('https://github.com/octo/docs/issues/12')).toMatchObject({ kind: 'item', number: 12 });
    expect(parseGithubUrl('https://github.com/octo/docs/pull/3')).toMatchObject({ kind: 'item', number: 3 });
    expect(parseGithubUrl('https://github.com/octo/docs/releases/tag/v2.0.0')).toMatchObject({
      kind: 'release',
      tag: 'v2.0.0',
    });
  });

  it('leaves every other shape to the page check', () => {
    const pages = [
      'https://github.com/octo',
      'https://github.com/octo/docs/actions',
      'https://github.com/octo/docs/pull/3/files',
      'https://github.com/octo/docs/issues/0',
      'https://github.com/octo/docs/issues/new',
      'https://github.com/octo/docs/releases',
      'https://github.com/octo/docs.git',
      'https://github.com/topics/rust',
      'https://github.com/orgs/octo',
      'https://github.com/octo/docs/blob/a:b/c.md',
      'https://github.com/octo//docs',
      'http://github.com/octo/docs',
      'https://www.github.com/octo/docs',
      'https://github.com:8443/octo/docs',
      'https://user@github.com/octo/docs',
      'https://gitlab.com/octo/docs',
      'https://github.com/octo/docs/blob/%E0%A4%A/x',
    ];
    for (const url of pages) expect(parseGithubUrl(url), url).toBeUndefined();
  });

  it('moves a link to the same page of the renamed repository', () => {
    expect(renamedUrl('https://github.com/old/name/blob/main/a.md?plain=1', 'new/other')).toBe(
      'https://github.com/new/other/blob/main/a.md?plain=1',
    );
    expect(renamedUrl('https://github.com/old/name', 'new/other')).toBe('https://github.com/new/other');
  });
});
