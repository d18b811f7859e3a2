import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../../src/core/report/github/diff-lines.js';

const sorted = (lines: ReadonlySet<number>): number[] => [...lines].sort((a, b) => a - b);

describe('diffLines', () => {
  it('reads added lines as changed and context lines as commentable only', () => {
    const patch = ['@@ -1,3 +1,4 @@', ' one', '+two', '+three', ' four'].join('\n');
    const lines = diffLines(patch);
    expect(sorted(lines.changed)).toEqual([2, 3]);
    expect(sorted(lines.commentable)).toEqual([1, 2, 3, 4]);
  });

  it('skips removed lines, which have no new-side number', () => {
    const patch = ['@@ -5,4 +5,3 @@', ' keep', '-gone', '-also gone', '+new', ' tail'].join('\n');
    const lines = diffLines(patch);
    expect(sorted(lines.changed)).toEqual([6]);
    expect(sorted(lines.commentable)).toEqual([5, 6, 7]);
  });

  it('ignores "\\ No newline at end of file"', () => {
    const patch = [
      '@@ -1,2 +1,2 @@',
      ' a',
      '-b',
      '\\ No newline at end of file',
      '+B',
      '\\ No newline at end of file',
    ].join('\n');
    const lines = diffLines(patch);
    expect(sorted(lines.changed)).toEqual([2]);
    expect(sorted(lines.commentable)).toEqual([1, 2]);
  });

  it('restarts the count at each hunk and leaves the gap between hunks out', () => {
    const patch = [
      '@@ -1,2 +1,3 @@',
      ' a',
      '+b',
      ' c',
      '@@ -20,3 +21,3 @@ ## A section heading',
      ' x',
      '-y',
      '+Y',
      ' z',
    ].join('\n');
    const lines = diffLines(patch);
    expect(sorted(lines.changed)).toEqual([2, 22]);
    expect(sorted(lines.commentable)).toEqual([1, 2, 3, 21, 22, 23]);
    expect(lines.commentable.has(10)).toBe(false);
  });

  it('reads hunk headers without counts and a new file', () => {
    expect(sorted(diffLines('@@ -3 +3 @@\n-old\n+new').changed)).toEqual([3]);
    expect(sorted(diffLines('@@ -0,0 +1,2 @@\n+# Title\n+text').commentable)).toEqual([1, 2]);
  });

  it('ignores file headers before the first hunk', () => {
    const patch = ['diff --git a/a.md b/a.md', '--- a/a.md', '+++ b/a.md', '@@ -1 +1,2 @@', ' a', '+b'].join('\n');
    const lines = diffLines(patch);
    expect(sorted(lines.changed)).toEqual([2]);
    expect(sorted(lines.commentable)).toEqual([1, 2]);
  });

  it('keeps a context line whose text looks like a header or a marker', () => {
    const patch = ['@@ -1,2 +1,3 @@', ' --- a/x', '+++ not a header', ' @@ not a hunk'].join('\n');
    const lines = diffLines(patch);
    expect(sorted(lines.changed)).toEqual([2]);
    expect(sorted(lines.commentable)).toEqual([1, 2, 3]);
  });

  it('yields no lines for a deleted file or a missing patch', () => {
    expect(sorted(diffLines('@@ -1,2 +0,0 @@\n-a\n-b').commentable)).toEqual([]);
    const none = diffLines(undefined);
    expect(none.changed.size).toBe(0);
    expect(none.commentable.size).toBe(0);
  });

  it('does not count the empty string after a trailing newline as a line', () => {
    expect([...diffLines('@@ -1 +1 @@\n-a\n+b\n').commentable]).toEqual([1]);
  });
});
