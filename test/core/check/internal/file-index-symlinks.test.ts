import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileIndex } from '../../../../src/core/check/internal/file-index.js';
import { makeTree } from '../../../helpers/tree.js';

describe('FileIndex and symlinks', () => {
  it('treats a symlink out of the repository as missing and never suggests what lies beyond it', () => {
    const root = makeTree({ 'README.md': '' });
    symlinkSync('/', path.join(root, 'r'));
    const index = new FileIndex(root);
    expect(index.lookup('r/etc/passw')).toEqual({ kind: 'missing' });
    expect(index.lookup('r/etc/passwd')).toEqual({ kind: 'missing' });
    expect(index.lookup('r')).toEqual({ kind: 'missing' });
  });

  it('reports a link through a symlink to an existing file outside the repository as missing', () => {
    const outside = path.join(tmpdir(), `linkvet-outside-${process.pid}-${Date.now()}`);
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'secret.txt'), 'x');
    const root = makeTree({ 'README.md': '' });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret.txt'));
    symlinkSync(outside, path.join(root, 'out'));
    const index = new FileIndex(root);
    expect(index.lookup('secret.txt')).toEqual({ kind: 'missing' });
    expect(index.lookup('out/secret.txt')).toEqual({ kind: 'missing' });
  });

  it('treats a symlink into .git as missing', () => {
    const root = makeTree({ '.git/config': '', 'README.md': '' });
    symlinkSync('.git/config', path.join(root, 'cfg'));
    expect(new FileIndex(root).lookup('cfg')).toEqual({ kind: 'missing' });
  });

  it('reports a link to a looping symlink instead of passing it', () => {
    const root = makeTree({ 'README.md': '' });
    symlinkSync('self', path.join(root, 'self'));
    symlinkSync('b', path.join(root, 'a'));
    symlinkSync('a', path.join(root, 'b'));
    const index = new FileIndex(root);
    expect(index.lookup('self')).toEqual({ kind: 'loop', link: 'self', chain: ['self', 'self'] });
    expect(index.lookup('a')).toEqual({ kind: 'loop', link: 'a', chain: ['a', 'b', 'a'] });
  });

  it('still follows a symlink that stays inside the repository', () => {
    const root = makeTree({ 'docs/real.md': '' });
    symlinkSync('docs', path.join(root, 'alias'));
    const index = new FileIndex(root);
    expect(index.lookup('alias/real.md')).toEqual({ kind: 'file' });
  });
});
