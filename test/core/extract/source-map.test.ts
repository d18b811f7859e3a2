import type { Html } from 'mdast';
import { describe, expect, it } from 'vitest';
import { countGithubLines, createSourceMap, htmlPoints, type SourceMap } from '../../../src/core/extract/source-map.js';

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

describe('GitHub line numbers', () => {
  // GitHub's file view shows a file whose lines end in a lone CR as one line; its `#L` anchors count the same way.
  it('counts lines ending at LF only, a lone CR inside a line', () => {
    expect(countGithubLines('')).toBe(0);
    expect(countGithubLines('a\rb\r')).toBe(1);
    expect(countGithubLines('a\rb\nc')).toBe(2);
    expect(countGithubLines('a\r\nb\r\n')).toBe(2);
    expect(createSourceMap('a\rb\r\nc\nd\r').githubLineCount).toBe(3);
  });

  it("converts the parser's points to GitHub's: after a lone CR the line goes on", () => {
    const map = createSourceMap('ab\rcd\r\ne\rf\n');
    expect(map.lineCount).toBe(4);
    expect(map.githubPoint({ line: 1, column: 2 })).toEqual({ line: 1, column: 2 });
    expect(map.githubPoint({ line: 2, column: 1 })).toEqual({ line: 1, column: 4 });
    expect(map.githubPoint({ line: 2, column: 3 })).toEqual({ line: 1, column: 6 });
    expect(map.githubPoint({ line: 3, column: 1 })).toEqual({ line: 2, column: 1 });
    expect(map.githubPoint({ line: 4, column: 2 })).toEqual({ line: 2, column: 4 });
  });

  it('leaves points alone in a file without a lone CR', () => {
    const map = createSourceMap('a\r\nb\nc');
    expect(map.githubPoint({ line: 3, column: 2 })).toEqual({ line: 3, column: 2 });
    expect(map.githubLineCount).toBe(map.lineCount);
  });
});

describe('htmlPoints', () => {
  function htmlNode(value: string, line: number, column: number): Html {
    return { type: 'html', value, position: { start: { line, column }, end: { line, column } } };
  }

  it('maps offsets in a node to the source, past container prefixes on later lines', () => {
    const map = createSourceMap('> <div>\n> <a href="x">\n>   <img src="y">\n');
    const pointOf = htmlPoints(map, htmlNode('<div>\n<a href="x">\n  <img src="y">', 1, 3));
    expect(pointOf(0)).toEqual({ line: 1, column: 3 });
    expect(pointOf(6)).toEqual({ line: 2, column: 3 });
    expect(pointOf(21)).toEqual({ line: 3, column: 5 });
  });

  it('looks up each line of a node in the source once, however many links it holds', () => {
    const lines = Array.from({ length: 300 }, () => '<a href=x>'.repeat(10));
    const value = lines.join('\n');
    const map = createSourceMap(`${value}\n`);
    let lookups = 0;
    const counting: SourceMap = {
      ...map,
      lineText: (line) => {
        lookups++;
        return map.lineText(line);
      },
    };
    const pointOf = htmlPoints(counting, htmlNode(value, 1, 1));
    for (let offset = 0; offset < value.length; offset += 11) {
      const before = value.slice(0, offset).split('\n');
      expect(pointOf(offset)).toEqual({ line: before.length, column: (before.at(-1)?.length ?? 0) + 1 });
    }
    expect(lookups).toBeLessThanOrEqual(lines.length);
  });
});
