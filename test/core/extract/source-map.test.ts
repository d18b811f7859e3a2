import { describe, expect, it } from 'vitest';
import { createSourceMap } from '../../../src/core/extract/source-map.js';

describe('createSourceMap', () => {
  it('turns offsets into 1-based lines and columns', () => {
    const map = createSourceMap('ab\ncd\r\n\nlast');
    expect([0, 1, 2, 3, 5, 7, 8, 11, 12].map((offset) => map.pointAt(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 2, column: 3 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 4 },
      { line: 4, column: 5 },
    ]);
  });

  it('finds the line of an offset in a long file', () => {
    const map = createSourceMap('x\n'.repeat(1000));
    expect(map.pointAt(0)).toEqual({ line: 1, column: 1 });
    expect(map.pointAt(1001)).toEqual({ line: 501, column: 2 });
    expect(map.pointAt(1998)).toEqual({ line: 1000, column: 1 });
  });

  it('gives the text of a line without its line ending', () => {
    const map = createSourceMap('ab\ncd\r\n\nlast');
    expect([1, 2, 3, 4].map((line) => map.lineText(line))).toEqual(['ab', 'cd', '', 'last']);
    expect(map.lineText(5)).toBe('');
  });

  it('keeps the text it was made from', () => {
    expect(createSourceMap('a\nb').text).toBe('a\nb');
  });

  it('counts lines, a trailing newline ending the last line rather than starting one', () => {
    expect(createSourceMap('').lineCount).toBe(0);
    expect(createSourceMap('a').lineCount).toBe(1);
    expect(createSourceMap('a\n').lineCount).toBe(1);
    expect(createSourceMap('a\nb').lineCount).toBe(2);
    expect(createSourceMap('a\nb\n').lineCount).toBe(2);
    expect(createSourceMap('a\n\n').lineCount).toBe(2);
    expect(createSourceMap('a\r\nb\r\n').lineCount).toBe(2);
    expect(createSourceMap('ab\ncd\r\n\nlast').lineCount).toBe(4);
  });

  it('counts a lone CR as a line ending, as remark does (found by fuzzing)', () => {
    const map = createSourceMap('a\rb\r\nc\nd');
    expect(map.lineCount).toBe(4);
    expect(map.pointAt(2)).toEqual({ line: 2, column: 1 });
    expect(map.pointAt(5)).toEqual({ line: 3, column: 1 });
    expect(map.lineText(2)).toBe('b');
  });
});
