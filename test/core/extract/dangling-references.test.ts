import { describe, expect, it } from 'vitest';
import { findDanglingReferences, normalizeLabel } from '../../../src/core/extract/dangling-references.js';

describe('findDanglingReferences', () => {
  it('finds full and collapsed references with their offsets', () => {
    expect(findDanglingReferences('See [text][label] and [Other][].', false)).toEqual([
      { label: 'label', text: 'text', referenceType: 'full', start: 4, end: 17 },
      { label: 'other', text: 'Other', referenceType: 'collapsed', start: 22, end: 31 },
    ]);
  });

  it('finds shortcut references only when asked to', () => {
    expect(findDanglingReferences('a [Short] b', false)).toEqual([]);
    expect(findDanglingReferences('a [Short] b', true)).toEqual([
      { label: 'short', text: 'Short', referenceType: 'shortcut', start: 2, end: 9 },
    ]);
  });

  it('skips inline links, definitions and runs of three or more bracket pairs', () => {
    // `[h][i][j]` is a run like `a[0][1][2]`: no pair in it is reported on its own.
    expect(findDanglingReferences('[g](y) [f]: x [h][i][j]', true)).toEqual([]);
    expect(findDanglingReferences('[g](y) [f]: x [h][i] and', true)).toEqual([
      { label: 'i', text: 'h', referenceType: 'full', start: 14, end: 20 },
    ]);
  });

  it('skips footnotes and empty labels', () => {
    expect(findDanglingReferences('[^1] [h][^2] [] [x][ ]', true)).toEqual([]);
  });

  it('skips escaped brackets but not a bracket after an escaped backslash', () => {
    expect(findDanglingReferences('\\[x\\]\\[y\\]', true)).toEqual([]);
    // `\[z]` is literal text; `[w]` right after its `]` continues a bracket run and is not reported.
    expect(findDanglingReferences('\\[z][w]', true)).toEqual([]);
    expect(findDanglingReferences('\\[z] [w]', true)).toEqual([
      { label: 'w', text: 'w', referenceType: 'shortcut', start: 5, end: 8 },
    ]);
    expect(findDanglingReferences('\\\\[a][b]', false)).toEqual([
      { label: 'b', text: 'a', referenceType: 'full', start: 2, end: 8 },
    ]);
  });

  it('keeps escaped brackets inside the text', () => {
    expect(findDanglingReferences('[a\\]b][c d]', false)).toEqual([
      { label: 'c d', text: 'a\\]b', referenceType: 'full', start: 0, end: 11 },
    ]);
  });

  it('normalizes a label spread over lines, and trims the text', () => {
    expect(findDanglingReferences('[ Foo \n Bar ][]', false)).toEqual([
      { label: 'foo bar', text: 'Foo \n Bar', referenceType: 'collapsed', start: 0, end: 15 },
    ]);
  });
});

describe('normalizeLabel', () => {
  it('lower-cases and collapses white space, as CommonMark matches labels', () => {
    expect(normalizeLabel('  Foo \t\n  BAR ')).toBe('foo bar');
    expect(normalizeLabel('Ünïcödé')).toBe('ünïcödé');
  });
});

describe('brackets glued to a word', () => {
  it('are code without backticks, not references', () => {
    expect(findDanglingReferences('Use matrix[i][j], cube[x][y][z] or dict[key][] here', false)).toEqual([]);
    expect(findDanglingReferences('but (see [this][nolabel])', false)).toHaveLength(1);
  });
});
