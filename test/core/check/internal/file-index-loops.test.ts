import { mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileIndex } from '../../../../src/core/check/internal/file-index.js';
import { check } from '../../../helpers/run.js';
import { makeTree } from '../../../helpers/tree.js';

/** A tree with `docs/loop.md` → `other.md` → `loop.md`, the shape a botched rename leaves. */
function twoHopLoop(files: Readonly<Record<string, string>> = {}): string {
  const root = makeTree({ 'README.md': '', ...files });
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  symlinkSync('other.md', path.join(root, 'docs', 'loop.md'));
  symlinkSync('loop.md', path.join(root, 'docs', 'other.md'));
  return root;
}

describe('FileIndex and looping symlinks', () => {
  it('names every hop of a loop inside the repository, the first hop first', () => {
    const index = new FileIndex(twoHopLoop());
    expect(index.lookup('docs/loop.md')).toEqual({
      kind: 'loop',
      link: 'docs/loop.md',
      chain: ['docs/loop.md', 'docs/other.md', 'docs/loop.md'],
    });
  });

  it('shows a loop that comes back to a later hop, and one through a symlinked directory', () => {
    const root = makeTree({ 'README.md': '' });
    symlinkSync('b', path.join(root, 'a'));
    symlinkSync('c', path.join(root, 'b'));
    symlinkSync('b', path.join(root, 'c'));
    symlinkSync('.', path.join(root, 'here'));
    const index = new FileIndex(root);
    expect(index.lookup('a')).toEqual({ kind: 'loop', link: 'a', chain: ['a', 'b', 'c', 'b'] });
    expect(index.lookup('here/a')).toEqual({ kind: 'loop', link: 'here/a', chain: ['here/a', 'b', 'c', 'b'] });
  });

  it('reports a path through a looping directory symlink as that loop', () => {
    const root = makeTree({ 'README.md': '' });
    symlinkSync('guide', path.join(root, 'guide'));
    expect(new FileIndex(root).lookup('guide/setup.md')).toEqual({
      kind: 'loop',
      link: 'guide',
      chain: ['guide', 'guide'],
    });
  });

  it('keeps a loop that passes outside the repository missing, naming nothing there', () => {
    const outside = path.join(tmpdir(), `linkvet-loop-outside-${process.pid}-${Date.now()}`);
    mkdirSync(outside, { recursive: true });
    const root = makeTree({ 'README.md': '' });
    symlinkSync(path.join(outside, 'away'), path.join(root, 'out.md'));
    symlinkSync(path.join(root, 'out.md'), path.join(outside, 'away'));
    expect(new FileIndex(root).lookup('out.md')).toEqual({ kind: 'missing' });
  });

  it('keeps a loop that passes through .git missing', () => {
    const root = makeTree({ '.git/config': '', 'README.md': '' });
    symlinkSync('../hooks.md', path.join(root, '.git', 'hook'));
    symlinkSync('.git/hook', path.join(root, 'hooks.md'));
    expect(new FileIndex(root).lookup('hooks.md')).toEqual({ kind: 'missing' });
  });

  it('never suggests a looping symlink for a misspelt name', () => {
    const index = new FileIndex(twoHopLoop({ 'docs/loops.md': '' }));
    expect(index.lookup('docs/lop.md')).toEqual({ kind: 'missing', suggestion: 'docs/loops.md' });
  });
});

describe('a link to a looping symlink', () => {
  it('is a missing-file that says the link loops, hop by hop', async () => {
    const root = twoHopLoop({ 'README.md': '[loop](docs/loop.md) [inside](docs/loop.md/x.md)\n' });
    const report = await check(root, { include: ['README.md'] });
    expect(report.findings.map(({ rule, message }) => `${rule}: ${message}`)).toEqual([
      'missing-file: `docs/loop.md` is a symbolic link that loops (`docs/loop.md` → `docs/other.md` → `docs/loop.md`)',
      'missing-file: `docs/loop.md/x.md` does not exist: `docs/loop.md` is a symbolic link that loops (`docs/loop.md` → `docs/other.md` → `docs/loop.md`)',
    ]);
  });
});
