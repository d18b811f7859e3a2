import { describe, expect, it } from 'vitest';
import { FileIndex } from '../../../../src/core/check/internal/file-index.js';
import { makeTree } from '../../../helpers/tree.js';

describe('FileIndex', () => {
  const root = (): string => makeTree({ 'docs/setup.md': '', 'docs/guide/README.md': '', 'Top.md': '' });

  it('tells files from directories, the root included', () => {
    const index = new FileIndex(root());
    expect(index.lookup('docs/setup.md')).toEqual({ kind: 'file' });
    expect(index.lookup('docs/guide')).toEqual({ kind: 'directory', entries: ['README.md'] });
    expect(index.lookup('').kind).toBe('directory');
  });

  it('compares names byte for byte and suggests the right case or a near name', () => {
    const index = new FileIndex(root());
    expect(index.lookup('Docs/Setup.md')).toEqual({ kind: 'missing', suggestion: 'docs/setup.md' });
    expect(index.lookup('docs/stup.md')).toEqual({ kind: 'missing', suggestion: 'docs/setup.md' });
    expect(index.lookup('top.md')).toEqual({ kind: 'missing', suggestion: 'Top.md' });
    expect(index.lookup('docs/zzz/unrelated.md')).toEqual({ kind: 'missing' });
    expect(index.lookup('docs/setup.md/child')).toEqual({ kind: 'missing' });
  });
});
