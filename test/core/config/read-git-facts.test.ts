import { describe, expect, it } from 'vitest';
import { githubRepository, readGitFacts } from '../../../src/core/config/read-git-facts.js';
import { makeTree } from '../../helpers/tree.js';

describe('githubRepository', () => {
  it('reads owner/name from https, ssh and scp-style origin URLs', () => {
    const origin = (url: string): string =>
      `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*\n`;
    expect(githubRepository(origin('https://github.com/acme/docs.git'))).toBe('acme/docs');
    expect(githubRepository(origin('git@github.com:acme/my.docs.git'))).toBe('acme/my.docs');
    expect(githubRepository(origin('ssh://git@github.com/acme/docs'))).toBe('acme/docs');
    expect(githubRepository(origin('https://gitlab.com/acme/docs.git'))).toBeUndefined();
    expect(githubRepository('[remote "upstream"]\n\turl = https://github.com/acme/docs.git\n')).toBeUndefined();
  });
});

describe('readGitFacts', () => {
  it('reads the origin and the checked-out branch, and nothing from a tree without .git', () => {
    const root = makeTree({
      '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/docs.git\n',
      '.git/HEAD': 'ref: refs/heads/feature/x\n',
    });
    expect(readGitFacts(root)).toEqual({ repository: 'acme/docs', branches: ['feature/x'] });
    expect(readGitFacts(makeTree({ 'a.md': '' }))).toEqual({ branches: [] });
  });
});
